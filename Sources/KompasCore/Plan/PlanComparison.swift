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
        let added = PlanItem.items(new.plan).filter { !old.plan.itemIDs.contains($0.id) }
        let removed = PlanItem.items(old.plan).filter { !new.plan.itemIDs.contains($0.id) }
        let causes = Set(rules.questions.map(\.id).filter { old.effectiveAnswers[$0] != new.effectiveAnswers[$0] })
        if !added.isEmpty {
            lines.append("Alleen in \(toName):")
            lines += added.flatMap { line("+", $0, causes) }
        }
        if !removed.isEmpty {
            lines.append("Alleen in \(fromName):")
            lines += removed.flatMap { line("-", $0, causes) }
        }
        let priorities = priorityChanges(old.plan, new.plan)
        if !priorities.isEmpty {
            lines.append("Andere prioriteit:")
            lines += priorities.flatMap { TextLayout.wrap($0, width: width, indent: "  • ", hanging: "    ") }
        }
        let oldNotes = Set(old.plan.notes.map(\.text)), newNotes = Set(new.plan.notes.map(\.text))
        let notesAdded = new.plan.notes.filter { !oldNotes.contains($0.text) }, notesRemoved = old.plan.notes.filter { !newNotes.contains($0.text) }
        if !notesAdded.isEmpty || !notesRemoved.isEmpty {
            lines.append("Notities:")
            lines += notesAdded.flatMap { TextLayout.wrap($0.text, width: width, indent: "  + ", hanging: "    ") }
            lines += notesRemoved.flatMap { TextLayout.wrap($0.text, width: width, indent: "  - ", hanging: "    ") }
        }
        if added.isEmpty && removed.isEmpty && priorities.isEmpty && notesAdded.isEmpty && notesRemoved.isEmpty {
            lines.append("Geen verschil: beide plannen bevatten dezelfde bronnen, stappen, prioriteiten en notities.")
        }
        return lines.joined(separator: "\n")
    }

    /// Items in both plans whose priority differs, as "naam: normaal → hoog".
    private func priorityChanges(_ old: Plan, _ new: Plan) -> [String] {
        PlanItem.items(old).compactMap { item in
            guard let before = old.priority(of: item.id), let after = new.priority(of: item.id), before != after else { return nil }
            return "\(item.label): \(before.rawValue) → \(after.rawValue)"
        }
    }

    /// The item with its reasons, and which of the differing answers brought it in or out.
    private func line(_ sign: String, _ item: PlanItem, _ causes: Set<String>) -> [String] {
        let reads = item.reasons.flatMap(\.answers).filter { causes.contains($0.question) }.map { read in
            "\(rules.question(read.question)?.shortLabel ?? read.question) = \(rules.question(read.question)?.display(read.value) ?? "")"
        }
        var unique = Set<String>()
        let because = PlanTextRenderer.because(item.reasons)
        let cause = reads.filter { unique.insert($0).inserted }.joined(separator: "; ")
        return TextLayout.wrap("\(item.label) — \(because)\(cause.isEmpty ? "" : " (door: \(cause))")", width: width, indent: "  \(sign) ", hanging: "    ")
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
