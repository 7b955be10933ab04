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
    /// For each question (by index), the rules and questions whose conditions read it.
    private let readers: [(rules: [Int], questions: [Int])]
    /// The theme question, and per theme the rules that can apply once it is chosen.
    private let themeGate: ThemeGate?
    /// Where in `dependencyOrder` the first question whose condition requires a theme (see
    /// `ThemeGate`) stands; the theme question, which they all read, stands before it.
    private let firstGated: Int
    /// The questions after `firstGated` that require no theme, in dependency order.
    private let ungatedTail: [Int]
    /// Per theme option, the questions that require it, in dependency order.
    private let gatedQuestions: [String: [Int]]
    /// Each question's place in `dependencyOrder`.
    private let position: [Int]
    /// Whether an assessment walks only the questions the theme leaves open; off, it walks them
    /// all, which gives the same outcome more slowly (for the tests that hold it to that).
    private let narrowsByTheme: Bool
    /// The rules' and questions' conditions with their question references resolved to indices.
    private let ruleConditions: [Expression]
    private let questionConditions: [Expression?]
    private let themeIndex: Int?
    /// Where every session starts, before any answer: it evaluates every theme, so it is done
    /// once here and not again for each session, example or replayed transcript.
    private var initial: (assessment: Assessment, estimate: Int)?

    public init(rules: RuleSet) { self.init(rules: rules, narrowsByTheme: true) }

    init(rules: RuleSet, narrowsByTheme: Bool) {
        self.rules = rules
        self.narrowsByTheme = narrowsByTheme
        let questionIndex = rules.questionIndex
        // By index: mapping the rules copied each whole rule to read its condition.
        self.ruleConditions = rules.rules.indices.map { rules.rules[$0].when.expression.resolving(questionIndex) }
        self.questionConditions = rules.questions.map { $0.when?.expression.resolving(questionIndex) }
        self.dependencyOrder = Self.topologicalOrder(questionConditions)
        self.readers = Self.readers(ruleConditions, questionConditions)
        let themeGate = ThemeGate(rules)
        self.themeGate = themeGate
        self.themeIndex = themeGate.flatMap { rules.questionIndex[$0.question] }
        var gatedQuestions: [String: [Int]] = [:], ungated: [Int] = []
        var firstGated = dependencyOrder.count
        for (place, index) in dependencyOrder.enumerated() {
            guard let theme = themeGate?.question, let when = rules.questions[index].when, let gate = ThemeGate.gate(when.expression, theme) else {
                ungated.append(index)
                continue
            }
            firstGated = min(firstGated, place)
            for option in gate { ThemeGate.add(index, to: &gatedQuestions[option, default: []]) }
        }
        self.firstGated = firstGated
        // Every question before the first gated one is ungated.
        self.ungatedTail = Array(ungated.dropFirst(firstGated))
        self.gatedQuestions = gatedQuestions
        var position = [Int](repeating: 0, count: dependencyOrder.count)
        for (place, index) in dependencyOrder.enumerated() { position[index] = place }
        self.position = position
        self.initial = nil
        let start = assess([:])
        self.initial = (start, estimate([:], start))
    }

    public func evaluate(_ session: Session) -> Evaluation { evaluate(answers: session.answers) }

    /// The next question alone, without the plan: for stepping through recorded answers,
    /// where only the last plan counts.
    public func nextQuestion(_ session: Session) -> Question? {
        assess(session.answers, statuses: false).next.map { rules.questions[$0] }
    }

    /// Where a question stands in the order the questions are asked.
    func place(of id: String) -> Int? { rules.questionIndex[id].map { position[$0] } }

    /// The plan alone, without the questions' statuses and the estimate: for the examples,
    /// where only the plan counts (filling the statuses hashes every question's id).
    public func plan(_ session: Session) -> Plan { plan(effective: assess(session.answers, statuses: false).effective) }

    public func evaluate(answers: [String: AnswerValue]) -> Evaluation {
        let assessment = assess(answers)
        let effective = assessment.effective
        return Evaluation(
            statuses: assessment.statuses, effectiveAnswers: effective, next: assessment.next.map { rules.questions[$0] },
            plan: plan(effective: effective),
            answeredCount: effective.count,
            estimatedTotal: answers.isEmpty ? initial?.estimate ?? estimate(answers, assessment) : estimate(answers, assessment))
    }

    /// The plan reads only answers that count: a theme not among them is absent.
    private func plan(effective: [String: AnswerValue]) -> Plan {
        let candidates = themeGate.flatMap { $0.candidates(effective[$0.question].map(Knowledge.answered) ?? .absent) }
        return PlanBuilder(rules: planRules(candidates)).build(answers: effective)
    }

    /// One evaluation without the plan.
    private struct Assessment {
        var statuses: [String: QuestionStatus]
        var effective: [String: AnswerValue]
        /// The first pending question in declared order.
        var next: Int?
        /// Pending plus undecided.
        var open: Int
        var themePending: Bool
    }

    /// `statuses: false` leaves `statuses` empty, for callers that need only the next question or
    /// the counts: filling it hashes every question's id, most of an assessment's time at 100×.
    private func assess(_ answers: [String: AnswerValue], statuses: Bool = true) -> Assessment {
        if answers.isEmpty, let initial { return initial.assessment }
        let (knowledge, walked) = relevance(answers)
        // Closures capture locals only: capturing `self` copies the whole engine on every call.
        let lookup: (Reference) -> Knowledge = { reference in reference.index.map { knowledge[$0] } ?? .absent }
        let candidates = themeGate.flatMap { gate in gate.candidates(themeIndex.map { knowledge[$0] } ?? .absent) }
        let useful = usefulness(knowledge, walked, lookup, candidates: candidates)
        var result = Assessment(statuses: [:], effective: [:], next: nil, open: 0, themePending: false)
        if statuses { result.statuses.reserveCapacity(rules.questions.count) }
        // A question's id only where it is stored: reading it for every question of every
        // assessment retained and released each one (the examples at 100×: 700,000 times).
        for index in rules.questions.indices {
            let status: QuestionStatus
            switch knowledge[index] {
            case .answered(let value):
                status = .answered(value)
                result.effective[rules.questions[index].id] = value
            case .absent:
                // Most questions at scale (other themes'): skipped, and nothing else to count.
                if statuses { result.statuses[rules.questions[index].id] = .skipped }
                continue
            case .unknown:
                let decided = questionConditions[index].map { $0.evaluate(reading: lookup) == .yes } ?? true
                status = !useful[index] ? .skipped : decided ? .pending : .undecided
            }
            if status == .pending {
                if result.next == nil { result.next = index }
                if index == themeIndex { result.themePending = true }
            }
            if status == .pending || status == .undecided { result.open += 1 }
            if statuses { result.statuses[rules.questions[index].id] = status }
        }
        return result
    }

    /// The most themes the estimate tries; with more, it averages over an even spread of them.
    static let estimateSample = 16

    /// Answered plus still open; before the theme is chosen, the average over the themes,
    /// since only one theme's questions will be asked.
    private func estimate(_ answers: [String: AnswerValue], _ assessment: Assessment) -> Int {
        if let themeIndex, assessment.themePending, !rules.questions[themeIndex].options.isEmpty {
            let theme = rules.questions[themeIndex]
            let count = min(theme.options.count, Self.estimateSample)
            let totals = (0..<count).map { i in
                var withTheme = answers
                withTheme[theme.id] = .option(theme.options[i * theme.options.count / count].id)
                let other = assess(withTheme, statuses: false)
                return other.effective.count + other.open
            }
            return Int((Double(totals.reduce(0, +)) / Double(totals.count)).rounded())
        }
        return assessment.effective.count + assessment.open
    }

    /// The rule set the plan is built from: only the candidate rules and the sources and steps
    /// they name, in declared order. The other rules are `no` for the chosen theme, so the plan
    /// is the same; building it no longer walks every rule, source and step of every theme.
    private func planRules(_ candidates: ThemeGate.Slice?) -> RuleSet {
        guard let candidates, candidates.rules.count < rules.rules.count else { return rules }
        var slice = rules
        slice.rules = candidates.rules.map { rules.rules[$0] }
        slice.sources = candidates.sources.map { rules.sources[$0] }
        slice.steps = candidates.steps.map { rules.steps[$0] }
        return slice
    }

    /// What is known of each answer (by question index): answered where its condition holds,
    /// absent where it cannot, unknown where it may still be asked. Answers to questions whose
    /// condition fails are set aside. Also the questions it settled, in dependency order: the
    /// others are absent.
    private func relevance(_ answers: [String: AnswerValue]) -> (knowledge: [Knowledge], walked: [Int]) {
        var knowledge = [Knowledge](repeating: .absent, count: rules.questions.count)
        let questionIndex = rules.questionIndex
        // By question index, so each answer's id is hashed once; a table of the few answers,
        // not an array over all questions.
        var given: [Int: AnswerValue] = [:]
        given.reserveCapacity(answers.count)
        for (id, value) in answers { if let index = questionIndex[id] { given[index] = value } }
        let conditions = questionConditions
        func settle(_ index: Int) {
            let truth = conditions[index]?.evaluate(reading: { reference in reference.index.map { knowledge[$0] } ?? .absent }) ?? .yes
            switch truth {
            case .no: break
            case .yes: knowledge[index] = given[index].map(Knowledge.answered) ?? .unknown
            case .unknown: knowledge[index] = .unknown
            }
        }
        // Up to the first question that requires a theme, every question; the theme question is
        // among them. After it only those the theme leaves open: a question that requires another
        // theme than the chosen one (or a theme when none is asked) is absent. At 100× that leaves
        // some eight of 2402 questions.
        let head = dependencyOrder[..<firstGated]
        head.forEach(settle)
        let tail = openTail(themeIndex.map { knowledge[$0] } ?? .absent)
        tail.forEach(settle)
        return (knowledge, head + tail)
    }

    /// The questions after `firstGated` that what is known of the theme leaves open, in
    /// dependency order: the ungated ones when no theme is asked, those and the chosen theme's
    /// once one is chosen, all while the theme is still open.
    private func openTail(_ theme: Knowledge) -> [Int] {
        switch narrowsByTheme ? theme : .unknown {
        case .absent:
            return ungatedTail
        case .answered(.option(let id)):
            // Merged by their places in dependency order, which ascend in both lists.
            let places = ThemeGate.merge(ungatedTail.map { position[$0] }, (gatedQuestions[id] ?? []).map { position[$0] })
            return places.map { dependencyOrder[$0] }
        default:
            return Array(dependencyOrder[firstGated...])
        }
    }

    /// Questions (by index) whose answer can still change the plan: text answers (they are shown),
    /// and answers read by a rule, or by a useful question's condition, whose outcome is still open.
    /// `walked` holds every question that is not absent, in dependency order.
    private func usefulness(_ knowledge: [Knowledge], _ walked: [Int], _ lookup: (Reference) -> Knowledge, candidates: ThemeGate.Slice?) -> [Bool] {
        // Rules outside the candidates are `no` for the chosen theme, so never open.
        let questions = rules.questions, ruleConditions = ruleConditions, questionConditions = questionConditions
        var openRules = [Bool](repeating: false, count: ruleConditions.count)
        for index in candidates?.rules ?? Array(ruleConditions.indices) where ruleConditions[index].evaluate(reading: lookup) == .unknown {
            openRules[index] = true
        }
        var useful = [Bool](repeating: false, count: rules.questions.count)
        // Readers come later in dependency order, so walking it backwards settles them first.
        for index in walked.reversed() {
            if case .absent = knowledge[index] { continue }
            if questions[index].type == .text || questions[index].role == .theme {
                useful[index] = true
                continue
            }
            let readByRule = readers[index].rules.contains { openRules[$0] }
            let readByQuestion = readers[index].questions.contains { other in
                useful[other] && questionConditions[other]?.evaluate(reading: lookup) == .unknown
            }
            if readByRule || readByQuestion { useful[index] = true }
        }
        return useful
    }

    /// Per question, the rules and questions whose conditions read it, each once, ascending.
    private static func readers(_ ruleConditions: [Expression], _ questionConditions: [Expression?]) -> [(rules: [Int], questions: [Int])] {
        var readers = [(rules: [Int], questions: [Int])](repeating: ([], []), count: questionConditions.count)
        for (index, condition) in ruleConditions.enumerated() {
            condition.forEachQuestion { reference in
                if let q = reference.index, readers[q].rules.last != index { readers[q].rules.append(index) }
            }
        }
        for (index, condition) in questionConditions.enumerated() {
            condition?.forEachQuestion { reference in
                if let q = reference.index, readers[q].questions.last != index { readers[q].questions.append(index) }
            }
        }
        return readers
    }

    /// Question indices, each after the questions its condition reads.
    private static func topologicalOrder(_ questionConditions: [Expression?]) -> [Int] {
        var order: [Int] = []
        var visited = [Bool](repeating: false, count: questionConditions.count)
        func visit(_ index: Int) {
            guard !visited[index] else { return }
            visited[index] = true
            questionConditions[index]?.forEachQuestion { reference in
                if let dependency = reference.index { visit(dependency) }
            }
            order.append(index)
        }
        for index in questionConditions.indices { visit(index) }
        return order
    }
}
