#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from a file descriptor without any terminal handling: for pipes, files and dumb
/// terminals. Invalid UTF-8 is replaced with U+FFFD, a CR before the LF is dropped, and a last line
/// without a newline is still returned before `.endOfFile`.
public final class PlainLineReader: LineReader {
    public var completion: ((String) -> [String])?
    public var isInteractive: Bool { false }

    private let input: Int32
    private let promptOutput: Int32?
    private let closesInput: Bool
    private var buffer: [UInt8] = []
    /// Start of the unread bytes in `buffer`; consumed bytes are dropped in bulk, not per line.
    private var start = 0
    /// Where to resume looking for a newline, so a very long line is scanned only once.
    private var scanned = 0
    private var inputEnded = false
    private static let chunkSize = 64 * 1024

    /// `promptOutput`: where to write the prompt (e.g. `STDOUT_FILENO`); nil writes no prompt.
    /// `closesInput`: the reader owns the descriptor and closes it when it is released.
    public init(fileDescriptor: Int32 = STDIN_FILENO, promptOutput: Int32? = nil, closesInput: Bool = false) {
        input = fileDescriptor
        self.promptOutput = promptOutput
        self.closesInput = closesInput
    }

    deinit {
        if closesInput { close(input) }
    }

    public func readLine(prompt: String) -> LineInput {
        writePrompt(prompt)
        while true {
            if let line = takeLine() { return .line(line) }
            if inputEnded { return takeRest() }
            fill()
        }
    }

    public func remember(_ line: String) {}

    private func writePrompt(_ prompt: String) {
        guard let promptOutput, !prompt.isEmpty else { return }
        // "\u{1}" only marks non-printing sequences for libedit.
        var rest = prompt.utf8.filter { $0 != 1 }[...]
        while !rest.isEmpty, case let written = rest.withUnsafeBytes({ write(promptOutput, $0.baseAddress, $0.count) }), written > 0 || errno == EINTR {
            rest = rest.dropFirst(max(0, written))
        }
    }

    private func takeLine() -> String? {
        guard let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) else {
            scanned = buffer.count
            return nil
        }
        var end = newline
        if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = String(decoding: buffer[start..<end], as: UTF8.self)
        start = newline + 1
        scanned = start
        return line
    }

    /// The unterminated last line, if any; `.endOfFile` from then on.
    private func takeRest() -> LineInput {
        guard start < buffer.count else { return .endOfFile }
        let line = String(decoding: buffer[start...], as: UTF8.self)
        buffer.removeAll()
        start = 0
        scanned = 0
        return .line(line)
    }

    private func fill() {
        compact()
        var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.append(contentsOf: chunk[..<count])
                return
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                waitUntilReadable()
                continue
            }
            inputEnded = true  // end of input, or an error that reading again will not fix
            return
        }
    }

    /// Drops consumed bytes once they make up most of the buffer (amortised O(1) per byte).
    private func compact() {
        guard start > 0, start * 2 >= buffer.count else { return }
        buffer.removeSubrange(0..<start)
        scanned -= start
        start = 0
    }

    /// A non-blocking descriptor (e.g. inherited from a parent) must not turn into a busy loop.
    private func waitUntilReadable() {
        var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, -1)
    }
}
