import FoundationEssentials
import KompasCore
import KompasLineEditing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a session lives on disk: the transcript the user asked for, and the autosave that
/// lets an interactive session survive a crash, kill -9 or a closed terminal.
struct SessionStore {
    let rules: RuleSet
    let interactive: Bool
    let date: String
    var transcriptPath: String?
    /// Events read from a resumed transcript, kept for their comments.
    private var base: Transcript?
    var completed = false
    private var savedOrExported = false

    init(rules: RuleSet, interactive: Bool, date: String) {
        self.rules = rules
        self.interactive = interactive
        self.date = date
    }

    // MARK: Transcript

    mutating func startTranscript(at path: String) throws {
        if FileManager.default.fileExists(atPath: path) {
            throw Failure("\(path) bestaat al: kies een andere naam, of ga verder met `kompas --hervat \(path)`", code: .cannotCreate)
        }
        transcriptPath = path
    }

    mutating func resume(from path: String) throws -> Session {
        let transcript = try Self.read(path)
        let problems = TranscriptValidator.problems(transcript, rules: rules, path: path)
        guard problems.isEmpty else {
            throw Failure(problems.map(\.description).joined(separator: "\n"), code: .dataError, prefixed: false)
        }
        if transcript.fingerprint != rules.fingerprint {
            Console.error("kompas: let op: de regels zijn veranderd sinds \(path) is opgenomen; vragen kunnen anders lopen.")
        }
        base = transcript
        transcriptPath = path
        return transcript.session
    }

    static func read(_ path: String) throws -> Transcript {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure("kan \(path) niet lezen: controleer de naam en of het bestand bestaat", code: .noInput)
        }
        do {
            return try TranscriptReader.read([UInt8](data), path: path)
        } catch {
            throw Failure(error.description, code: .dataError, prefixed: false)
        }
    }

    func transcript(for conversation: Conversation) -> Transcript {
        Transcript(recording: conversation.session, evaluation: conversation.evaluation, rules: rules, date: date, resumedFrom: base)
    }

    /// After every change: rewrite the transcript (if any) and the autosave (interactive only).
    func persist(_ conversation: Conversation) throws {
        let text = TranscriptWriter.write(transcript(for: conversation), rules: rules)
        if let transcriptPath { try AtomicFile.write(text, to: transcriptPath) }
        if interactive { try AtomicFile.write(text, to: StateLocation.autosave, createDirectories: true) }
    }

    mutating func saveTranscript(_ conversation: Conversation, to path: String?) throws -> String {
        let target = path ?? transcriptPath ?? "kompas-\(date)-\(conversation.evaluation.plan.theme?.id ?? "sessie").transcript"
        try AtomicFile.write(TranscriptWriter.write(transcript(for: conversation), rules: rules), to: target)
        savedOrExported = true
        return "Het gesprek is bewaard in \(target). Verder gaan kan later met: kompas --hervat \(target)"
    }

    mutating func export(_ conversation: Conversation, to path: String?) throws -> String {
        let plan = conversation.evaluation.plan
        let name = ["vervolgplan", plan.theme?.id, plan.municipality.map(Self.slug)].compactMap { $0 }.joined(separator: "-")
        let target = path ?? name + ".md"
        let document = PlanDocument(rules: rules, evaluation: conversation.evaluation, date: date)
        try AtomicFile.write(MarkdownRenderer.render(document), to: target)
        savedOrExported = true
        return "Het plan staat in \(target)."
    }

    static func slug(_ text: String) -> String {
        let words = AnswerMatcher.fold(text).unicodeScalars.split { !("a"..."z").contains($0) && !("0"..."9").contains($0) }
        return words.map { String(String.UnicodeScalarView($0)) }.joined(separator: "-")
    }

    // MARK: Autosave

    /// Offers to resume an unfinished interactive session; returns it when the user accepts.
    mutating func offerAutosave(_ reader: any LineReader) -> Session? {
        let path = StateLocation.autosave
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let transcript = try? Self.read(path), TranscriptValidator.problems(transcript, rules: rules, path: path).isEmpty else {
            StateLocation.move(path, to: StateLocation.damaged)
            Console.line("Er stond een sessie die niet meer past bij de regels (of beschadigd is); die staat nu in \(StateLocation.damaged).\n")
            return nil
        }
        let session = transcript.session
        let evaluation = Engine(rules: rules).evaluate(session)
        let theme = evaluation.plan.theme.map { "thema \($0.name), " } ?? ""
        let offer = "Er is een onafgemaakte sessie van \(StateLocation.modified(path)) (\(theme)\(evaluation.answeredCount) antwoorden)."
        Console.line(TextLayout.wrap(offer, width: 80).joined(separator: "\n"))
        guard case .line(let answer) = reader.readLine(prompt: "Hervatten? [J/n] ") else { return nil }
        if ["", "j", "ja", "y", "yes"].contains(answer.trimmingWhitespace.lowercased()) {
            base = transcript
            return session
        }
        StateLocation.move(path, to: StateLocation.previous)
        Console.line("Die sessie blijft bewaard in \(StateLocation.previous) tot je een nieuwe sessie afrondt.\n")
        return nil
    }

    /// At the end: where the session is kept, in a sentence, or nil when there is nothing to say.
    func close(_ conversation: Conversation) -> String? {
        var lines: [String] = []
        if let transcriptPath, !conversation.session.events.isEmpty { lines.append("Het transcript staat in \(transcriptPath).") }
        if interactive, !conversation.session.events.isEmpty {
            if conversation.isComplete {
                // A finished session is no longer offered for resuming, but it is kept.
                StateLocation.move(StateLocation.autosave, to: StateLocation.last)
                try? FileManager.default.removeItem(atPath: StateLocation.previous)
                if !savedOrExported {
                    lines.append("Je gesprek staat in \(StateLocation.last); `kompas plan \(StateLocation.last)` maakt er later nog een Markdown-plan van.")
                }
            } else {
                lines.append("Je antwoorden zijn bewaard in \(StateLocation.autosave). Start kompas opnieuw om verder te gaan.")
            }
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }
}

/// The session files in the state directory.
enum StateLocation {
    static var directory: String { StateDirectory.resolve(environment: ProcessInfo.processInfo.environment) }

    static var autosave: String { directory + "/sessie.transcript" }
    static var previous: String { directory + "/sessie.vorige.transcript" }
    static var damaged: String { directory + "/sessie.onleesbaar.transcript" }
    static var last: String { directory + "/laatste.transcript" }

    static func move(_ from: String, to: String) {
        try? FileManager.default.removeItem(atPath: to)
        try? FileManager.default.moveItem(atPath: from, toPath: to)
    }

    static func modified(_ path: String) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else { return "eerder" }
        return Console.localTime(status.st_mtim.tv_sec, "%-d-%-m-%Y %H:%M")
    }
}
