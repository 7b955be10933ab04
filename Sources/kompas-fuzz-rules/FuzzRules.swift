// libFuzzer target: the rule loader (YAML → validated RuleSet), then a
// scripted session on whatever loads. Built two ways:
//   make fuzz   — `swift build --sanitize=fuzzer -Xswiftc -DKOMPAS_LIBFUZZER --product kompas-fuzz-rules`:
//                 libFuzzer supplies `main` and calls LLVMFuzzerTestOneInput.
//   swift build — a plain executable: `kompas-fuzz-rules FILE|DIR…` runs saved inputs (crashes,
//                 a corpus) through the same code, to reproduce a crash without the fuzzer.
import Foundation
import FuzzSupport
import KompasCore

@_cdecl("LLVMFuzzerTestOneInput")
public func kompasFuzzRules(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzRules.run(data.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
}

enum FuzzRules {
    static func run(_ data: Data) {
        let rules: RuleSet
        do {
            rules = try RuleLoader.load(files: [("f.yaml", data)])
        } catch {
            // Every diagnostic must render and point at a real place.
            for diagnostic in error.diagnostics {
                precondition(diagnostic.location.line >= 1 && diagnostic.location.column >= 1, "diagnostic at \(diagnostic.location)")
                _ = diagnostic.description
            }
            return
        }
        // A rule set that loads must run: answer what the engine asks until the plan is complete.
        let engine = Engine(rules: rules)
        var session = Session()
        var evaluation = engine.evaluate(session)
        var turn = 0
        while let next = evaluation.next {
            precondition(turn <= rules.questions.count, "the engine asks more questions than there are")
            precondition(session.answers[next.id] == nil, "the engine asks \(next.id) again")
            let pick = data.isEmpty ? 0 : Int(data[data.startIndex + turn % data.count])
            let value: AnswerValue
            switch next.type {
            case .text: value = .text("gemeente \(turn)")
            case .choice, .yesno: value = .option(next.options.isEmpty ? "ja" : next.options[pick % next.options.count].id)
            case .multiple: value = .options(next.options.enumerated().filter { (pick >> ($0.offset % 8)) & 1 == 1 }.map(\.element.id))
            }
            session.record(.answered(question: next.id, value: value))
            evaluation = engine.evaluate(session)
            turn += 1
        }
        _ = evaluation.plan.itemIDs
        session.record(.undone)
        session.record(.redone)
        _ = engine.evaluate(session).plan.isEmpty
    }

}

#if !KOMPAS_LIBFUZZER
    @main struct ReplayInputs {
        static func main() { FuzzInputs.replay(Array(CommandLine.arguments.dropFirst()), FuzzRules.run) }
    }
#endif
