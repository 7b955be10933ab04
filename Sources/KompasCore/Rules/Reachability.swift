/// Whether some complete set of answers makes a condition hold. Each question a condition reads
/// is answered exactly when its own `when` holds; the search tries every answer of those
/// questions, in dependency order, and stops a branch as soon as the condition cannot hold.
/// Exact: a multiple-choice answer is tried as every subset of the options conditions name
/// (an exclusive option alone), since the others change no condition; past `exactOptions`
/// named options only the small subsets and the whole set.
struct Reachability {
    let rules: RuleSet
    /// Per multiple-choice question, the options some condition names.
    private let namedOptions: [String: [String]]

    init(rules: RuleSet) {
        self.rules = rules
        var named: [String: [String]] = [:]
        let conditions = rules.rules.map(\.when) + rules.questions.compactMap(\.when)
        for condition in conditions {
            condition.expression.forEachTest { _, question, options in
                for option in options where !(named[question.id]?.contains(option.id) ?? false) {
                    named[question.id, default: []].append(option.id)
                }
            }
        }
        namedOptions = named
    }

    func canHold(_ expression: Expression) -> Bool {
        var named = namedOptions
        expression.forEachTest { _, question, options in named[question.id, default: []] += options.map(\.id) }
        let order = questions(readBy: expression)
        var knowledge: [String: Knowledge] = [:]
        let lookup: (String) -> Knowledge = { knowledge[$0] ?? .unknown }
        func search(_ next: Int) -> Bool {
            switch expression.evaluate(lookup) {
            case .yes: return true
            case .no: return false
            case .unknown: break
            }
            guard next < order.count else { return false }
            let question = order[next]
            // Its condition reads only questions earlier in the order, so it is decided.
            let asked = question.when.map { $0.expression.evaluate(lookup) == .yes } ?? true
            for value in asked ? answers(question, named[question.id] ?? []).map(Knowledge.answered) : [.absent] {
                knowledge[question.id] = value
                if search(next + 1) { return true }
            }
            knowledge[question.id] = nil
            return false
        }
        return search(0)
    }

    /// The questions the expression reads and those their conditions read, each after the
    /// questions its own condition reads (validation refuses cycles).
    private func questions(readBy expression: Expression) -> [Question] {
        var order: [Question] = [], seen = Set<String>()
        func visit(_ id: String) {
            guard seen.insert(id).inserted, let question = rules.question(id) else { return }
            question.when?.questionIDs.forEach(visit)
            order.append(question)
        }
        expression.questionRefs.forEach { visit($0.id) }
        return order
    }

    /// The most named options of one question whose every combination is tried (the shipped rules name at most 7).
    static let exactOptions = 12

    private static func smallSubsets(of options: [AnswerOption]) -> [[AnswerOption]] {
        var result: [[AnswerOption]] = [[]]
        for i in options.indices {
            result.append([options[i]])
            for j in options.indices where j > i {
                result.append([options[i], options[j]])
                for k in options.indices where k > j { result.append([options[i], options[j], options[k]]) }
            }
        }
        return result
    }

    /// Every answer, or for a multiple-choice question every subset of the `named` options.
    private func answers(_ question: Question, _ named: [String]) -> [AnswerValue] {
        switch question.type {
        case .text: return [.text("…")]
        case .choice, .yesno: return question.options.map { .option($0.id) }
        case .multiple:
            let named = question.options.filter { named.contains($0.id) }
            // Every subset up to `exactOptions` named options; beyond, those of at most three and
            // all of them, so a question with very many options cannot stall the search.
            let subsets = named.count <= Self.exactOptions
                ? (0..<(1 << named.count)).map { bits in named.indices.filter { bits & (1 << $0) != 0 }.map { named[$0] } }
                : Self.smallSubsets(of: named) + [named]
            // An exclusive option goes with no other.
            return subsets.filter { $0.count < 2 || !$0.contains(where: \.exclusive) }.map { .options($0.map(\.id)) }
        }
    }
}
