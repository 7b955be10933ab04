import Foundation
import Testing
import KompasCore

@Suite struct SystemReasonTests {
    @Test func reasonsInDutch() {
        #expect(SystemReason.dutch(EACCES, path: "/x/y") == "geen toestemming")
        #expect(SystemReason.dutch(EPERM, path: "/x/y") == "geen toestemming")
        #expect(SystemReason.dutch(ENOSPC, path: "/x/y") == "de schijf is vol")
        #expect(SystemReason.dutch(EROFS, path: "/x/y") == "alleen-lezen")
        #expect(SystemReason.dutch(EEXIST, path: "/x/y") == "/x/y bestaat al")
        #expect(SystemReason.dutch(ENOENT, path: "/kompas-nergens/y") == "de map /kompas-nergens bestaat niet")
        // A folder that is there but takes no new files (/proc) is not called missing.
        #expect(SystemReason.dutch(ENOENT, path: "/proc/x.transcript") == "/proc laat geen nieuwe bestanden toe")
    }

    @Test func notADirectoryNamesTheFileInThePath() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reason-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "x".write(toFile: folder + "/bestand", atomically: true, encoding: .utf8)
        #expect(SystemReason.dutch(ENOTDIR, path: folder + "/bestand/a/b.transcript") == "\(folder)/bestand is geen map")
    }
}
