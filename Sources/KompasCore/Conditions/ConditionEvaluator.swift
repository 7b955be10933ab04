/// What is known about one question's answer while a session is under way.
public enum Knowledge: Sendable, Hashable {
    case answered(AnswerValue)
    /// Will not be answered: the question is not asked in this session.
    case absent
    /// Not answered yet, but it may still be.
    case unknown
}

/// Kleene's three-valued logic: `unknown` when the outcome still depends on a pending answer.
public enum Truth: Sendable, Hashable {
    case yes, no, unknown

    init(_ value: Bool) { self = value ? .yes : .no }

    static prefix func ! (t: Truth) -> Truth {
        switch t {
        case .yes: .no
        case .no: .yes
        case .unknown: .unknown
        }
    }
}

extension Expression {
    /// Evaluates with unanswered questions as `unknown`; comparisons on absent answers are false.
    public func evaluate(_ knowledge: (String) -> Knowledge) -> Truth {
        switch self {
        case .equals(let q, let o):
            return compare(knowledge(q.id)) { $0.optionIDs == [o.id] && !$0.isMultiple }
        case .notEquals(let q, let o):
            return compare(knowledge(q.id)) { $0.optionIDs != [o.id] }
        case .isIn(let q, let os):
            let ids = Set(os.map(\.id))
            return compare(knowledge(q.id)) { $0.optionIDs.count == 1 && ids.contains($0.optionIDs[0]) }
        case .contains(let q, let o):
            return compare(knowledge(q.id)) { $0.optionIDs.contains(o.id) }
        case .answered(let q):
            return compare(knowledge(q.id)) { _ in true }
        case .not(let e):
            return !e.evaluate(knowledge)
        case .and(let l, let r):
            let left = l.evaluate(knowledge)
            if left == .no { return .no }
            let right = r.evaluate(knowledge)
            if right == .no { return .no }
            return left == .yes && right == .yes ? .yes : .unknown
        case .or(let l, let r):
            let left = l.evaluate(knowledge)
            if left == .yes { return .yes }
            let right = r.evaluate(knowledge)
            if right == .yes { return .yes }
            return left == .no && right == .no ? .no : .unknown
        }
    }

    private func compare(_ knowledge: Knowledge, _ test: (AnswerValue) -> Bool) -> Truth {
        switch knowledge {
        case .answered(let value): Truth(test(value))
        case .absent: .no
        case .unknown: .unknown
        }
    }
}
