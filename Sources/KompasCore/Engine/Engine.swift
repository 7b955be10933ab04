/// Where a question stands in a session.
public enum QuestionStatus: Hashable, Sendable {
    /// Asked and answered; the answer counts.
    case answered(AnswerValue)
    /// To be asked: its condition holds and its answer can still change the plan.
    case pending
    /// Its condition depends on answers not given yet.
    case undecided
    /// Not asked: its condition does not hold, or no rule that can still apply reads it.
    case skipped
}

/// Everything the engine derives from the rules and the answers at one moment.
public struct Evaluation: Sendable {
    public var statuses: [String: QuestionStatus]
    /// The answers that count (set-aside answers to skipped questions left out).
    public var effectiveAnswers: [String: AnswerValue]
    public var next: Question?
    public var plan: Plan
    /// The number of answered questions and an estimate of the total, for "vraag 4 van ongeveer 11".
    public var answeredCount: Int
    public var estimatedTotal: Int
    public var isComplete: Bool { next == nil }
}

/// Pure and deterministic: rules and answers in, next question and plan out. No I/O, no clock.
public struct Engine: Sendable {
    public let rules: RuleSet
    /// Questions in an order where each comes after those its condition reads (validated acyclic).
    private let dependencyOrder: [Int]
    /// For each question, the rules and questions whose conditions read it.
    private let readers: [String: (rules: [Int], questions: [Int])]

    public init(rules: RuleSet) {
        self.rules = rules
        self.dependencyOrder = Self.topologicalOrder(rules)
        var readers: [String: (rules: [Int], questions: [Int])] = [:]
        for (index, rule) in rules.rules.enumerated() {
            for id in rule.when.questionIDs { readers[id, default: ([], [])].rules.append(index) }
        }
        for (index, question) in rules.questions.enumerated() {
            for id in question.when?.questionIDs ?? [] { readers[id, default: ([], [])].questions.append(index) }
        }
        self.readers = readers
    }

    public func evaluate(_ session: Session) -> Evaluation { evaluate(answers: session.answers) }

    public func evaluate(answers: [String: AnswerValue]) -> Evaluation {
        let knowledge = relevance(answers)
        let useful = usefulness(knowledge)
        var statuses: [String: QuestionStatus] = [:]
        var effective: [String: AnswerValue] = [:]
        for question in rules.questions {
            switch knowledge[question.id] ?? .absent {
            case .answered(let value):
                statuses[question.id] = .answered(value)
                effective[question.id] = value
            case .absent:
                statuses[question.id] = .skipped
            case .unknown:
                let decided = question.when.map { $0.expression.evaluate { knowledge[$0] ?? .absent } == .yes } ?? true
                statuses[question.id] = !useful.contains(question.id) ? .skipped : decided ? .pending : .undecided
            }
        }
        let next = rules.questions.first { statuses[$0.id] == .pending }
        return Evaluation(
            statuses: statuses, effectiveAnswers: effective, next: next,
            plan: PlanBuilder(rules: rules).build(answers: effective),
            answeredCount: effective.count, estimatedTotal: estimate(answers, statuses, effective))
    }

    /// Answered plus still open; before the theme is chosen, the average over the themes,
    /// since only one theme's questions will be asked.
    private func estimate(_ answers: [String: AnswerValue], _ statuses: [String: QuestionStatus], _ effective: [String: AnswerValue]) -> Int {
        if let theme = rules.themeQuestion, statuses[theme.id] == .pending, !theme.options.isEmpty {
            let totals = theme.options.map { option in
                var withTheme = answers
                withTheme[theme.id] = .option(option.id)
                return evaluate(answers: withTheme).estimatedTotal
            }
            return Int((Double(totals.reduce(0, +)) / Double(totals.count)).rounded())
        }
        return effective.count + statuses.values.filter { $0 == .pending || $0 == .undecided }.count
    }

    /// What is known of each answer: answered where its condition holds, absent where it cannot,
    /// unknown where it may still be asked. Answers to questions whose condition fails are set aside.
    private func relevance(_ answers: [String: AnswerValue]) -> [String: Knowledge] {
        var knowledge: [String: Knowledge] = [:]
        for index in dependencyOrder {
            let question = rules.questions[index]
            let truth = question.when?.expression.evaluate { knowledge[$0] ?? .absent } ?? .yes
            switch truth {
            case .no: knowledge[question.id] = .absent
            case .yes: knowledge[question.id] = answers[question.id].map(Knowledge.answered) ?? .unknown
            case .unknown: knowledge[question.id] = .unknown
            }
        }
        return knowledge
    }

    /// Questions whose answer can still change the plan: text answers (they are shown), and
    /// answers read by a rule, or by a useful question's condition, whose outcome is still open.
    private func usefulness(_ knowledge: [String: Knowledge]) -> Set<String> {
        let lookup: (String) -> Knowledge = { knowledge[$0] ?? .absent }
        let openRules = Set(rules.rules.indices.filter { rules.rules[$0].when.expression.evaluate(lookup) == .unknown })
        var useful = Set<String>()
        // Readers come later in dependency order, so walking it backwards settles them first.
        for index in dependencyOrder.reversed() {
            let question = rules.questions[index]
            guard knowledge[question.id] != .absent else { continue }
            if question.type == .text || question.role == .theme {
                useful.insert(question.id)
                continue
            }
            let reader = readers[question.id] ?? ([], [])
            let readByRule = reader.rules.contains { openRules.contains($0) }
            let readByQuestion = reader.questions.contains { other in
                let q = rules.questions[other]
                return useful.contains(q.id) && q.when?.expression.evaluate(lookup) == .unknown
            }
            if readByRule || readByQuestion { useful.insert(question.id) }
        }
        return useful
    }

    private static func topologicalOrder(_ rules: RuleSet) -> [Int] {
        var order: [Int] = []
        var visited = Set<Int>()
        func visit(_ index: Int) {
            guard visited.insert(index).inserted else { return }
            for id in rules.questions[index].when?.questionIDs ?? [] {
                if let dependency = rules.questionIndex[id] { visit(dependency) }
            }
            order.append(index)
        }
        for index in rules.questions.indices { visit(index) }
        return order
    }
}
