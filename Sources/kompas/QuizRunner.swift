import FoundationEssentials
import KompasCore
import KompasLineEditing

/// `replay --quiz` at the terminal: reads the trainee's lines, prints the quiz's replies and
/// saves the answers after each one when `--transcript` asks for it.
struct QuizRunner {
    let engine: Engine
    let reader: any LineReader
    let width: Int
    /// Where the trainee's answers are saved as a transcript, for `kompas compare`.
    let transcriptPath: String?

    func run(_ transcript: Transcript, _ file: String) throws -> Int32 {
        var quiz = Quiz(engine: engine, transcript: transcript, width: width)
        Console.line(quiz.opening(file: file))
        loop: while true {
            switch reader.readLine(prompt: quiz.prompt) {
            case .line(let line):
                if !reader.isInteractive { Console.line(String(line.prefix(200))) }
                if line.contains(where: { !$0.isWhitespace }) { reader.remember(line) }
                let reply = quiz.handle(line)
                if !reply.text.isEmpty { Console.line("\n" + reply.text) }
                if reply.recorded { try save(quiz) }
                if reply.outcome != .goOn { break loop }
            case .interrupted:
                continue
            case .endOfFile:
                break loop
            }
        }
        Console.line("\n" + quiz.summary())
        if let transcriptPath, !quiz.conversation.session.events.isEmpty {
            let saved = "Je antwoorden staan in \(transcriptPath); `kompas compare \(file) \(transcriptPath)` zet ze naast die van de collega."
            Console.line("\n" + TextLayout.wrap(saved, width: width).joined(separator: "\n"))
        }
        return 0
    }

    private func save(_ quiz: Quiz) throws {
        guard let transcriptPath else { return }
        let conversation = quiz.conversation
        let transcript = Transcript(recording: conversation.session, evaluation: conversation.evaluation, rules: engine.rules, date: Console.today)
        do {
            try AtomicFile.write(TranscriptWriter.write(transcript, rules: engine.rules), to: transcriptPath)
        } catch {
            throw Failure("\(error)", code: .cannotCreate)
        }
    }
}
