/// Two plans side by side: what only one has, and the answers that made the difference.
public struct PlanComparison {
    public let rules: RuleSet
    public let width: Int

    public init(rules: RuleSet, width: Int = 80) {
        self.rules = rules
        self.width = width
    }

    public func describe(from old: Evaluation, to new: Evaluation, fromName: String, toName: String) -> String {
        var lines: [String] = []
        let answers = differingAnswers(old, new)
        if !answers.isEmpty {
            lines.append("Andere antwoorden:")
            lines += answers.flatMap { TextLayout.wrap($0, width: width, indent: "  • ", hanging: "    ") }
        }
        let added = items(new.plan).filter { !old.plan.itemIDs.contains($0.id) }
        let removed = items(old.plan).filter { !new.plan.itemIDs.contains($0.id) }
        if !added.isEmpty {
            lines.append("Alleen in \(toName):")
            lines += added.flatMap { line("+", $0) }
        }
        if !removed.isEmpty {
            lines.append("Alleen in \(fromName):")
            lines += removed.flatMap { line("-", $0) }
        }
        if added.isEmpty && removed.isEmpty { lines.append("Geen verschil: beide plannen bevatten dezelfde bronnen en stappen.") }
        return lines.joined(separator: "\n")
    }

    private struct Item { var id: String; var label: String; var reasons: [Provenance] }

    private func items(_ plan: Plan) -> [Item] {
        var seen = Set<String>()
        let steps = plan.steps.map { Item(id: $0.step.id, label: "stap: \($0.step.text)", reasons: $0.reasons) }
        let sources = plan.sources.filter { seen.insert($0.source.id).inserted }.map { Item(id: $0.source.id, label: "\($0.entry.kind.rawValue): \($0.title)", reasons: $0.reasons) }
        return steps + sources
    }

    private func line(_ sign: String, _ item: Item) -> [String] {
        let reads = item.reasons.flatMap(\.answers).map { read in
            "\(rules.question(read.question)?.shortLabel ?? read.question) = \(rules.question(read.question)?.display(read.value) ?? "")"
        }
        var unique = Set<String>()
        let because = PlanTextRenderer.because(item.reasons)
        let cause = reads.filter { unique.insert($0).inserted }.joined(separator: "; ")
        return TextLayout.wrap("\(item.label) — \(because)\(cause.isEmpty ? "" : " (antwoorden: \(cause))")", width: width, indent: "  \(sign) ", hanging: "    ")
    }

    private func differingAnswers(_ old: Evaluation, _ new: Evaluation) -> [String] {
        rules.questions.compactMap { question in
            let a = old.effectiveAnswers[question.id], b = new.effectiveAnswers[question.id]
            guard a != b else { return nil }
            let show = { (value: AnswerValue?) in value.map(question.display) ?? "niet beantwoord" }
            return "\(question.shortLabel): \(show(a)) → \(show(b))"
        }
    }
}
