import Foundation

/// Runs the built `kompas` binary as a user would from a shell, with stdin piped.
struct BinaryRunner {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let fixtures = repository + "/Tests/KompasCoreTests/Fixtures"
    static let mini = fixtures + "/mini"

    /// The binary beside the test bundle: `swift test` builds it into the same folder.
    static var binary: String { executable("kompas") }

    /// One of the package's executables (kompas, kompas-bench, kompas-fuzz-…), beside the tests.
    static func executable(_ name: String) -> String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [beside, beside.deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return repository + "/.build/debug/" + name
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(
        _ arguments: [String], input: String = "", environment: [String: String] = [:], directory: String? = nil, executable: String = binary
    ) throws -> Result {
        try run(arguments, bytes: Data(input.utf8), environment: environment, directory: directory, executable: executable)
    }

    /// Runs with raw bytes on stdin, for input that is not valid UTF-8.
    static func run(
        _ arguments: [String], bytes input: Data, environment: [String: String] = [:], directory: String? = nil, executable: String = binary
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["KOMPAS_RULES"] = nil
        // Piped output is 80 columns wide unless a test says otherwise.
        env["COLUMNS"] = nil
        env["XDG_STATE_HOME"] = scratch + "/state-" + UUID().uuidString
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        // stderr into a file, so reading stdout to its end cannot block on a full stderr pipe.
        let errorPath = scratch + "/stderr-" + UUID().uuidString
        FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        let stdin = Pipe(), stdout = Pipe(), stderr = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try stderr.close()
        let err = FileManager.default.contents(atPath: errorPath) ?? Data()
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> String {
        let path = scratch + "/" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Everything a test run writes (directories, session state, the rule cache) goes under one
    /// directory, removed when the test process exits.
    static let scratch: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kompas-tests-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: BinaryRunner.scratch) }
        return path
    }()
}
