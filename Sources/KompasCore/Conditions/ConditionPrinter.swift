/// Prints a condition back as text the parser reads, with only the parentheses the grammar
/// needs. The renaming closures let a generator rewrite ids on the way (the benchmark's copies).
public enum ConditionPrinter {
    public static func render(
        _ expression: Expression, question: (String) -> String = { $0 }, option: (_ question: String, _ option: String) -> String = { $1 }
    ) -> String {
        func precedence(_ e: Expression) -> Int {
            switch e {
            case .or: 1
            case .and: 2
            case .not: 3
            default: 4
            }
        }
        func render(_ e: Expression, _ minimum: Int) -> String {
            let text: String
            switch e {
            case .equals(let q, let o): text = "\(question(q.id)) == \(option(q.id, o.id))"
            case .notEquals(let q, let o): text = "\(question(q.id)) != \(option(q.id, o.id))"
            case .isIn(let q, let os): text = "\(question(q.id)) in [\(os.map { option(q.id, $0.id) }.joined(separator: ", "))]"
            case .contains(let q, let o): text = "\(question(q.id)) contains \(option(q.id, o.id))"
            case .answered(let q): text = "answered(\(question(q.id)))"
            case .not(let inner): text = "not " + render(inner, 3)
            case .and(let a, let b): text = render(a, 2) + " and " + render(b, 3)
            case .or(let a, let b): text = render(a, 1) + " or " + render(b, 2)
            }
            return precedence(e) < minimum ? "(\(text))" : text
        }
        return render(expression, 0)
    }
}
