import Testing
@testable import KompasCore

@Suite struct ConditionParserTests {
    let origin = SourceLocation(file: "r.yaml", line: 3, column: 11)

    func parse(_ text: String) throws -> Expression {
        try ConditionParser.parse(text, origin: origin).expression
    }

    func failure(_ text: String) -> ConditionSyntaxError? {
        do {
            _ = try ConditionParser.parse(text, origin: origin)
            return nil
        } catch {
            return error
        }
    }

    func ref(_ id: String, _ offset: Int) -> Reference { Reference(id: id, offset: offset) }

    @Test func andBindsTighterThanOr() throws {
        #expect(try parse("a == x or b == y and c == z") == .or(
            .equals(ref("a", 0), ref("x", 5)),
            .and(.equals(ref("b", 10), ref("y", 15)), .equals(ref("c", 21), ref("z", 26)))))
    }

    @Test func notBindsTighterThanAnd() throws {
        #expect(try parse("not a == x and answered(b)") == .and(
            .not(.equals(ref("a", 4), ref("x", 9))), .answered(ref("b", 24))))
    }

    @Test func parenthesesOverridePrecedence() throws {
        #expect(try parse("(a == x or b != y) and c contains z") == .and(
            .or(.equals(ref("a", 1), ref("x", 6)), .notEquals(ref("b", 11), ref("y", 16))),
            .contains(ref("c", 23), ref("z", 34))))
    }

    @Test func inList() throws {
        #expect(try parse("aanpak in [geen, in-opbouw]") == .isIn(ref("aanpak", 0), [ref("geen", 11), ref("in-opbouw", 17)]))
    }

    @Test func errorsPointAtTheColumn() {
        #expect(failure("thema = buitengebied") == ConditionSyntaxError(offset: 6, message: "gebruik `==` om te vergelijken, niet `=`"))
        #expect(failure("thema == buitengebied and") == ConditionSyntaxError(offset: 25, message: "verwacht een vraag-id, `not`, `answered(…)` of `(`, maar vond het einde van de voorwaarde"))
        #expect(failure("(a == x") == ConditionSyntaxError(offset: 7, message: "verwacht `)` om de `(` te sluiten, maar vond het einde van de voorwaarde"))
        #expect(failure("a in [x y]") == ConditionSyntaxError(offset: 8, message: "verwacht `,` of `]` in de lijst, maar vond `y`"))
        #expect(failure("a == é") == ConditionSyntaxError(offset: 5, message: "onverwacht teken `é`: ids bestaan uit kleine letters, cijfers, `-` en `_`"))
        #expect(failure("a == x b == y") == ConditionSyntaxError(offset: 7, message: "verwacht `and`, `or` of het einde van de voorwaarde, maar vond `b`"))
        #expect(failure("a ! b") == ConditionSyntaxError(offset: 2, message: "gebruik `not` of `!=`, niet `!`"))
    }

    /// Keywords are not ids, wherever an id is expected; a word that only starts like one is.
    @Test func keywordsAreNotIDs() throws {
        for keyword in ["and", "or", "not", "in", "contains", "answered"] {
            #expect(failure("a == \(keyword)") == ConditionSyntaxError(offset: 5, message: "verwacht een optie-id na `==`, maar vond `\(keyword)`"))
        }
        #expect(try parse("android == notice") == .equals(ref("android", 0), ref("notice", 11)))
    }

    /// More tokens than the tokenizer reserves room for (a token per four characters) is fine.
    @Test func denseConditionsTokenizeFully() throws {
        #expect(try parse("a in [b,c,d,e,f,g]") == .isIn(ref("a", 0), [ref("b", 6), ref("c", 8), ref("d", 10), ref("e", 12), ref("f", 14), ref("g", 16)]))
    }

    /// ASCII conditions are scanned as bytes, others as Unicode scalars: both give the same
    /// tokens at the same columns, and a non-breaking space counts as a space of one column.
    @Test func asciiAndUnicodeScansAgree() throws {
        let ascii = "a == x and\tb in [y,z]", unicode = "a\u{A0}== x and\tb in [y,z]"
        #expect(try Lexer.tokenize(ascii).map(\.offset) == Lexer.tokenize(unicode).map(\.offset))
        #expect(try Lexer.tokenize(ascii).map(\.text) == Lexer.tokenize(unicode).map(\.text))
        #expect(try Lexer.tokenize(ascii).map(\.offset) == [0, 2, 5, 7, 11, 13, 16, 17, 18, 19, 20, 21])
        #expect(failure("é == a ! b") == ConditionSyntaxError(offset: 0, message: "onverwacht teken `é`: ids bestaan uit kleine letters, cijfers, `-` en `_`"))
        #expect(failure("a\u{A0}! b") == ConditionSyntaxError(offset: 2, message: "gebruik `not` of `!=`, niet `!`"))
    }

    @Test func threeValuedEvaluation() throws {
        let expression = try parse("a == x or b == y")
        let unknownB: (String) -> Knowledge = { $0 == "a" ? .answered(.option("z")) : .unknown }
        #expect(expression.evaluate(unknownB) == .unknown)
        let yesA: (String) -> Knowledge = { $0 == "a" ? .answered(.option("x")) : .unknown }
        #expect(expression.evaluate(yesA) == .yes)
        let absent: (String) -> Knowledge = { _ in .absent }
        #expect(expression.evaluate(absent) == .no)
        #expect(try parse("not a == x").evaluate(absent) == .yes)
        #expect(try parse("a != x").evaluate(absent) == .no)
    }

    @Test func containsReadsMultipleAnswers() throws {
        let answers: (String) -> Knowledge = { _ in .answered(.options(["p", "q"])) }
        #expect(try parse("m contains q").evaluate(answers) == .yes)
        #expect(try parse("m contains r").evaluate(answers) == .no)
    }

    /// Long enough to nest past the stack (`not not …`, `((…))`, a chain of `and`s) was a crash.
    @Test func refusesConditionsLongerThanTheLimit() throws {
        let chain = (0..<90).map { _ in "a == x" }.joined(separator: " and ") + " or b == "
        let longest = chain + String(repeating: "y", count: 1000 - chain.count)
        #expect(longest.count == 1000)
        #expect(throws: Never.self) { try parse(longest) }
        let error = failure(longest + "y")
        #expect(error == ConditionSyntaxError(
            offset: 0,
            message: "ze is langer dan 1000 tekens; zo lang wordt een voorwaarde alleen per vergissing (een plakfout?): schrijf haar korter"))
    }
}
