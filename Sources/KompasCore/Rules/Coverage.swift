/// Which sources, steps and rules the examples exercise. An item an example puts in a plan is
/// reachable by construction; one no example reaches is reported, so every branch stays tested.
public struct Coverage: Sendable {
    public var sources: (covered: Int, total: Int)
    public var steps: (covered: Int, total: Int)
    public var rules: (covered: Int, total: Int)
    /// Items no example reaches, as `soort id`, in declared order.
    public var missing: [(kind: String, id: String, location: SourceLocation)]

    public var isComplete: Bool { missing.isEmpty }

    public init(rules ruleSet: RuleSet) {
        let engine = Engine(rules: ruleSet)
        var items = Set<String>(), fired = Set<String>()
        for example in ruleSet.examples {
            var answers: [String: AnswerValue] = [:]
            for (id, value, _) in example.answers {
                if let question = ruleSet.question(id), case .success(let answer) = question.answer(from: value) { answers[id] = answer }
            }
            let plan = ExampleRun(engine: engine, answers: answers).plan
            items.formUnion(plan.itemIDs)
            let reasons = plan.sources.flatMap(\.reasons) + plan.steps.flatMap(\.reasons) + plan.notes.map(\.reason) + plan.excluded.flatMap(\.reasons)
            fired.formUnion(reasons.map(\.rule))
        }
        let missingSources = ruleSet.sources.filter { !items.contains($0.id) }
        let missingSteps = ruleSet.steps.filter { !items.contains($0.id) }
        let missingRules = ruleSet.rules.filter { !fired.contains($0.id) }
        sources = (ruleSet.sources.count - missingSources.count, ruleSet.sources.count)
        steps = (ruleSet.steps.count - missingSteps.count, ruleSet.steps.count)
        rules = (ruleSet.rules.count - missingRules.count, ruleSet.rules.count)
        missing = missingSources.map { ("bron", $0.id, $0.location) } + missingSteps.map { ("stap", $0.id, $0.location) }
            + missingRules.map { ("regel", $0.id, $0.location) }
    }
}
