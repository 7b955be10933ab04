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
        evaluate(reading: { knowledge($0.id) })
    }

    /// The same, for a caller that looks each question reference up itself (the engine, by the
    /// index `resolving` gave it).
    func evaluate(reading knowledge: (Reference) -> Knowledge) -> Truth {
        switch self {
        // Matched on the value itself: these run for every rule on every answer, so no arrays or sets.
        case .equals(let q, let o):
            return compare(knowledge(q)) { if case .option(let id) = $0 { id == o.id } else { false } }
        case .notEquals(let q, let o):
            return compare(knowledge(q)) {
                switch $0 {
                case .option(let id): id != o.id
                case .options(let ids): ids.count != 1 || ids[0] != o.id
                case .text: true
                }
            }
        case .isIn(let q, let os):
            return compare(knowledge(q)) { value in
                switch value {
                case .option(let id): os.contains { $0.id == id }
                case .options(let ids): ids.count == 1 && os.contains { $0.id == ids[0] }
                case .text: false
                }
            }
        case .contains(let q, let o):
            return compare(knowledge(q)) {
                switch $0 {
                case .option(let id): id == o.id
                case .options(let ids): ids.contains(o.id)
                case .text: false
                }
            }
        case .answered(let q):
            return compare(knowledge(q)) { _ in true }
        case .not(let e):
            return !e.evaluate(reading: knowledge)
        case .and(let l, let r):
            let left = l.evaluate(reading: knowledge)
            if left == .no { return .no }
            let right = r.evaluate(reading: knowledge)
            if right == .no { return .no }
            return left == .yes && right == .yes ? .yes : .unknown
        case .or(let l, let r):
            let left = l.evaluate(reading: knowledge)
            if left == .yes { return .yes }
            let right = r.evaluate(reading: knowledge)
            if right == .yes { return .yes }
            return left == .no && right == .no ? .no : .unknown
        }
    }

    @inline(__always) private func compare(_ knowledge: Knowledge, _ test: (AnswerValue) -> Bool) -> Truth {
        switch knowledge {
        case .answered(let value): Truth(test(value))
        case .absent: .no
        case .unknown: .unknown
        }
    }
}
