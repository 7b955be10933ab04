/// The plan as JSON in the versioned `kompas-plan` schema (see docs/plan-json.md): the same
/// content as the Markdown, plus ids, for other tools. Absent values are `null`, never left out,
/// so every object of a kind has the same keys.
public enum JSONRenderer {
    public static let schema = "kompas-plan"
    /// Raised when a field changes meaning or disappears; adding a field does not raise it.
    public static let version = 1

    /// Pretty-printed with sorted keys, so the same document always gives the same bytes.
    public static func render(_ document: PlanDocument) -> String {
        var output = ""
        object(document).write(to: &output, indent: "")
        return output + "\n"
    }

    static func object(_ document: PlanDocument) -> JSON {
        let plan = document.plan
        return [
            "schema": .string(schema),
            "version": .int(version),
            "date": .string(document.date),
            "rules_fingerprint": .string(document.rules.fingerprint),
            "theme": plan.theme.map(theme) ?? .null,
            "municipality": JSON(plan.municipality),
            "answers": .array(document.answers.map { answer($0.question, $0.value) }),
            "start": .array(plan.start.map { ["step": .string($0.step.step.id), "reason": provenance($0.reason)] }),
            "steps": .array(plan.steps.map(step)),
            "sources": .array(plan.sources.map(source)),
            "notes": .array(plan.notes.map { ["text": .string($0.text), "reason": provenance($0.reason)] }),
            "excluded": .array(plan.excluded.map { ["id": .string($0.id), "reasons": .array($0.reasons.map(provenance))] }),
            "attribution": .string(plan.footer),
            "oov_questions": .array(document.rules.oovQuestions.map { ["id": .string($0.id), "group": .string($0.group.rawValue), "text": .string($0.text)] }),
        ]
    }

    private static func theme(_ theme: Theme) -> JSON {
        ["id": .string(theme.id), "name": .string(theme.name), "introduction": .string(theme.introduction), "based_on": JSON(theme.basedOn)]
    }

    private static func answer(_ question: Question, _ value: AnswerValue) -> JSON {
        ["question": .string(question.id), "text": .string(question.text), "value": self.value(value), "display": .string(question.display(value))]
    }

    private static func step(_ step: PlanStep) -> JSON {
        [
            "id": .string(step.step.id), "text": .string(step.step.text),
            "phase": ["id": .string(step.phase.id), "name": .string(step.phase.name)],
            "priority": .string(step.priority.rawValue), "reasons": .array(step.reasons.map(provenance)),
            "origin": JSON(step.origin?.rawValue),
        ]
    }

    private static func source(_ source: PlanSource) -> JSON {
        [
            "id": .string(source.source.id), "name": .string(source.title),
            "kind": .string(source.entry.kind.rawValue), "scope": JSON(source.entry.scope?.rawValue),
            "url": JSON(source.entry.url), "insight": .string(source.entry.insight),
            "questions": .array(source.entry.questions.map { .string($0.rawValue) }),
            "questions_assigned_by": .string("kompas"), "origin": JSON(source.origin?.rawValue),
            "priority": .string(source.priority.rawValue), "reasons": .array(source.reasons.map(provenance)),
        ]
    }

    private static func provenance(_ reason: Provenance) -> JSON {
        [
            "rule": .string(reason.rule), "because": .string(reason.because), "origin": JSON(reason.origin?.rawValue),
            "answers": .array(reason.answers.map { ["question": .string($0.question), "value": value($0.value)] }),
        ]
    }

    /// An option id, a list of option ids (multiple choice), or the free text.
    private static func value(_ value: AnswerValue) -> JSON {
        switch value {
        case .option(let id): .string(id)
        case .options(let ids): .array(ids.map(JSON.string))
        case .text(let text): .string(text)
        }
    }
}

/// The JSON the plan needs, written in the layout of Foundation's pretty printer (`"key" : value`,
/// two spaces per level, keys sorted), so exports made before and after read the same.
/// Control characters are escaped as `\u00XX` (Foundation wrote `\b` and `\f` for two of them).
enum JSON: ExpressibleByDictionaryLiteral {
    case string(String)
    case int(Int)
    case array([JSON])
    case object([String: JSON])
    case null

    init(_ text: String?) { self = text.map(JSON.string) ?? .null }

    init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(Dictionary(uniqueKeysWithValues: elements))
    }

    func write(to output: inout String, indent: String) {
        switch self {
        // The transcripts' quoting is JSON's: quote, backslash and control characters escaped.
        case .string(let text): output += QuotedText.encode(text)
        case .int(let number): output += String(number)
        case .null: output += "null"
        case .array(let items):
            guard !items.isEmpty else { return output += "[]" }
            output += "[\n"
            for (i, item) in items.enumerated() {
                output += indent + "  "
                item.write(to: &output, indent: indent + "  ")
                output += i < items.count - 1 ? ",\n" : "\n"
            }
            output += indent + "]"
        case .object(let members):
            guard !members.isEmpty else { return output += "{}" }
            output += "{\n"
            let keys = members.keys.sorted()
            for (i, key) in keys.enumerated() {
                output += indent + "  "
                output += QuotedText.encode(key)
                output += " : "
                members[key]!.write(to: &output, indent: indent + "  ")
                output += i < keys.count - 1 ? ",\n" : "\n"
            }
            output += indent + "}"
        }
    }
}
