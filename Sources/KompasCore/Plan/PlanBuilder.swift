/// Applies every rule whose condition holds. All matching rules count; an item is in the plan
/// when any of them names it, with all their reasons; its priority is the highest they give;
/// an exclusion by any matching rule wins over every inclusion.
struct PlanBuilder {
    let rules: RuleSet

    func build(answers: [String: AnswerValue]) -> Plan {
        let lookup: (String) -> Knowledge = { answers[$0].map(Knowledge.answered) ?? .absent }
        var sourceReasons: [String: [Provenance]] = [:], stepReasons: [String: [Provenance]] = [:]
        var excluded: [String: [Provenance]] = [:], priorities: [String: Priority] = [:]
        var notes: [PlanNote] = []
        var proposed: [(id: String, reason: Provenance)] = []
        for rule in rules.rules where rule.when.expression.evaluate(lookup) == .yes {
            let reason = provenance(rule, answers)
            for id in rule.sources { sourceReasons[id, default: []].append(reason) }
            for id in rule.steps + rule.start.filter({ !rule.steps.contains($0) }) { stepReasons[id, default: []].append(reason) }
            for id in rule.start where !proposed.contains(where: { $0.id == id }) { proposed.append((id, reason)) }
            for id in rule.exclude { excluded[id, default: []].append(reason) }
            for id in rule.sources + rule.steps + rule.start { priorities[id] = max(priorities[id] ?? .normal, rule.priority) }
            if let note = rule.note { notes.append(PlanNote(text: note, reason: reason)) }
        }
        let themeID = rules.themeQuestion.flatMap { answers[$0.id]?.optionIDs.first }
        let steps = planSteps(stepReasons, excluded: excluded, priorities: priorities)
        return Plan(
            theme: themeID.flatMap(rules.theme),
            municipality: rules.municipalityQuestion.flatMap { question in
                if case .text(let name)? = answers[question.id] { return name }
                return nil
            },
            sources: planSources(sourceReasons, excluded: excluded, priorities: priorities, theme: themeID),
            steps: steps,
            start: start(proposed, steps: steps),
            notes: notes,
            excluded: rules.sources.map(\.id).compactMap { id in excluded[id].map { ExcludedItem(id: id, reasons: $0) } }
                + rules.steps.map(\.id).compactMap { id in excluded[id].map { ExcludedItem(id: id, reasons: $0) } })
    }

    /// The proposed steps still in the plan, high priority first, then in the order rules proposed them.
    private func start(_ proposed: [(id: String, reason: Provenance)], steps: [PlanStep]) -> [StartStep] {
        let items = proposed.compactMap { id, reason in steps.first { $0.step.id == id }.map { StartStep(step: $0, reason: reason) } }
        let high = items.filter { $0.step.priority == .high }, normal = items.filter { $0.step.priority != .high }
        return Array((high + normal).prefix(Plan.startLimit))
    }

    /// The answers the rule's condition read, each question once, in the order it names them.
    private func provenance(_ rule: Rule, _ answers: [String: AnswerValue]) -> Provenance {
        var read: [ReadAnswer] = [], named: [String] = []
        rule.when.expression.forEachQuestion { reference in
            guard !named.contains(reference.id) else { return }
            named.append(reference.id)
            if let value = answers[reference.id] { read.append(ReadAnswer(question: reference.id, value: value)) }
        }
        return Provenance(rule: rule.id, because: rule.because, answers: read, origin: rule.origin)
    }

    private func planSources(
        _ reasons: [String: [Provenance]], excluded: [String: [Provenance]], priorities: [String: Priority], theme: String?
    ) -> [PlanSource] {
        let items = rules.sources.filter { reasons[$0.id] != nil && excluded[$0.id] == nil }.flatMap { source in
            source.entries(forTheme: theme).map { entry in
                PlanSource(source: source, entry: entry, priority: priorities[source.id] ?? .normal, reasons: reasons[source.id]!)
            }
        }
        // Declared order inside each group; the indices are sorted, not the items, which are
        // large to move around.
        let keys = items.map { (kind: $0.entry.kind, scope: $0.entry.scope ?? .external, priority: $0.priority) }
        return items.indices.sorted { a, b in
            let ka = keys[a], kb = keys[b]
            if (ka.kind, ka.scope) != (kb.kind, kb.scope) { return (ka.kind, ka.scope) < (kb.kind, kb.scope) }
            if ka.priority != kb.priority { return ka.priority > kb.priority }
            return a < b
        }.map { items[$0] }
    }

    private func planSteps(
        _ reasons: [String: [Provenance]], excluded: [String: [Provenance]], priorities: [String: Priority]
    ) -> [PlanStep] {
        let phaseOrder = Dictionary(rules.phases.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let items = rules.steps.filter { reasons[$0.id] != nil && excluded[$0.id] == nil }.compactMap { step -> PlanStep? in
            guard let phase = rules.phase(step.phase) else { return nil }
            return PlanStep(step: step, phase: phase, priority: priorities[step.id] ?? .normal, reasons: reasons[step.id]!)
        }
        // Within a phase the high-priority steps come first, so «prioriteit» means first.
        let keys = items.map { (phaseOrder[$0.phase.id] ?? 0, $0.priority == .high ? 0 : 1, $0.step.order) }
        return items.indices.sorted { a, b in keys[a] != keys[b] ? keys[a] < keys[b] : a < b }.map { items[$0] }
    }
}
