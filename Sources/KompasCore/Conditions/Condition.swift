/// A parsed `when` condition, with the text it came from so errors can point into it.
public struct Condition: Sendable, Hashable, CustomStringConvertible {
    public var text: String
    public var expression: Expression
    /// Where the condition's first character stands in its rule file.
    public var origin: SourceLocation

    public var description: String { text }

    /// Where a character offset of the text stands in the file (conditions are one line).
    public func location(ofOffset offset: Int) -> SourceLocation { Self.location(ofOffset: offset, from: origin) }

    /// The same, from the condition's origin alone.
    static func location(ofOffset offset: Int, from origin: SourceLocation) -> SourceLocation {
        SourceLocation(file: origin.file, line: origin.line, column: origin.column + offset)
    }

    /// The question ids the condition reads, in the order they appear, without repeats.
    public var questionIDs: [String] {
        var seen = Set<String>()
        return expression.questionRefs.map(\.id).filter { seen.insert($0).inserted }
    }
}

/// An identifier as written, with its offset in the condition text.
public struct Reference: Sendable, Hashable {
    public var id: String
    public var offset: Int
    /// The question's index in its rule set, once the engine has resolved it (`resolving`).
    var index: Int? = nil
}

public indirect enum Expression: Sendable, Hashable {
    case equals(Reference, Reference)
    case notEquals(Reference, Reference)
    case isIn(Reference, [Reference])
    case contains(Reference, Reference)
    case answered(Reference)
    case not(Expression)
    case and(Expression, Expression)
    case or(Expression, Expression)

    /// Every question reference, left to right.
    public var questionRefs: [Reference] {
        var references: [Reference] = []
        forEachQuestion { references.append($0) }
        return references
    }

    /// Each test of a question, left to right: its operator (`answered` too), the question and
    /// the option ids it names, for validation against the question. A visit instead of an
    /// array, since validation does this for every condition; one walk for the question and its
    /// options, so each question id is looked up once.
    func forEachTest(_ body: (_ operator: String, _ question: Reference, _ options: [Reference]) -> Void) {
        switch self {
        case .equals(let q, let o): body("==", q, [o])
        case .notEquals(let q, let o): body("!=", q, [o])
        case .isIn(let q, let os): body("in", q, os)
        case .contains(let q, let o): body("contains", q, [o])
        case .answered(let q): body("answered", q, [])
        case .not(let e): e.forEachTest(body)
        case .and(let l, let r), .or(let l, let r):
            l.forEachTest(body)
            r.forEachTest(body)
        }
    }

    /// A copy whose question references carry their question's index, so the engine looks
    /// them up without hashing the id on every evaluation; an unknown id gets none (absent).
    func resolving(_ questionIndex: [String: Int]) -> Expression {
        func resolved(_ reference: Reference) -> Reference {
            var reference = reference
            reference.index = questionIndex[reference.id]
            return reference
        }
        switch self {
        case .equals(let q, let o): return .equals(resolved(q), o)
        case .notEquals(let q, let o): return .notEquals(resolved(q), o)
        case .isIn(let q, let os): return .isIn(resolved(q), os)
        case .contains(let q, let o): return .contains(resolved(q), o)
        case .answered(let q): return .answered(resolved(q))
        case .not(let e): return .not(e.resolving(questionIndex))
        case .and(let l, let r): return .and(l.resolving(questionIndex), r.resolving(questionIndex))
        case .or(let l, let r): return .or(l.resolving(questionIndex), r.resolving(questionIndex))
        }
    }

    /// Every question reference, left to right, without building an array.
    func forEachQuestion(_ body: (Reference) -> Void) {
        switch self {
        case .equals(let q, _), .notEquals(let q, _), .isIn(let q, _), .contains(let q, _), .answered(let q): body(q)
        case .not(let e): e.forEachQuestion(body)
        case .and(let l, let r), .or(let l, let r):
            l.forEachQuestion(body)
            r.forEachQuestion(body)
        }
    }
}

/// A condition that does not parse; `offset` is the character where the problem starts.
public struct ConditionSyntaxError: Error, Hashable, Sendable {
    public var offset: Int
    public var message: String
}
