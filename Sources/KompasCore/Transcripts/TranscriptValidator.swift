/// Checks a transcript's answers against the current rules, and never guesses: an answer that
/// no longer fits is reported with its line and what to do.
public enum TranscriptValidator {
    /// Unknown questions or options, answers of the wrong shape, and contradictions.
    public static func problems(_ transcript: Transcript, rules: RuleSet, path: String) -> [Diagnostic] {
        (shapeProblems(transcript, rules: rules, path: path) + contradictions(transcript, rules: rules, path: path))
            .sorted { $0.location.line < $1.location.line }
    }

    /// Answers that contradict themselves, whatever the rules say: a question answered twice
    /// without `wijziging` (the theme too), a `wijziging` of a question without an answer, an
    /// `exclusive` option with others.
    public static func contradictions(_ transcript: Transcript, rules: RuleSet, path: String) -> [Diagnostic] {
        var session = Session()
        var result: [Diagnostic] = []
        for entry in transcript.events {
            defer { session.record(entry.event) }
            let at = SourceLocation(file: path, line: entry.line, column: 1)
            switch entry.event {
            case .answered(let id, _) where session.answers[id] != nil:
                result.append(Diagnostic(at, "vraag \(id) is hierboven al beantwoord: een tweede antwoord is een `wijziging \(id) …`; maak er dat van of haal een van beide regels weg"))
            case .changed(let id, _) where session.answers[id] == nil:
                result.append(Diagnostic(at, "`wijziging \(id)` wijzigt een vraag die hierboven geen antwoord heeft: maak er `antwoord \(id) …` van"))
            case .answered(let id, .options(let ids)), .changed(let id, .options(let ids)):
                guard let question = rules.question(id), let problem = question.exclusivityProblem(ids) else { continue }
                result.append(Diagnostic(at, "vraag \(id): \(problem.message): pas het antwoord aan"))
            default:
                break
            }
        }
        return result
    }

    private static func shapeProblems(_ transcript: Transcript, rules: RuleSet, path: String) -> [Diagnostic] {
        transcript.events.compactMap { entry in
            let at = SourceLocation(file: path, line: entry.line, column: 1)
            switch entry.event {
            case .answered(let id, let value), .changed(let id, let value):
                guard let question = rules.question(id) else {
                    return Diagnostic(at, "vraag `\(id)` bestaat niet (meer) in de regels: haal deze regel weg of pas het vraag-id aan")
                }
                return shapeProblem(value, question).map { Diagnostic(at, "\($0): pas het antwoord aan") }
            case .undone, .redone:
                return nil
            }
        }
    }

    private static func shapeProblem(_ value: AnswerValue, _ question: Question) -> String? {
        switch (question.type, value) {
        case (.text, .text): return nil
        case (.choice, .option(let id)), (.yesno, .option(let id)):
            return question.option(id) == nil ? "vraag \(question.id) heeft geen optie `\(id)` (meer)" : nil
        case (.multiple, .options(let ids)):
            return ids.first { question.option($0) == nil }.map { "vraag \(question.id) heeft geen optie `\($0)` (meer)" }
        default:
            return "het antwoord past niet bij vraag \(question.id) (een \(question.type.dutchName))"
        }
    }

    /// Every check a command makes before it uses a transcript, the same for all of them:
    /// contradictions first, then whether the answers still fit the rules. `unfinished` allows
    /// the rules to ask more than the transcript answers (resuming a session); `resume` is the
    /// command that asks such a question, `kompas --hervat PATH` unless given.
    public static func check(
        _ transcript: Transcript, engine: Engine, path: String, resume: String? = nil, unfinished: Bool = false
    ) throws(TranscriptRefusal) {
        let contradictions = contradictions(transcript, rules: engine.rules, path: path)
        guard contradictions.isEmpty else { throw TranscriptRefusal(reason: .contradictory, diagnostics: contradictions) }
        var misfits = shapeProblems(transcript, rules: engine.rules, path: path)
        if misfits.isEmpty { misfits = divergence(transcript, engine: engine, path: path, resume: resume, unfinished: unfinished) }
        guard misfits.isEmpty else { throw TranscriptRefusal(reason: .doesNotFit, diagnostics: misfits) }
    }

    /// Answers to questions the rules do not ask at that point, and, unless `unfinished`, a
    /// question the rules now ask that is never answered. An answer a later `wijziging` set
    /// aside was asked when it was given: it still fits.
    static func divergence(_ transcript: Transcript, engine: Engine, path: String, resume: String?, unfinished: Bool) -> [Diagnostic] {
        var result: [Diagnostic] = []
        var session = Session()
        for entry in transcript.events {
            defer { session.record(entry.event) }
            guard case .answered(let id, _) = entry.event, engine.evaluate(session).statuses[id] == .skipped else { continue }
            result.append(Diagnostic(
                SourceLocation(file: path, line: entry.line, column: 1),
                "vraag \(id) wordt met de huidige regels niet meer gesteld; het antwoord telt niet mee: haal de regel weg of controleer de voorwaarden"))
        }
        if !unfinished, let next = engine.nextQuestion(session) {
            let command = resume ?? "kompas --hervat \(path)"
            result.append(Diagnostic(
                SourceLocation(file: path, line: transcript.events.last?.line ?? 1, column: 1),
                stopsBeforeTheEnd(transcript, session, next, engine)
                    ? "het gesprek is niet afgemaakt: vraag \(next.id) («\(next.text)») is nog niet beantwoord; ga verder met `\(command)`"
                    : "de regels stellen nu vraag \(next.id) («\(next.text)»), maar het transcript beantwoordt die niet: beantwoord haar met `\(command)`, dat alleen die vraag stelt en het transcript bijwerkt"))
        }
        return result
    }

    /// Whether the open question is simply the next one, not one the rules added since: the
    /// rules are those it was recorded with, or (no plan recorded, so it never claimed to be
    /// done) the question is asked after every answered one.
    private static func stopsBeforeTheEnd(_ transcript: Transcript, _ session: Session, _ next: Question, _ engine: Engine) -> Bool {
        if transcript.fingerprint == engine.rules.fingerprint { return true }
        guard transcript.recordedPlan == nil, let open = engine.place(of: next.id) else { return false }
        return session.answers.keys.allSatisfy { (engine.place(of: $0) ?? 0) < open }
    }
}

/// Why a transcript cannot be used: contradictory in itself (exit 65) or no longer fitting the
/// rules (exit 1), with every place to fix.
public struct TranscriptRefusal: Error, Hashable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable { case contradictory, doesNotFit }
    public var reason: Reason
    public var diagnostics: [Diagnostic]
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension QuestionType {
    var dutchName: String {
        switch self {
        case .choice: "vraag met één antwoord"
        case .multiple: "meerkeuzevraag"
        case .yesno: "ja/nee-vraag"
        case .text: "tekstvraag"
        }
    }
}
