/// `kompas compare --format markdown`: the course report, GitHub-flavoured Markdown with the
/// answers' labels in full.
public enum ComparisonMarkdownRenderer {
    public static func render(_ comparison: GroupComparison) -> String {
        let text = MarkdownEscaping.text
        let members = comparison.members
        var out = ["# Vergelijking met de referentie \(text(comparison.reference.name))", ""]
        out.append("| Vraag | \(text(comparison.reference.name)) (referentie) | " + members.map { text($0.name) }.joined(separator: " | ") + " |")
        out.append("|" + String(repeating: "---|", count: members.count + 2))
        for question in comparison.questions {
            let show = { (evaluation: Evaluation) in evaluation.effectiveAnswers[question.id].map { text(question.display($0)) } ?? "—" }
            let cells = members.map { comparison.differs($0, question) ? "≠ " + show($0.evaluation) : show($0.evaluation) }
            out.append("| \(text(question.shortLabel)) | \(show(comparison.reference.evaluation)) | " + cells.joined(separator: " | ") + " |")
        }
        out += ["", "≠ anders dan de referentie; — niet gevraagd. De gemeente telt nooit als verschil.", "", "## Scores", ""]
        out += ["| Cursist | Antwoorden gelijk | Plan: onderdelen van de referentie | Extra | Opmerking |", "|---|---|---|---|---|"]
        for member in members {
            let agreement = member.agreement
            let answers = "\(agreement.sameAnswers) van \(agreement.compared.count) (\(agreement.answerPercentage)%)"
            let plan = "\(agreement.shared.count) van \(agreement.shared.count + agreement.missed.count) (\(agreement.planPercentage)%)"
            let remark = agreement.sameTheme ? "" : "ander thema: vergeleken op de gedeelde vragen"
            out.append("| \(text(member.name)) | \(answers) | \(plan) | \(agreement.extra.count) | \(remark) |")
        }
        out += ["", "## Wat de meeste cursisten misten", ""]
        if comparison.missed.isEmpty {
            out.append("Geen onderdeel van het plan van de referentie ontbrak bij de meeste cursisten op hetzelfde thema.")
        }
        for missed in comparison.missed {
            let priority = missed.item.priority == .high ? " (prioriteit)" : ""
            out.append("- \(text(missed.item.label))\(priority): gemist door \(missed.missedBy.count) van \(missed.of) (\(missed.missedBy.map(text).joined(separator: ", ")))")
            for reason in missed.item.reasons {
                let answers = comparison.answers(reason).compactMap { read in
                    comparison.rules.question(read.question).map { "\($0.shortLabel): \($0.display(read.value))" }
                }
                let read = answers.isEmpty ? "" : " (referentie: \(answers.joined(separator: "; ")))"
                out.append("  - regel \(text(reason.rule)): omdat \(text(reason.because + read))")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
