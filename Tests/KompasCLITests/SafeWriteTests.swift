import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `plan -o` and every other write: an existing file is never replaced unasked, a planted link
/// is never followed, a device or FIFO is written into and stays what it is.
@Suite struct SafeWriteTests {
    let mini = BinaryRunner.mini

    func plan(_ output: String, _ extra: [String] = []) throws -> BinaryRunner.Result {
        try BinaryRunner.run(["plan", "--rules", mini, try MiniTranscript.write(), "-o", output] + extra)
    }

    func kind(_ path: String) -> mode_t? {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : nil
    }

    func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func anExistingFileIsRefusedUnlessForced() throws {
        let target = try BinaryRunner.temporaryDirectory() + "/plan.md"
        try "mijn eigen aantekeningen\n".write(toFile: target, atomically: false, encoding: .utf8)
        chmod(target, 0o600)
        let refused = try plan(target)
        #expect(refused.status == 73)
        #expect(refused.stderr == "kompas: fout: \(target) bestaat al: kies een andere naam, of overschrijf het met --force\n")
        #expect(contents(target) == "mijn eigen aantekeningen\n")
        let forced = try plan(target, ["--force"])
        #expect(forced.status == 0)
        #expect(contents(target)?.hasPrefix("# Vervolgplan: Weerbaar buitengebied") == true)
        var status = stat()
        stat(target, &status)
        #expect(status.st_mode & 0o7777 == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: (target as NSString).deletingLastPathComponent) == ["plan.md"])
    }

    /// The old temporary name was `.NAME.PID.tmp`: a link planted there, once the process id is
    /// known, made the export write into the link's target and replace the plan with the link.
    @Test func aLinkPlantedAtTheTemporaryNameIsNotFollowed() throws {
        let dir = try BinaryRunner.temporaryDirectory()
        let victim = dir + "/slachtoffer", target = dir + "/plan.md"
        try "onaangetast\n".write(toFile: victim, atomically: false, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BinaryRunner.binary)
        process.arguments = ["--rules", mini]
        process.environment = ProcessInfo.processInfo.environment.merging(["XDG_STATE_HOME": dir + "/state"]) { $1 }
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let planted = dir + "/.plan.md.\(process.processIdentifier).tmp"
        try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: victim)
        input.fileHandleForWriting.write(Data("buitengebied\nEde\n:exporteer \(target)\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(contents(victim) == "onaangetast\n")
        #expect(kind(target) == S_IFREG)
        #expect(contents(target)?.hasPrefix("# Vervolgplan: Weerbaar buitengebied \\(ondermijningsrisico's\\) — Ede\n") == true)
        #expect(kind(planted) == S_IFLNK)
    }

    @Test func aFIFOIsWrittenIntoAndStaysAFIFO() throws {
        let fifo = try BinaryRunner.temporaryDirectory() + "/pijp"
        #expect(mkfifo(fifo, 0o600) == 0)
        // Opened for reading first and without blocking, so the writer never waits and a test
        // of a kompas that replaces the FIFO instead reads nothing rather than hanging.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        let result = try plan(fifo)
        #expect(result.status == 0)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while case let count = read(reader, &buffer, buffer.count), count > 0 { received += buffer[..<count] }
        #expect(String(decoding: received, as: UTF8.self).hasPrefix("# Vervolgplan: Weerbaar buitengebied"))
        #expect(kind(fifo) == S_IFIFO)
    }

    /// Through a link to the standard output, as /dev/stdout is (a copy in a scratch directory
    /// first, so a regression cannot replace the machine's /dev/stdout).
    @Test func standardOutputPrintsThePlan() throws {
        let link = try BinaryRunner.temporaryDirectory() + "/stdout"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/proc/self/fd/1")
        let copy = try plan(link)
        #expect(copy.status == 0)
        #expect(copy.stdout.hasPrefix("# Vervolgplan: Weerbaar buitengebied"))
        try #require(kind(link) == S_IFLNK)
        let real = try plan("/dev/stdout")
        #expect(real.status == 0)
        #expect(real.stdout == copy.stdout)
        #expect(real.stderr == "")
    }

    @Test func standardOutputInATerminalPrintsThePlan() throws {
        let terminal = try PseudoTerminal.spawn(BinaryRunner.binary, arguments: ["plan", "--rules", mini, try MiniTranscript.write(), "-o", "/dev/stdout"])
        try terminal.waitFor("# Vervolgplan: Weerbaar buitengebied")
        #expect(try terminal.waitForExit() == .exited(0))
    }

    /// A character device made as /dev/null is (first in a scratch directory, so a regression
    /// cannot replace the machine's /dev/null), then /dev/null itself.
    @Test(.enabled(if: getuid() == 0, "alleen root kan een apparaatbestand maken en /dev/null vervangen; overgeslagen"))
    func aDeviceStaysADevice() throws {
        var null = stat()
        try #require(stat("/dev/null", &null) == 0)
        let device = try BinaryRunner.temporaryDirectory() + "/null"
        try #require(mknod(device, S_IFCHR | 0o666, null.st_rdev) == 0)
        #expect(try plan(device).status == 0)
        var after = stat()
        try #require(stat(device, &after) == 0 && after.st_mode & S_IFMT == S_IFCHR && after.st_rdev == null.st_rdev)
        #expect(try plan("/dev/null").status == 0)
        #expect(stat("/dev/null", &after) == 0 && after.st_mode & S_IFMT == S_IFCHR && after.st_rdev == null.st_rdev)
    }

    /// Left by a kill -9 while writing: older than a minute, so no kompas is writing it any more.
    @Test func staleTemporaryFilesAreRemoved() throws {
        let dir = try BinaryRunner.temporaryDirectory()
        let state = try BinaryRunner.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: state + "/kompas", withIntermediateDirectories: true)
        let old = Date(timeIntervalSinceNow: -120)
        let stale = [dir + "/.plan.md.kompas-tmp-Ab12Cd", state + "/kompas/.sessie.transcript.kompas-tmp-Xy34Zw"]
        let fresh = dir + "/.ander.md.kompas-tmp-Ef56Gh"
        for path in stale + [fresh] { try "half".write(toFile: path, atomically: false, encoding: .utf8) }
        for path in stale { try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path) }
        // At the next start, in the state directory…
        #expect(try BinaryRunner.run(["themes", "--rules", mini], environment: ["XDG_STATE_HOME": state]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: state + "/kompas") == [])
        // …and where kompas writes.
        #expect(try plan(dir + "/plan.md").status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == [".ander.md.kompas-tmp-Ef56Gh", "plan.md"])
    }
}
