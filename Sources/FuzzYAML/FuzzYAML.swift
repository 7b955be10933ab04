// libFuzzer target: the fast reader for the rule files' YAML against libyaml. Wherever the fast
// reader reads a text, its tree must be libyaml's, node for node, with the same texts and
// positions; anything else it must leave to libyaml. Built like FuzzRules (see there): `make
// fuzz`, or a plain executable `kompas-fuzz-yaml FILE|DIR…` that reruns saved inputs.
import Foundation
import FuzzSupport
import KompasCore

@_cdecl("LLVMFuzzerTestOneInput")
public func kompasFuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzYAML.run(data.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
}

enum FuzzYAML {
    static func run(_ data: Data) {
        if case .different(let difference) = YAMLReaderComparison.compare(Array(data)) {
            preconditionFailure("the fast YAML reader differs from libyaml: \(difference)")
        }
    }
}

#if !KOMPAS_LIBFUZZER
    @main struct ReplayInputs {
        static func main() { FuzzInputs.replay(Array(CommandLine.arguments.dropFirst()), FuzzYAML.run) }
    }
#endif
