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
    var completion: ((String) -> [String])? { get set }
    var isInteractive: Bool { get }
}
