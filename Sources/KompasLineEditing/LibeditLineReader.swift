import CKompasEdit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Interactive line editing with libedit: emacs keys, history, Tab completion, Ctrl-C to cancel
/// a line. Non-printing prompt sequences (colours) must be wrapped in "\u{1}" … "\u{1}".
/// libedit keeps process-wide signal state, so use one instance at a time.
public final class LibeditLineReader: LineReader {
    public var completion: ((String) -> [String])?
    public var isInteractive: Bool { true }

    private let editor: OpaquePointer?
    private let historyFile: HistoryFile?
    /// Used only if libedit could not be initialised, so the session still works.
    private let fallback: PlainLineReader?

    /// Edits on standard input/output, with the terminal type from `$TERM`.
    public convenience init(historyFile: String?, historyLimit: Int = 1000) {
        self.init(
            historyFile: historyFile, historyLimit: historyLimit,
            inputFileDescriptor: STDIN_FILENO, outputFileDescriptor: STDOUT_FILENO)
    }

    /// Edits on any terminal, e.g. a pseudo-terminal in tests. `terminalType` overrides `$TERM`.
    public init(
        historyFile: String?, historyLimit: Int = 1000,
        inputFileDescriptor: Int32, outputFileDescriptor: Int32, terminalType: String? = nil
    ) {
        editor = kompas_edit_init("kompas", inputFileDescriptor, outputFileDescriptor, terminalType)
        self.historyFile = historyFile.map { HistoryFile(path: $0, limit: historyLimit) }
        fallback = editor == nil
            ? PlainLineReader(fileDescriptor: inputFileDescriptor, promptOutput: outputFileDescriptor)
            : nil
        guard let editor else { return }
        kompas_edit_history_set_size(editor, Int32(clamping: historyLimit))
        for entry in self.historyFile?.load() ?? [] {
            entry.withWideCString { kompas_edit_history_enter(editor, $0) }
        }
        kompas_edit_set_completion(editor, completeCallback, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        kompas_edit_end(editor)
    }

    public func readLine(prompt: String) -> LineInput {
        guard let editor else { return fallback?.readLine(prompt: prompt) ?? .endOfFile }
        var length: Int32 = 0
        var status = KOMPAS_READ_END_OF_FILE
        let line = prompt.withWideCString { kompas_edit_read_line(editor, $0, &length, &status) }
        switch status {
        case KOMPAS_READ_INTERRUPTED: return .interrupted
        case KOMPAS_READ_LINE:
            guard let line else { return .endOfFile }
            var text = String(wide: UnsafeBufferPointer(start: line, count: Int(length)))
            if text.hasSuffix("\n") { text.removeLast() }
            return .line(text)
        default: return .endOfFile
        }
    }

    /// Adds `line` to the in-memory history and the history file. Blank lines and lines that
    /// would not survive a line-based file are skipped; a failing write never ends the session.
    public func remember(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace), !line.contains(where: \.isNewline) else { return }
        if let editor {
            line.withWideCString { kompas_edit_history_enter(editor, $0) }
        }
        historyFile?.append(line)
    }

    /// Tab: asks `completion` for candidates and applies the resulting plan to the line.
    fileprivate func complete(textBeforeCursor: String) -> kompas_completion_result {
        guard let editor, let completion,
            let plan = CompletionPlan.make(
                textBeforeCursor: textBeforeCursor, candidates: completion(textBeforeCursor)),
            !plan.isEmpty
        else { return KOMPAS_COMPLETION_NOTHING }
        kompas_edit_delete_before_cursor(editor, Int32(clamping: plan.deleteCount))
        if !plan.insertion.isEmpty {
            _ = plan.insertion.withWideCString { kompas_edit_insert(editor, $0) }
        }
        guard !plan.listing.isEmpty else { return KOMPAS_COMPLETION_EDITED }
        let listing = CompletionListing.format(plan.listing, width: Int(kompas_edit_columns(editor)))
        kompas_edit_write(editor, "\n" + listing + "\n")
        return KOMPAS_COMPLETION_LISTED
    }
}

/// A C function pointer cannot capture, so the reader travels through the context pointer.
private let completeCallback: kompas_completion_fn = { context, text, length in
    guard let context else { return KOMPAS_COMPLETION_NOTHING }
    let reader = Unmanaged<LibeditLineReader>.fromOpaque(context).takeUnretainedValue()
    let before = text.map { String(wide: UnsafeBufferPointer(start: $0, count: length)) } ?? ""
    return reader.complete(textBeforeCursor: before)
}

extension String {
    /// libedit's characters are wchar_t, which holds one Unicode scalar on Linux and macOS.
    fileprivate init(wide: UnsafeBufferPointer<wchar_t>) {
        var scalars = String.UnicodeScalarView()
        for value in wide {
            scalars.append(Unicode.Scalar(UInt32(bitPattern: value)) ?? "\u{FFFD}")
        }
        self.init(scalars)
    }

    fileprivate func withWideCString<Result>(_ body: (UnsafePointer<wchar_t>) -> Result) -> Result {
        let wide = unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
        return wide.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
