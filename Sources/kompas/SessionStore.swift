import FoundationEssentials
import KompasCore
import KompasLineEditing

/// Where a session lives on disk: the transcript the user asked for, and the autosave that
/// lets an interactive session survive a crash, kill -9 or a closed terminal.
struct SessionStore {
    let rules: RuleSet
    let date: String
    var transcriptPath: String?
    /// This session's own file in the state directory (interactive sessions only), and its lock.
    private(set) var autosave: String?
    private var lock: SessionLock?
    /// True once the autosave holds this session: written, or adopted from an earlier run.
    private var autosaveOnDisk = false
    /// Held while this session writes the transcript, so no second window writes it too.
    private var transcriptLock: SessionLock?
    /// Events read from a resumed transcript, kept for their comments.
    private var base: Transcript?
    /// The last failed write of the autosave and of the transcript; nil once a write succeeds again.
    private var autosaveProblem: AtomicFile.WriteError?
    private var transcriptProblem: AtomicFile.WriteError?
    /// How many events the newest complete copy on disk holds (autosave, transcript or :bewaar).
    private var keptEvents = 0
    private var savedTo: String?
    private var exportedTo: String?

    init(rules: RuleSet, date: String) {
        self.rules = rules
        self.date = date
    }

    // MARK: Transcript

    mutating func startTranscript(at path: String) throws {
        try lockTranscript(path, advice: "kies een andere naam")
        if FileManager.default.fileExists(atPath: path) {
            unlockTranscript()
            throw Failure("\(path) bestaat al: kies een andere naam, of ga verder met `kompas --hervat \(path)`", code: .cannotCreate)
        }
        transcriptPath = path
    }

    mutating func resume(from path: String) throws -> Session {
        try lockTranscript(path, advice: "ga daar verder, of sluit het daar eerst af")
        let transcript: Transcript
        do {
            transcript = try Self.read(path)
            do throws(TranscriptRefusal) {
                try TranscriptValidator.check(transcript, engine: Engine(rules: rules), path: path, unfinished: true)
            } catch {
                throw Failure(error)
            }
        } catch {
            unlockTranscript()
            throw error
        }
        if transcript.fingerprint != rules.fingerprint {
            Console.error("kompas: let op: de regels zijn veranderd sinds \(path) is opgenomen; vragen kunnen anders lopen.")
        }
        base = transcript
        transcriptPath = path
        keptEvents = transcript.session.events.count
        return transcript.session
    }

    private mutating func lockTranscript(_ path: String, advice: String) throws {
        let lockPath = SessionLock.path(beside: path)
        if let lock = SessionLock.acquire(lockPath) {
            transcriptLock = lock
            return
        }
        // No lock file can be made there (a read-only folder): no other window, and writing says what is wrong.
        guard SessionLock.isHeld(lockPath) else { return }
        throw Failure("\(path) is open in een ander venster: \(advice)", code: .cannotCreate)
    }

