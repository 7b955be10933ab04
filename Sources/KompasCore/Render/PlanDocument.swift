/// Everything a renderer needs, gathered by the caller. Renderers do no I/O and read no clock,
/// so the same document always renders to the same bytes.
public struct PlanDocument: Sendable {
    public var rules: RuleSet
    /// Its `plan` and `effectiveAnswers` are rendered.
    public var evaluation: Evaluation
    /// The day the plan is made, `YYYY-MM-DD`, given by the caller.
    public var date: String

    public init(rules: RuleSet, evaluation: Evaluation, date: String) {
        self.rules = rules
        self.evaluation = evaluation
        self.date = date
    }

    var plan: Plan { evaluation.plan }

    /// The answers that count, in question order (the dictionary has none).
    var answers: [(question: Question, value: AnswerValue)] {
        rules.questions.compactMap { question in evaluation.effectiveAnswers[question.id].map { (question, $0) } }
    }

    /// Sources of one kind and scope, in plan order; publications are not split by scope.
    func sources(_ kind: SourceKind, _ scope: Scope?) -> [PlanSource] {
        plan.sources.filter { $0.entry.kind == kind && (scope == nil || ($0.entry.scope ?? .external) == scope) }
    }
}

extension Provenance {
    /// The distinct `because` texts of reasons, in order: two rules may give the same one.
    static func distinctBecause(_ reasons: [Provenance]) -> [String] {
        var seen = Set<String>()
        return reasons.map(\.because).filter { seen.insert($0).inserted }
    }
}
