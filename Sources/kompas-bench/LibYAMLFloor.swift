import CLibYAML
import Foundation

/// libyaml alone: every event of every file read and dropped on one thread, without a tree, a
/// model or a check. Measured right after the loads, it is the floor of loading in those
/// minutes: on this shared machine a busy minute makes everything slower, the floor included.
enum LibYAMLFloor {
    /// The number of events, so the work cannot be optimised away.
    static func events(_ files: [Data]) -> Int {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer {
            parser.deallocate()
            event.deallocate()
        }
        var count = 0
        for file in files {
            file.withUnsafeBytes { raw in
                guard let bytes = raw.bindMemory(to: UInt8.self).baseAddress, !raw.isEmpty else { return }
                yaml_parser_initialize(parser)
                defer { yaml_parser_delete(parser) }
                yaml_parser_set_input_string(parser, bytes, raw.count)
                while yaml_parser_parse(parser, event) == 1 {
                    count += 1
                    let end = event.pointee.type == YAML_STREAM_END_EVENT
                    yaml_event_delete(event)
                    if end { break }
                }
            }
        }
        return count
    }
}
