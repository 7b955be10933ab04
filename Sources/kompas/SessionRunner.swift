import FoundationEssentials
import KompasCore
import KompasLineEditing

/// The read–answer loop: feeds lines to the conversation, prints replies, performs their
/// actions and saves after every change, so nothing typed is lost.
final class SessionRunner {
    private var conversation: Conversation
    private let reader: any LineReader
    private var store: SessionStore
    private let terminal: Terminal

    init(engine: Engine, session: Session, reader: any LineReader, store: SessionStore, terminal: Terminal) {
        self.conversation = Conversation(engine: engine, session: session, width: terminal.width)
        self.reader = reader
        self.store = store
        self.terminal = terminal
    }

    func run() throws {
        // Weak: the reader lives as long as the runner, and must not keep it alive.
        reader.completion = { [weak self] in self?.conversation.completions($0) ?? [] }
        Console.line(conversation.session.events.isEmpty ? conversation.welcome() : "We gaan verder waar je was.\n\n" + conversation.questionBlock())
        while true {
            switch reader.readLine(prompt: conversation.prompt) {
            case .line(let line):
                if !terminal.isInteractive { Console.line(String(line.prefix(200))) }
                // A line too long to be an answer is refused, and not kept to be recalled.
                if line.contains(where: { !$0.isWhitespace }), line.count <= AnswerMatcher.maximumTextLength { reader.remember(line) }
                if try handle(line) == .stop, mayStop() { return finish() }
            case .interrupted:
                continue
            case .endOfFile:
                Console.line()
                if mayStop() { return finish() }
            }
        }
    }

    private enum Flow { case goOn, stop }

    private func handle(_ line: String) throws -> Flow {
        let reply = conversation.handle(line)
        if !reply.text.isEmpty { Console.line("\n" + reply.text) }
        if reply.recorded { save() }
        switch reply.action {
        case .save(let path, let overwrite): perform { try store.saveTranscript(conversation, to: path, overwrite: overwrite, confirm: mayOverwrite) }
        case .export(let path, let overwrite): perform { try store.export(conversation, to: path, overwrite: overwrite, confirm: mayOverwrite) }
        case .stop: return .stop
        case nil: break
        }
        return .goOn
    }

    private func perform(_ action: () throws -> String) {
        do {
            say("\n" + (try action()))
        } catch {
            say("Dat lukte niet: \(error)")
        }
    }

    /// The session's own messages, wrapped to the terminal between words.
    private func say(_ text: String) {
        Console.line(text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { TextLayout.wrap(String($0), width: terminal.width) }.joined(separator: "\n"))
    }

    private func mayOverwrite(_ path: String) -> Bool {
        guard case .line(let answer) = reader.readLine(prompt: "\(path) bestaat al. Overschrijven? [j/N] ") else { return false }
        if !terminal.isInteractive { Console.line(String(answer.prefix(200))) }
        return ["j", "ja", "y", "yes"].contains(answer.trimmingWhitespace.lowercased())
    }

    /// After every change: the transcript (if asked for) and the autosave (interactive only).
    private func save() {
        for warning in store.persist(conversation) { Console.error(warning) }
    }

    /// On a terminal, answers that are on disk nowhere are not given up without asking.
    private func mayStop() -> Bool {
        guard terminal.isInteractive, store.hasUnkeptAnswers(conversation) else { return true }
        say("Je antwoorden zijn niet bewaard: \(store.unkeptReason). Met :bewaar PAD bewaar je ze ergens anders.")
        switch reader.readLine(prompt: "Toch afsluiten zonder te bewaren? [j/N] ") {
        case .line(let answer): return ["j", "ja", "y", "yes"].contains(answer.trimmingWhitespace.lowercased())
        case .interrupted: return false
        // Nobody left to ask (the terminal closed).
        case .endOfFile: return true
        }
    }

    private func finish() {
        if !terminal.isInteractive, !conversation.isComplete, !conversation.session.events.isEmpty {
            Console.line("\nDe invoer is op; dit is het plan tot nu toe:\n")
            Console.line(PlanTextRenderer(rules: conversation.engine.rules, width: terminal.width).render(conversation.evaluation))
        }
        if let message = store.close(conversation, shelf: SessionShelf.current) { say(message) }
    }
}