    private mutating func unlockTranscript() {
        transcriptLock?.remove()
        transcriptLock = nil
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

    // MARK: Autosave

    /// A new interactive session: its own autosave, locked so no other window offers it.
    mutating func autosave(to path: String, in shelf: SessionShelf) {
        try? FileManager.default.createDirectory(atPath: shelf.unfinishedDirectory, withIntermediateDirectories: true)
        autosave = path
        lock = SessionLock.acquire(SessionShelf.lockPath(path))
    }

    /// A resumed unfinished session: it goes on in its own file, under the lock taken when offered.
    mutating func adopt(_ summary: SessionSummary, transcript: Transcript, lock: SessionLock) -> Session {
        base = transcript
        autosave = summary.path
        autosaveOnDisk = true
        self.lock = lock
        keptEvents = transcript.session.events.count
        return transcript.session
    }

    /// After every change: rewrite the transcript (if any) and the autosave (if any). Returns
    /// warnings for what could not be written, to be shown at once.
    mutating func persist(_ conversation: Conversation) -> [String] {
        let text = TranscriptWriter.write(transcript(for: conversation), rules: rules)
        var kept = false
        if let transcriptPath {
            transcriptProblem = Self.write(text, to: transcriptPath)
            kept = kept || transcriptProblem == nil
        }
        if let autosave {
            autosaveProblem = Self.write(text, to: autosave, createDirectories: true)
            autosaveOnDisk = autosaveOnDisk || autosaveProblem == nil
            kept = kept || autosaveProblem == nil
        }
        if kept { keptEvents = conversation.session.events.count }
        var warnings = [transcriptProblem, autosaveProblem].compactMap { $0 }.map { "kompas: waarschuwing: kan \($0.path) niet schrijven (\($0.reason))." }
        if !warnings.isEmpty, !kept { warnings.append("kompas: Je antwoorden zijn nu nergens bewaard: :bewaar PAD bewaart ze elders.") }
        return warnings
    }

    private static func write(_ text: String, to path: String, createDirectories: Bool = false) -> AtomicFile.WriteError? {
        do {
            try AtomicFile.write(text, to: path, createDirectories: createDirectories)
            return nil
        } catch {
            return error
        }
    }

    /// True when the newest answers are on disk nowhere and the user can still save them.
    func hasUnkeptAnswers(_ conversation: Conversation) -> Bool {
        (autosave != nil || transcriptPath != nil) && keptEvents != conversation.session.events.count
    }

    /// Why the newest answers are not on disk, in a sentence.
    var unkeptReason: String {
        let problem = autosaveProblem ?? transcriptProblem
        return problem.map { "kan \($0.path) niet schrijven (\($0.reason))" } ?? "bewaren is niet gelukt"
    }

    // MARK: :bewaar and :exporteer

    /// `confirm` asks the user whether an existing file may be replaced.
    mutating func saveTranscript(_ conversation: Conversation, to path: String?, overwrite: Bool, confirm: (String) -> Bool) throws -> String {
        let plan = conversation.evaluation.plan
        let name = ["kompas", date, plan.theme?.id ?? "sessie", plan.municipality.map(Self.slug)].compactMap { $0 }.joined(separator: "-")
        let text = TranscriptWriter.write(transcript(for: conversation), rules: rules)
        guard let target = try Self.write(text, to: path, own: savedTo ?? transcriptPath, name: name + ".transcript", overwrite: overwrite, confirm: confirm) else {
            return Self.declined(path, command: "bewaar")
        }
        savedTo = target
        keptEvents = conversation.session.events.count
        return "Het gesprek is bewaard in \(target). Verder gaan kan later met: kompas --hervat \(target)"
    }

    mutating func export(_ conversation: Conversation, to path: String?, overwrite: Bool, confirm: (String) -> Bool) throws -> String {
        let plan = conversation.evaluation.plan
        let name = ["vervolgplan", plan.theme?.id, plan.municipality.map(Self.slug)].compactMap { $0 }.joined(separator: "-")
        let text = MarkdownRenderer.render(PlanDocument(rules: rules, evaluation: conversation.evaluation, date: date))
        guard let target = try Self.write(text, to: path, own: exportedTo, name: name + ".md", overwrite: overwrite, confirm: confirm) else {
            return Self.declined(path, command: "exporteer")
        }
        exportedTo = target
        return "Het plan staat in \(target)."
    }

    /// Writes `text` and returns where, or nil when the user keeps an existing file. Without a
    /// name: this session's own earlier file, else `name` with the first counter still free.
    /// Refusing in the write itself means a file that appears meanwhile is not replaced either.
    private static func write(
        _ text: String, to path: String?, own: String?, name: String, overwrite: Bool, confirm: (String) -> Bool
    ) throws(AtomicFile.WriteError) -> String? {
        if let path {
            do {
                try AtomicFile.write(text, to: path, overwrite: overwrite ? .replace : .refuse)
            } catch where error.exists {
                guard confirm(path) else { return nil }
                try AtomicFile.write(text, to: path)
            }
            return path
        }
        if let own {
            try AtomicFile.write(text, to: own)
            return own
        }
        let dot = name.lastIndex(of: ".") ?? name.endIndex
        for counter in 1... {
            let candidate = counter == 1 ? name : name[..<dot] + "-\(counter)" + name[dot...]
            do {
                try AtomicFile.write(text, to: candidate, overwrite: .refuse)
                return candidate
            } catch where error.exists {
                continue
            }
        }
        return nil
    }

    private static func declined(_ path: String?, command: String) -> String {
        "\(path ?? "") is niet overschreven. Kies een andere naam, of gebruik :\(command)! \(path ?? "BESTAND") om het te vervangen."
    }

    static func slug(_ text: String) -> String {
        let words = AnswerMatcher.fold(text).unicodeScalars.split { !("a"..."z").contains($0) && !("0"..."9").contains($0) }
        return words.map { String(String.UnicodeScalarView($0)) }.joined(separator: "-")
    }

    // MARK: The end

    /// At the end: where the session is kept (or what was not kept), in a sentence, or nil when
    /// there is nothing to say. Lets go of the autosave's lock.
    mutating func close(_ conversation: Conversation, shelf: SessionShelf) -> String? {
        defer {
            lock?.remove()
            lock = nil
            unlockTranscript()
        }
        guard !conversation.session.events.isEmpty else { return nil }
        var lines: [String] = []
        if let transcriptPath {
            if let transcriptProblem {
                lines.append("Het transcript is niet bijgewerkt: kan \(transcriptPath) niet schrijven (\(transcriptProblem.reason)).")
            } else {
                lines.append("Het transcript staat in \(transcriptPath).")
            }
        }
        // An autosave never written (a resumed transcript without a new answer) holds nothing to speak of.
        if let autosave, autosaveOnDisk || autosaveProblem != nil {
            if let autosaveProblem {
                // A stale autosave stays an unfinished session: never promoted to a finished one.
                lines.append("Je antwoorden zijn niet automatisch bewaard: kan \(autosaveProblem.path) niet schrijven (\(autosaveProblem.reason)).")
                if let savedTo, keptEvents == conversation.session.events.count { lines.append("Het gesprek is wel bewaard in \(savedTo).") }
            } else if conversation.isComplete {
                let plan = conversation.evaluation.plan
                let start = String(autosave.split(separator: "/").last?.prefix(15) ?? "")
                let name = [start, plan.theme?.id, plan.municipality.map(Self.slug)].compactMap { $0 }.joined(separator: "-")
                do {
                    let kept = try shelf.finish(autosave, name: name)
                    lines.append("Je gesprek is bewaard in \(kept); `kompas plan \(kept)` maakt er later nog een Markdown-plan van.")
                } catch {
                    lines.append("Het afgeronde gesprek kon niet naar \(error.path) (\(error.reason)); het staat nog in \(autosave).")
                }
            } else {
                lines.append("Je antwoorden zijn bewaard in \(autosave). Start kompas opnieuw om verder te gaan.")
            }
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }
}
