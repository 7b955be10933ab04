// libFuzzer target: the condition parser (`when:` text → Expression), with properties checked on
// what parses: printing and parsing again gives the same text, `not` inverts under Kleene logic,
// and errors point inside the text. Built like FuzzRules (see there): `make fuzz`, or a plain
// executable `kompas-fuzz-conditions FILE|DIR…` that reruns saved inputs.
import Foundation
import FuzzSupport
import KompasCore

@_cdecl("LLVMFuzzerTestOneInput")
public func kompasFuzzConditions(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzConditions.run(data.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
}

enum FuzzConditions {
    static let origin = SourceLocation(file: "f.yaml", line: 3, column: 11)

    static func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        let condition: Condition
        do {
            condition = try ConditionParser.parse(text, origin: origin)
        } catch {
            precondition(error.offset >= 0 && error.offset <= text.unicodeScalars.count, "error offset \(error.offset) outside the text")
            _ = error.message
            return
        }
        _ = condition.questionIDs
        let printed = ConditionPrinter.render(condition.expression)
        // The printer spaces every operator, so a condition just under the length limit may
        // print over it (Fuzz/regressions/conditions/printed-over-the-limit); that says nothing
        // about the printer or the parser.
        if printed.utf8.count <= ConditionParser.maximumLength {
            guard let again = try? ConditionParser.parse(printed, origin: origin) else {
                preconditionFailure("printed condition does not parse: \(printed)")
            }
            precondition(ConditionPrinter.render(again.expression) == printed, "print/parse round trip changed \(printed)")
        }
        for salt in 0..<3 {
            let knowledge = { (id: String) -> Knowledge in
                switch (id.utf8.count + salt) % 3 {
                case 0: .answered(id.count % 2 == 0 ? .option(id) : .options([id, "x"]))
                case 1: .absent
                default: .unknown
                }
            }
            let value = condition.expression.evaluate(knowledge)
            let negated = KompasCore.Expression.not(condition.expression).evaluate(knowledge)
            precondition((value, negated) == (.yes, .no) || (value, negated) == (.no, .yes) || (value, negated) == (.unknown, .unknown), "not is not Kleene negation")
        }
    }
}

#if !KOMPAS_LIBFUZZER
    @main struct ReplayInputs {
        static func main() { FuzzInputs.replay(Array(CommandLine.arguments.dropFirst()), FuzzConditions.run) }
    }
#endif
