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
        for rule in rules.rules where rule.when.expression.evaluate(lookup) == .yes {
            let reason = provenance(rule, answers)
            for id in rule.sources { sourceReasons[id, default: []].append(reason) }
            for id in rule.steps { stepReasons[id, default: []].append(reason) }
            for id in rule.exclude { excluded[id, default: []].append(reason) }
            for id in rule.sources + rule.steps { priorities[id] = max(priorities[id] ?? .normaal, rule.priority) }
            if let note = rule.note { notes.append(PlanNote(text: note, reason: reason)) }
        }
        let themeID = rules.themeQuestion.flatMap { answers[$0.id]?.optionIDs.first }
        return Plan(
            theme: themeID.flatMap(rules.theme),
            municipality: rules.municipalityQuestion.flatMap { question in
                if case .text(let name)? = answers[question.id] { return name }
                return nil
            },
            sources: planSources(sourceReasons, excluded: excluded, priorities: priorities, theme: themeID),
            steps: planSteps(stepReasons, excluded: excluded, priorities: priorities),
            notes: notes,
            excluded: rules.sources.map(\.id).compactMap { id in excluded[id].map { ExcludedItem(id: id, reasons: $0) } }
                + rules.steps.map(\.id).compactMap { id in excluded[id].map { ExcludedItem(id: id, reasons: $0) } })
    }

    private func provenance(_ rule: Rule, _ answers: [String: AnswerValue]) -> Provenance {
        let read = rule.when.questionIDs.compactMap { id in answers[id].map { ReadAnswer(question: id, value: $0) } }
        return Provenance(rule: rule.id, because: rule.because, answers: read)
    }

    private func planSources(
        _ reasons: [String: [Provenance]], excluded: [String: [Provenance]], priorities: [String: Priority], theme: String?
    ) -> [PlanSource] {
        let items = rules.sources.filter { reasons[$0.id] != nil && excluded[$0.id] == nil }.flatMap { source in
            source.entries(forTheme: theme).map { entry in
                PlanSource(source: source, entry: entry, priority: priorities[source.id] ?? .normaal, reasons: reasons[source.id]!)
            }
        }
        // A stable sort keeps declared order inside each group.
        return items.enumerated().sorted { a, b in
            let ka = (a.element.entry.kind, a.element.entry.scope ?? .extern), kb = (b.element.entry.kind, b.element.entry.scope ?? .extern)
            if ka != kb { return ka < kb }
            if a.element.priority != b.element.priority { return a.element.priority > b.element.priority }
            return a.offset < b.offset
        }.map(\.element)
    }

    private func planSteps(
        _ reasons: [String: [Provenance]], excluded: [String: [Provenance]], priorities: [String: Priority]
    ) -> [PlanStep] {
        let phaseOrder = Dictionary(rules.phases.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let items = rules.steps.filter { reasons[$0.id] != nil && excluded[$0.id] == nil }.compactMap { step -> PlanStep? in
            guard let phase = rules.phase(step.phase) else { return nil }
            return PlanStep(step: step, phase: phase, priority: priorities[step.id] ?? .normaal, reasons: reasons[step.id]!)
        }
        return items.enumerated().sorted { a, b in
            let ka = (phaseOrder[a.element.phase.id] ?? 0, a.element.step.order)
            let kb = (phaseOrder[b.element.phase.id] ?? 0, b.element.step.order)
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
    }
}
