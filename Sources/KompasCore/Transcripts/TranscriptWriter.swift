/// Writes a transcript. The `|` lines are regenerated from the rules each time, so they always
/// show the current question texts and labels; `#` comments are written back where they stood.
public enum TranscriptWriter {
    public static func write(_ transcript: Transcript, rules: RuleSet) -> String {
        var out = ["\(Transcript.magic) \(Transcript.formatVersion)", "regelset \(transcript.fingerprint)", "datum \(transcript.date)", ""]
        for entry in transcript.events {
            out += entry.comments.map(comment)
            out.append(line(entry.event))
            out += display(entry.event, rules: rules)
        }
        out += transcript.trailingComments.map(comment)
        if let plan = transcript.recordedPlan {
            out += ["", "plan"]
            out += transcript.planComments.map(comment)
            for item in plan {
                out.append(item.text)
                out += display(planLine: item.text, rules: rules).map { "| " + $0 }
            }
            out.append("einde")
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func comment(_ text: String) -> String { text.isEmpty ? "#" : "# " + text }

    public static func line(_ event: SessionEvent) -> String {
        switch event {
        case .answered(let question, let value): "antwoord \(question) \(encode(value))"
        case .changed(let question, let value): "wijziging \(question) \(encode(value))"
        case .undone: "terug"
        case .redone: "vooruit"
        }
    }

    static func encode(_ value: AnswerValue) -> String {
        switch value {
        case .option(let id): id
        case .options(let ids): "[" + ids.joined(separator: " ") + "]"
        case .text(let text): QuotedText.encode(text)
        }
    }

    private static func display(_ event: SessionEvent, rules: RuleSet) -> [String] {
        switch event {
        case .answered(let id, let value), .changed(let id, let value):
            guard let question = rules.question(id) else { return [] }
            return ["| " + oneLine(question.text), "| → " + oneLine(question.display(value))]
        case .undone, .redone:
            return []
        }
    }

    private static func display(planLine: String, rules: RuleSet) -> [String] {
        let words = planLine.split(separator: " ").map(String.init)
        switch words.first {
        case "thema": return words.count > 1 ? rules.theme(words[1]).map { [$0.name] } ?? [] : []
        case "stap": return words.count > 2 ? rules.step(words[2]).map { [oneLine($0.text)] } ?? [] : []
        case "bron": return words.last(where: { $0 != "hoog" }).flatMap(rules.source).map { [$0.name] } ?? []
        case "notitie": return words.count > 1 ? rules.rule(words[1])?.note.map { [oneLine($0)] } ?? [] : []
        default: return []
        }
    }

    /// Display lines must stay one line each, whatever the user typed.
    static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) }).trimmingWhitespace
    }
}
