import FoundationEssentials
import KompasCore
import KompasLineEditing

/// Shows, checks and quizzes recorded sessions against the current rules.
struct Replayer {
    let rules: RuleSet
    let reader: any LineReader
    let width: Int
    /// ` --rules DIR` when the user gave it, so the commands suggested use the same rules.
    let rulesArgument: String
    /// Built once: it indexes the rules by theme.
    let engine: Engine
    /// Transcripts `--check` found in order but recorded with other rules, for one `--bijwerken`.
    private var staleFiles: [String] = []

    init(rules: RuleSet, reader: any LineReader, width: Int, rulesDirectory: String? = nil) {
        self.rules = rules
        self.reader = reader
        self.width = width
        self.rulesArgument = rulesDirectory.map { " --rules \($0)" } ?? ""
        self.engine = Engine(rules: rules)
    }

    /// Asks the questions a transcript does not answer, and rewrites it.
    private func resumeCommand(_ file: String) -> String { "kompas\(rulesArgument) --hervat \(file)" }

    /// Records the plan (and the rules' fingerprint) of now in a transcript.
    private func updateCommand(_ file: String) -> String { "kompas replay\(rulesArgument) --bijwerken \(file)" }

    /// A transcript that contradicts itself or no longer fits the rules stops a replay, in every
    /// mode: reported with its lines, never guessed.
    func blockingProblems(_ transcript: Transcript, _ file: String) -> Int32? {
        do throws(TranscriptRefusal) {
            try TranscriptValidator.check(transcript, engine: engine, path: file, resume: resumeCommand(file))
            return nil
        } catch {
            let failure = Failure(error)
            Console.error(failure.message)
            return failure.code.rawValue
        }
    }

    func warnIfRulesChanged(_ transcript: Transcript, _ file: String) {
        if transcript.fingerprint != rules.fingerprint {
            Console.line("Let op: de regels zijn veranderd sinds \(file) is opgenomen (regelset \(transcript.fingerprint), nu \(rules.fingerprint)).")
        }
    }

    // MARK: show

    func show(_ transcript: Transcript, _ file: String) -> Int32 {
        if let code = blockingProblems(transcript, file) { return code }
        Console.line("Afspelen: \(file) (opgenomen \(transcript.date))")
        warnIfRulesChanged(transcript, file)
        var session = Session()
        for entry in transcript.events {
            // A comment is about the answer below it: keep them together, apart from the one before.
            if entry.event.isAnswer { Console.line() }
            printComments(entry.comments)
            session.record(entry.event)
            Console.line(describe(entry.event))
        }
        if !transcript.trailingComments.isEmpty { Console.line() }
        printComments(transcript.trailingComments)
        let evaluation = engine.evaluate(session)
        Console.line()
        Console.line(PlanTextRenderer(rules: rules, width: width).render(evaluation))
        return 0
    }

    /// A trainer's comments, marked so they stand apart from the session itself.
    func printComments(_ comments: [String]) {
        for comment in comments {
            Console.line(TextLayout.wrap(comment, width: width, indent: "  ✎ ", hanging: "    ").joined(separator: "\n"))
        }
    }

    func describe(_ event: SessionEvent) -> String {
        switch event {
        case .answered(let id, let value), .changed(let id, let value):
            let question = rules.question(id)!
            let verb = event.isChange ? "Gewijzigd" : "Vraag"
            return (TextLayout.wrap("\(verb): \(question.text)", width: width) + TextLayout.wrap(question.display(value), width: width, indent: "  → ", hanging: "    ")).joined(separator: "\n")
        case .undone:
            return "  (laatste antwoord teruggedraaid)"
        case .redone:
            return "  (antwoord opnieuw gegeven)"
        }
    }

    // MARK: --check

