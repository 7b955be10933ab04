import ArgumentParser
import FoundationEssentials
import KompasCore
import KompasLineEditing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A user-facing failure: a Dutch message for stderr and a sysexits code.
struct Failure: Error {
    enum Code: Int32 {
        case failed = 1, usage = 64, dataError = 65, noInput = 66, cannotCreate = 73
    }

    var message: String
    var code: Code
    /// Diagnostics already carry `path:line:column: fout:`; plain messages get `kompas: fout:`.
    var prefixed: Bool

    init(_ message: String, code: Code, prefixed: Bool = true) {
        self.message = message
        self.code = code
        self.prefixed = prefixed
    }
}

extension Failure {
    /// A transcript that contradicts itself is bad data (65); one the rules no longer fit fails a check (1).
    init(_ refusal: TranscriptRefusal) {
        self.init(refusal.description, code: refusal.reason == .contradictory ? .dataError : .failed, prefixed: false)
    }
}

extension ParsableCommand {
    /// Runs `body`, turning a `Failure` into its message on stderr and its exit code.
    func reporting(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as Failure {
            Console.error(failure.prefixed ? "kompas: fout: \(failure.message)" : failure.message)
            throw ExitCode(failure.code.rawValue)
        }
    }
}

/// Unbuffered writes, so output interleaves correctly with the line editor and with pipes. Every
/// word kompas writes passes here, so this is where control characters are neutralised.
enum Console {
    static func out(_ text: String) { FileOutput.write(Array(TerminalText.neutralised(text).utf8), to: STDOUT_FILENO) }
    static func line(_ text: String = "") { out(text + "\n") }
    static func error(_ text: String) { FileOutput.write(Array(TerminalText.neutralised(text + "\n").utf8), to: STDERR_FILENO) }

    static var today: String { localTime(time(nil), "%Y-%m-%d") }

    /// strftime, not DateFormatter: DateFormatter would load ICU's data at every start.
    static func localTime(_ seconds: time_t, _ format: String) -> String {
        var seconds = seconds
        var parts = tm()
        localtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 64)
        let length = strftime(&buffer, buffer.count, format, &parts)
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
