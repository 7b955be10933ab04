import Foundation

/// The plan as JSON in the versioned `kompas-plan` schema (see docs/plan-json.md): the same
/// content as the Markdown, plus ids, for other tools. Absent values are `null`, never left out,
/// so every object of a kind has the same keys.
public enum JSONRenderer {
    public static let schema = "kompas-plan"
    /// Raised when a field changes meaning or disappears; adding a field does not raise it.
    public static let version = 1

    /// Pretty-printed with sorted keys, so the same document always gives the same bytes.
    public static func render(_ document: PlanDocument) -> String {
        let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Only strings, numbers, arrays, dictionaries and NSNull go in, so this cannot fail.
        let data = try! JSONSerialization.data(withJSONObject: object(document), options: options)
        return compactingEmptyArrays(String(decoding: data, as: UTF8.self)) + "\n"
    }

    /// Foundation pretty-prints `[]` as `[`, a blank line and `]`. Strings cannot hold a raw line
    /// break (JSON escapes it), so a `[` followed by a line break is always formatting.
    static func compactingEmptyArrays(_ json: String) -> String {
        var lines: [Substring] = []
        for line in json.split(separator: "\n", omittingEmptySubsequences: false) {
            let closes = line.drop { $0 == " " } == "]" || line.drop { $0 == " " } == "],"
            if closes, lines.count >= 2, lines[lines.count - 1].isEmpty, lines[lines.count - 2].hasSuffix("[") {
                lines.removeLast()
                lines[lines.count - 1] += line.drop { $0 == " " }
            } else {
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }

    static func object(_ document: PlanDocument) -> [String: Any] {
        let plan = document.plan
        return [
            "schema": schema,
            "version": version,
            "date": document.date,
            "rules_fingerprint": document.rules.fingerprint,
            "theme": plan.theme.map(theme) ?? NSNull(),
            "municipality": nullable(plan.municipality),
            "answers": document.answers.map { answer($0.question, $0.value) },
            "steps": plan.steps.map(step),
            "sources": plan.sources.map(source),
            "notes": plan.notes.map { ["text": $0.text, "reason": provenance($0.reason)] },
            "excluded": plan.excluded.map { ["id": $0.id, "reasons": $0.reasons.map(provenance)] },
            "oov_questions": document.rules.oovQuestions.map { ["id": $0.id, "group": $0.group, "text": $0.text] },
        ]
    }

    private static func theme(_ theme: Theme) -> [String: Any] {
        ["id": theme.id, "name": theme.name, "introduction": theme.introduction, "based_on": nullable(theme.basedOn)]
    }

    private static func answer(_ question: Question, _ value: AnswerValue) -> [String: Any] {
        ["question": question.id, "text": question.text, "value": self.value(value), "display": question.display(value)]
    }

    private static func step(_ step: PlanStep) -> [String: Any] {
        [
            "id": step.step.id, "text": step.step.text,
            "phase": ["id": step.phase.id, "name": step.phase.name],
            "priority": step.priority.rawValue, "reasons": step.reasons.map(provenance),
        ]
    }

    private static func source(_ source: PlanSource) -> [String: Any] {
        [
            "id": source.source.id, "name": source.title,
            "kind": source.entry.kind.rawValue, "scope": nullable(source.entry.scope?.rawValue),
            "url": nullable(source.entry.url), "insight": source.entry.insight,
            "questions": source.entry.questions.map(\.rawValue),
            "priority": source.priority.rawValue, "reasons": source.reasons.map(provenance),
        ]
    }

    private static func provenance(_ reason: Provenance) -> [String: Any] {
        [
            "rule": reason.rule, "because": reason.because,
            "answers": reason.answers.map { ["question": $0.question, "value": value($0.value)] as [String: Any] },
        ]
    }

    /// An option id, a list of option ids (multiple choice), or the free text.
    private static func value(_ value: AnswerValue) -> Any {
        switch value {
        case .option(let id): id
        case .options(let ids): ids
        case .text(let text): text
        }
    }

    private static func nullable(_ value: String?) -> Any { value ?? NSNull() }
}