    mutating func check(_ transcript: Transcript, _ file: String) -> Int32 {
        if let code = blockingProblems(transcript, file) { return code }
        guard let recorded = transcript.recordedPlan else {
            Console.error("\(file):1:1: fout: dit transcript bevat geen opgenomen plan (`plan` … `einde`): maak het gesprek af met `\(resumeCommand(file))`")
            return Failure.Code.dataError.rawValue
        }
        let evaluation = engine.evaluate(transcript.session)
        let derived = PlanSummary.lines(evaluation.plan)
        let diff = PlanDiff.diff(recorded.map(\.text), derived)
        let changed = diff.contains { if case .same = $0 { false } else { true } }
        if !changed {
            let stale = transcript.fingerprint != rules.fingerprint
            if stale { staleFiles.append(file) }
            Console.line("\(file): in orde (\(Dutch.count(derived.count, "onderdeel", "onderdelen"))\(stale ? ", opgenomen met andere regels" : ""))")
            return 0
        }
        let firstLine = recorded.first?.line ?? 1
        Console.error("\(file):\(firstLine):1: fout: het plan wijkt af van het opgenomen plan (- opgenomen, + nu):")
        for line in diff {
            switch line {
            case .same: continue
            case .removed(let text): Console.error("  - \(text)")
            case .added(let text): Console.error("  + \(text)")
            }
        }
        Console.error("Klopt het nieuwe plan? Dan: `\(updateCommand(file))`. Klopt het niet: pas de regels aan.")
        return Failure.Code.failed.rawValue
    }

    /// After `--check`: one command that records the rules of now where only they changed.
    func reportStale() {
        guard !staleFiles.isEmpty else { return }
        let files = staleFiles.joined(separator: " ")
        Console.line("De regels zijn veranderd, deze plannen niet: `kompas replay\(rulesArgument) --bijwerken \(files)` legt dat vast.")
    }

    // MARK: --bijwerken

    /// Records the plan the current rules derive, keeping every comment; refuses when the
    /// answers no longer fit, because then the conversation itself must be recorded again.
    func update(_ transcript: Transcript, _ file: String) throws -> Int32 {
        if let code = blockingProblems(transcript, file) { return code }
        let evaluation = engine.evaluate(transcript.session)
        let derived = PlanSummary.lines(evaluation.plan)
        var updated = transcript
        updated.fingerprint = rules.fingerprint
        updated.recordedPlan = derived.map { Transcript.PlanLine(text: $0) }
        let text = TranscriptWriter.write(updated, rules: rules)
        if FileManager.default.contents(atPath: file) == Data(text.utf8) {
            Console.line("\(file): ongewijzigd (\(Dutch.count(derived.count, "onderdeel", "onderdelen")))")
            return 0
        }
        do {
            try AtomicFile.write(text, to: file)
        } catch {
            throw Failure("\(error)", code: .cannotCreate)
        }
        let what = transcript.recordedPlan?.map(\.text) == derived ? "bijgewerkt naar de regels van nu, het plan is niet veranderd" : "plan bijgewerkt"
        Console.line("\(file): \(what) (\(Dutch.count(derived.count, "onderdeel", "onderdelen")))")
        return 0
    }

    // MARK: --wijzig

    func whatIf(_ transcript: Transcript, _ file: String, changes: [String]) throws -> Int32 {
        if let code = blockingProblems(transcript, file) { return code }
        let changes = try changes.map(parseChange)
        let before = engine.evaluate(transcript.session)
        var session = transcript.session
        for (question, value) in changes { session.record(.changed(question: question.id, value: value)) }
        let after = engine.evaluate(session)
        let asked = changes.map { "«\($0.0.text)» «\($0.0.display($0.1))»" }
        let heading = "Wat als het antwoord op " + asked[0] + " was" + asked.dropFirst().map { ", en op " + $0 }.joined() + "? (\(file))"
        Console.line(TextLayout.wrap(heading, width: width).joined(separator: "\n"))
        Console.line(PlanComparison(rules: rules, width: width).describe(from: before, to: after, fromName: "het opgenomen plan", toName: "het plan met dit antwoord"))
        if let next = after.next {
            Console.line("Let op: met dit antwoord komt er een nieuwe vraag, «\(next.text)»; het transcript beantwoordt die niet.")
        }
        return 0
    }

    /// `VRAAG=ANTWOORD`: the answer as an option id (several with commas), or as the session
    /// reads it: a number or the beginning of a label.
    func parseChange(_ change: String) throws -> (Question, AnswerValue) {
        let parts = change.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let question = rules.question(parts[0]) else {
            throw Failure("--wijzig: onbekende vraag `\(parts.first ?? "")`; gebruik een vraag-id uit het transcript", code: .usage)
        }
        let ids: ExampleValue = question.type == .multiple ? .list(parts[1].split(separator: ",").map(String.init)) : .scalar(parts[1])
        if case .success(let value) = question.answer(from: ids) { return (question, value) }
        switch AnswerMatcher.match(parts[1], question) {
        case .success(let value): return (question, value)
        case .failure(let problem): throw Failure("--wijzig \(question.id): \(problem.message)", code: .usage)
        }
    }
}
