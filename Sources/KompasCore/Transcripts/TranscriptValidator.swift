/// Checks a transcript's answers against the current rules, and never guesses: an answer that
/// no longer fits is reported with its line and what to do.
public enum TranscriptValidator {
    /// Unknown questions or options, answers of the wrong shape, and contradictions.
    public static func problems(_ transcript: Transcript, rules: RuleSet, path: String) -> [Diagnostic] {
        (shapeProblems(transcript, rules: rules, path: path) + contradictions(transcript, rules: rules, path: path))
            .sorted { $0.location.line < $1.location.line }
    }

    /// Answers that contradict themselves (an `exclusive` option with others): bad data, whatever the rules.
    public static func contradictions(_ transcript: Transcript, rules: RuleSet, path: String) -> [Diagnostic] {
        transcript.events.compactMap { entry in
            switch entry.event {
            case .answered(let id, .options(let ids)), .changed(let id, .options(let ids)):
                guard let question = rules.question(id), let problem = question.exclusivityProblem(ids) else { return nil }
                return Diagnostic(SourceLocation(file: path, line: entry.line, column: 1), "vraag \(id): \(problem.message): pas het antwoord aan")
            default:
                return nil
            }
        }
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

    /// After replaying: answers that no longer count and questions now asked but never answered.
    /// `resume` is the command that asks such a question, `kompas --hervat PATH` unless given.
    public static func divergence(_ transcript: Transcript, evaluation: Evaluation, rules: RuleSet, path: String, resume: String? = nil) -> [Diagnostic] {
        var result: [Diagnostic] = []
        var reported = Set<String>()
        for entry in transcript.events {
            guard case .answered(let id, _) = entry.event, evaluation.statuses[id] == .skipped, reported.insert(id).inserted else { continue }
            result.append(Diagnostic(
                SourceLocation(file: path, line: entry.line, column: 1),
                "vraag \(id) wordt met de huidige regels niet meer gesteld; het antwoord telt niet mee: haal de regel weg of controleer de voorwaarden"))
        }
        if let next = evaluation.next {
            let end = (transcript.events.last?.line ?? 1)
            result.append(Diagnostic(
                SourceLocation(file: path, line: end, column: 1),
                "de regels stellen nu vraag \(next.id) («\(next.text)»), maar het transcript beantwoordt die niet: beantwoord haar met `\(resume ?? "kompas --hervat \(path)")`, dat alleen die vraag stelt en het transcript bijwerkt"))
        }
        return result
    }
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
