/// Parses the condition language of the rule files:
/// `or` binds loosest, then `and`, then `not`; comparisons are `==`, `!=`, `in [..]`, `contains`.
public struct ConditionParser {
    private var tokens: [Token]
    private var position = 0

    /// Far beyond any real condition (the longest shipped one has 95 characters), and short
    /// enough that the recursive parser, evaluator and printer cannot run out of stack on
    /// `not not …` or `((…))` or a chain of `and`s.
    public static let maximumLength = 1000

    public static func parse(_ text: String, origin: SourceLocation) throws(ConditionSyntaxError) -> Condition {
        guard text.utf8.count <= maximumLength else {
            throw ConditionSyntaxError(
                offset: 0,
                message: "ze is langer dan \(maximumLength) tekens; zo lang wordt een voorwaarde alleen per vergissing (een plakfout?): schrijf haar korter")
        }
        var parser = try ConditionParser(text)
        let expression = try parser.parseOr()
        guard parser.peek.kind == .end else {
            throw parser.error("verwacht `and`, `or` of het einde van de voorwaarde, maar vond \(parser.peek.display)")
        }
        return Condition(text: text, expression: expression, origin: origin)
    }

    private init(_ text: String) throws(ConditionSyntaxError) {
        tokens = try Lexer.tokenize(text)
    }

    private var peek: Token { tokens[position] }

    private mutating func advance() -> Token {
        defer { position = min(position + 1, tokens.count - 1) }
        return tokens[position]
    }

    private func error(_ message: String) -> ConditionSyntaxError {
        ConditionSyntaxError(offset: peek.offset, message: message)
    }

