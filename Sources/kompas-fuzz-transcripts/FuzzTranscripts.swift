// libFuzzer target: the transcript reader (`*.transcript` bytes → Transcript), then the session
// its events fold into. Built like FuzzRules (see there): `make fuzz`, or a plain executable
// `kompas-fuzz-transcripts FILE|DIR…` that reruns saved inputs.
import Foundation
import FuzzSupport
import KompasCore

@_cdecl("LLVMFuzzerTestOneInput")
public func kompasFuzzTranscripts(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTranscripts.run(data.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
}

enum FuzzTranscripts {
    static func run(_ data: Data) {
        do {
            let transcript = try TranscriptReader.read([UInt8](data), path: "f.transcript")
            let session = Session(events: transcript.events.map(\.event))
            _ = session.answers.count
        } catch {
            precondition(error.location.line >= 1 && error.location.column >= 1, "diagnostic at \(error.location)")
            _ = error.description
        }
    }
}

#if !KOMPAS_LIBFUZZER
    @main struct ReplayInputs {
        static func main() { FuzzInputs.replay(Array(CommandLine.arguments.dropFirst()), FuzzTranscripts.run) }
    }
#endif
