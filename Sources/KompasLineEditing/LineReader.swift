#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The outcome of asking the user for one line.
public enum LineInput: Equatable, Sendable {
    case line(String)
    /// Ctrl-C on a line being typed; the caller prompts again.
    case interrupted
    /// Ctrl-D on an empty line, or the input ended.
    case endOfFile
}

public protocol LineReader: AnyObject {
    /// Reads one line (without the newline). `.interrupted` when the user pressed Ctrl-C on a
    /// line being typed (the caller prompts again), `.endOfFile` on Ctrl-D on an empty line / EOF.
    func readLine(prompt: String) -> LineInput
    /// Records an accepted line in history (interactive readers only; plain reader ignores it).
    func remember(_ line: String)
    /// Completion: given the text before the cursor, return candidate full replacements for the
    /// word being typed (the reader inserts the longest common prefix; on ambiguity it lists them).
    var completion: (@Sendable (String) -> [String])? { get set }
    var isInteractive: Bool { get }
}

/// The libedit reader when both stdin and stdout are terminals, otherwise the plain reader
/// (pipes and files must not receive escape codes).
public func makeStandardLineReader(historyFile: String?, historyLimit: Int = 1000) -> any LineReader {
    if isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 {
        return LibeditLineReader(historyFile: historyFile, historyLimit: historyLimit)
    }
    return PlainLineReader()
}

/// Unbuffered output to a file descriptor, for the plain reader's prompt and the program's
/// own messages, so they interleave with the line editor's and with pipes in order.
public enum FileOutput {
    /// Writes all of `bytes`, again after an interruption; stops quietly when nobody reads
    /// (a closed pipe).
    public static func write(_ bytes: [UInt8], to descriptor: Int32) {
        var rest = bytes[...]
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            rest = rest.dropFirst(written)
        }
    }
}

/// libc's `write`, by a name `FileOutput.write` does not hide.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