    private mutating func parseOr() throws(ConditionSyntaxError) -> Expression {
        var left = try parseAnd()
        while peek.isKeyword("or") {
            _ = advance()
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(ConditionSyntaxError) -> Expression {
        var left = try parseUnary()
        while peek.isKeyword("and") {
            _ = advance()
            left = .and(left, try parseUnary())
        }
        return left
    }

    private mutating func parseUnary() throws(ConditionSyntaxError) -> Expression {
        if peek.isKeyword("not") {
            _ = advance()
            return .not(try parseUnary())
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(ConditionSyntaxError) -> Expression {
        if peek.kind == .open {
            _ = advance()
            let inner = try parseOr()
            try expect(.close, "verwacht `)` om de `(` te sluiten")
            return inner
        }
        if peek.isKeyword("answered") {
            _ = advance()
            try expect(.open, "verwacht `(` na `answered`, zoals `answered(gemeente)`")
            let question = try identifier("verwacht een vraag-id in `answered(…)`")
            try expect(.close, "verwacht `)` na het vraag-id")
            return .answered(question)
        }
        let question = try identifier("verwacht een vraag-id, `not`, `answered(…)` of `(`")
        return try parseComparison(question)
    }

    private mutating func parseComparison(_ question: Reference) throws(ConditionSyntaxError) -> Expression {
        let token = peek
        switch token.kind {
        case .equals:
            _ = advance()
            return .equals(question, try identifier("verwacht een optie-id na `==`"))
        case .notEquals:
            _ = advance()
            return .notEquals(question, try identifier("verwacht een optie-id na `!=`"))
        case .assign:
            throw error("gebruik `==` om te vergelijken, niet `=`")
        case .word where token.text == "in":
            _ = advance()
            return .isIn(question, try optionList())
        case .word where token.text == "contains":
            _ = advance()
            return .contains(question, try identifier("verwacht een optie-id na `contains`"))
        default:
            throw error("verwacht `==`, `!=`, `in [...]` of `contains` na `\(question.id)`, maar vond \(token.display)")
        }
    }

    private mutating func optionList() throws(ConditionSyntaxError) -> [Reference] {
        try expect(.openBracket, "verwacht `[` na `in`, zoals `in [a, b]`")
        var options = [try identifier("verwacht een optie-id in de lijst")]
        while peek.kind == .comma {
            _ = advance()
            options.append(try identifier("verwacht een optie-id na `,`"))
        }
        try expect(.closeBracket, "verwacht `,` of `]` in de lijst")
        return options
    }

    private mutating func identifier(_ message: String) throws(ConditionSyntaxError) -> Reference {
        guard peek.kind == .word, !Lexer.isKeyword(peek.text) else {
            throw error("\(message), maar vond \(peek.display)")
        }
        let token = advance()
        return Reference(id: token.text, offset: token.offset)
    }

    private mutating func expect(_ kind: Token.Kind, _ message: String) throws(ConditionSyntaxError) {
        guard peek.kind == kind else { throw error("\(message), maar vond \(peek.display)") }
        _ = advance()
    }
}

struct Token: Hashable {
    enum Kind { case word, equals, notEquals, assign, open, close, openBracket, closeBracket, comma, end }
    var kind: Kind
    var text: String
    var offset: Int

    func isKeyword(_ word: String) -> Bool { kind == .word && text == word }

    var display: String { kind == .end ? "het einde van de voorwaarde" : "`\(text)`" }
}

enum Lexer {
    /// A switch, not a set: every identifier is asked, and hashing it cost more than comparing.
    /// No keyword is longer than eight bytes: a longer id is told apart at once.
    static func isKeyword(_ word: String) -> Bool {
        guard word.utf8.count <= 8 else { return false }
        return switch word {
        case "and", "or", "not", "in", "contains", "answered": true
        default: false
        }
    }

    /// Offsets count Unicode scalars (columns); token texts are slices of the input, not rebuilt.
    static func tokenize(_ text: String) throws(ConditionSyntaxError) -> [Token] {
        // Conditions are ASCII but for a stray character: scan their bytes then, one per column.
        let bytes = Array(text.utf8)
        if bytes.allSatisfy({ $0 < 0x80 }) {
            return try tokenize(bytes.lazy.map(Unicode.Scalar.init)) { String(decoding: bytes[$0], as: UTF8.self) }
        }
        let scalars = Array(text.unicodeScalars)
        return try tokenize(scalars) { String(String.UnicodeScalarView(scalars[$0])) }
    }

    /// `scalars[i]` is at column offset `i`; `text(range)` is the input's text over a range of them.
    private static func tokenize<Scalars: RandomAccessCollection<Unicode.Scalar>>(
        _ scalars: Scalars, text: (Range<Int>) -> String
    ) throws(ConditionSyntaxError) -> [Token] where Scalars.Index == Int {
        var tokens: [Token] = []
        // A token per four characters is more than a condition usually has: one allocation
        // instead of five while the list grows.
        tokens.reserveCapacity(scalars.count / 4 + 4)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            // The space is the common case, and other printable ASCII is never whitespace: ask
            // the Unicode tables only about the rest.
            if scalar == " " || ((scalar.value < 0x20 || scalar.value > 0x7E) && scalar.properties.isWhitespace) {
                index += 1
                continue
            }
            let start = index
            if isIdentifier(scalar) {
                while index < scalars.count, isIdentifier(scalars[index]) { index += 1 }
                tokens.append(Token(kind: .word, text: text(start..<index), offset: start))
                continue
            }
            let (kind, spelling) = try symbol(scalar, next: index + 1 < scalars.count ? scalars[index + 1] : nil, at: index)
            index += spelling.utf8.count
            tokens.append(Token(kind: kind, text: spelling, offset: start))
        }
        tokens.append(Token(kind: .end, text: "", offset: scalars.count))
        return tokens
    }

    /// Whether all of a text could be an id: over its bytes in place, since every character an
    /// id may have is ASCII.
    static func isIdentifier(_ text: String) -> Bool {
        let allowed = { (byte: UInt8) in byte < 0x80 && isIdentifier(Unicode.Scalar(byte)) }
        return text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(allowed) } ?? text.utf8.allSatisfy(allowed)
    }

    static func isIdentifier(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-": return true
        default: return false
        }
    }

    /// A symbol's kind and its text: a constant, not a slice of the input made into a string.
    private static func symbol(_ scalar: Unicode.Scalar, next: Unicode.Scalar?, at index: Int) throws(ConditionSyntaxError) -> (Token.Kind, String) {
        switch scalar {
        case "=": return next == "=" ? (.equals, "==") : (.assign, "=")
        case "!" where next == "=": return (.notEquals, "!=")
        case "(": return (.open, "(")
        case ")": return (.close, ")")
        case "[": return (.openBracket, "[")
        case "]": return (.closeBracket, "]")
        case ",": return (.comma, ",")
        case "!": throw ConditionSyntaxError(offset: index, message: "gebruik `not` of `!=`, niet `!`")
        default:
            throw ConditionSyntaxError(
                offset: index,
                message: "onverwacht teken `\(scalar)`: ids bestaan uit kleine letters, cijfers, `-` en `_`")
        }
    }
}
