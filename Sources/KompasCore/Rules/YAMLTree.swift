// libyaml's events, read into a bare tree with a line and column per node: the rule readers need
// only text, lists, blocks and positions, and libyaml alone keeps Foundation and ICU out of the
// binary (Yams' Swift layer would link them). A test holds this tree against Yams' (YAMLTreeTests).
internal import CLibYAML

/// A node of a rule file: text, a list or a block of keys, and where it starts.
struct YAMLNode {
    enum Kind { case scalar, mapping, sequence }

    struct Scalar {
        enum Style { case plain, quoted, block }

        var string: String
        var style: Style
        var mark: YAMLMark
    }

    var kind: Kind
    var mark: YAMLMark
    /// How a text is written; nil for a list or block.
    var style: Scalar.Style?
    /// A text's text; empty for a list or block.
    var text = ""
    /// A list's items, or a block's keys and values alternating; none for a text.
    var children: [YAMLNode] = []

    /// A text node's text, nil for a list or block.
    var scalar: Scalar? { style.map { Scalar(string: text, style: $0, mark: mark) } }

    /// Whether this is a text reading exactly `text`.
    func hasText(_ text: String) -> Bool { style != nil && self.text == text }

    /// A block's keys with their values, in file order.
    var pairs: some Sequence<(key: YAMLNode, value: YAMLNode)> {
        stride(from: 0, to: children.count - 1, by: 2).lazy.map { (children[$0], children[$0 + 1]) }
    }
}

/// A 1-based line and column; columns count characters, as an editor shows them.
struct YAMLMark {
    var line: Int
    var column: Int

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    fileprivate init(_ mark: yaml_mark_t) {
        self.init(line: mark.line + 1, column: mark.column + 1)
    }
}

/// Why a text is not YAML the rule readers accept, and where.
struct YAMLSyntaxError: Error {
    enum Kind {
        /// libyaml's own words (English), e.g. "did not find expected key"; `YAMLProblem` has them in Dutch.
        case syntax(String)
        /// A tab where libyaml expects indentation or a value: it says "cannot start any token".
        case tab
        case tooDeep
        case alias
        case severalDocuments
    }

    var kind: Kind
    var mark: YAMLMark
}

/// A parsed rule file: its tree, and a digest of its content (not of layout or comments).
struct YAMLDocument {
    var root: YAMLNode
    var digest: UInt64
}

/// Builds a `YAMLNode` tree from libyaml's events.
enum YAMLTree {
    /// The document, or nil when the text holds none (empty, or comments only).
    static func parse(_ text: String, maximumDepth: Int) throws(YAMLSyntaxError) -> YAMLDocument? {
        var text = text
        // `withUTF8` rethrows untyped: carry the typed error out as a value.
        let result = text.withUTF8 { bytes in
            Result { () throws(YAMLSyntaxError) in try parse(bytes, maximumDepth: maximumDepth) }
        }
        return try result.get()
    }

    /// From bytes that should be UTF-8: libyaml refuses, with a reader error, any that are not.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) throws(YAMLSyntaxError) -> YAMLDocument? {
        // libyaml asserts on a null input pointer, which an empty buffer may have.
        if bytes.isEmpty { return nil }
        return try Composer(bytes, maximumDepth: maximumDepth).document()
    }
}

/// Reads one event at a time into a `YAMLNode` tree and its digest; each event's text is copied
/// out before the next is read.
private final class Composer {
    /// Each event in order: a text as `s` and its bytes, a block as `m`, a list as `q`, an end as `e`.
    private var digest = FNV1a()
    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    private let bytes: UnsafeBufferPointer<UInt8>
    private let maximumDepth: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
        yaml_parser_initialize(parser)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
        event.initialize(to: yaml_event_t())
    }

    deinit {
        yaml_event_delete(event)
        yaml_parser_delete(parser)
        event.deallocate()
        parser.deallocate()
    }

    func document() throws(YAMLSyntaxError) -> YAMLDocument? {
        _ = try advance()  // stream start
        guard try advance() == YAML_DOCUMENT_START_EVENT else { return nil }
        let root = try node(try advance(), depth: 1)
        _ = try advance()  // document end
        guard try advance() == YAML_STREAM_END_EVENT else {
            throw YAMLSyntaxError(kind: .severalDocuments, mark: YAMLMark(event.pointee.start_mark))
        }
        return YAMLDocument(root: root, digest: digest.value)
    }

    /// Frees the current event and reads the next.
    private func advance() throws(YAMLSyntaxError) -> yaml_event_type_t {
        yaml_event_delete(event)
        guard yaml_parser_parse(parser, event) == 1 else { throw syntaxError() }
        return event.pointee.type
    }

    /// The node that starts with the current event, with its subtree.
    private func node(_ type: yaml_event_type_t, depth: Int) throws(YAMLSyntaxError) -> YAMLNode {
        let mark = YAMLMark(event.pointee.start_mark)
        switch type {
        case YAML_SCALAR_EVENT:
            return scalar(at: mark)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            if depth > maximumDepth { throw YAMLSyntaxError(kind: .tooDeep, mark: mark) }
            let isSequence = type == YAML_SEQUENCE_START_EVENT
            digest.add(UInt8(ascii: isSequence ? "q" : "m"))
            var parent = YAMLNode(kind: isSequence ? .sequence : .mapping, mark: mark)
            let end = isSequence ? YAML_SEQUENCE_END_EVENT : YAML_MAPPING_END_EVENT
            while case let next = try advance(), next != end {
                parent.children.append(try node(next, depth: depth + 1))
            }
            digest.add(UInt8(ascii: "e"))
            return parent
        default:
            // Aliases: rule files have no use for them, and an alias of an alias of … makes a
            // few bytes expand into more text than fits in memory.
            throw YAMLSyntaxError(kind: .alias, mark: mark)
        }
    }

    private func scalar(at mark: YAMLMark) -> YAMLNode {
        let data = event.pointee.data.scalar
        let style: YAMLNode.Scalar.Style = switch data.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE, YAML_DOUBLE_QUOTED_SCALAR_STYLE: .quoted
        case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE: .block
        default: .plain
        }
        let bytes = UnsafeBufferPointer(start: data.value, count: data.length)
        digest.add(UInt8(ascii: "s"), bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        return YAMLNode(kind: .scalar, mark: mark, style: style, text: text)
    }

    private func syntaxError() -> YAMLSyntaxError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "onbekende fout"
        // Reader errors (bad bytes) carry a byte offset, the others a line and column.
        let mark = state.error == YAML_READER_ERROR ? mark(atOffset: state.problem_offset) : YAMLMark(state.problem_mark)
        // libyaml's own limit (1000 levels) is hit by flow brackets read far ahead of the
        // events, so its position is not where the nesting became too deep: find that place.
        if problem.hasPrefix("Maximum nesting level"),
            let deep = TextScan.deepNesting(String(decoding: bytes, as: UTF8.self), limit: maximumDepth) {
            return YAMLSyntaxError(kind: .tooDeep, mark: YAMLMark(line: deep.line, column: deep.column))
        }
        if character(at: mark) == UInt8(ascii: "\t") { return YAMLSyntaxError(kind: .tab, mark: mark) }
        return YAMLSyntaxError(kind: .syntax(problem), mark: mark)
    }

    /// The first byte of the character at a line and column, if the text has one there.
    private func character(at mark: YAMLMark) -> UInt8? {
        var line = 1, column = 1
        for byte in bytes where byte & 0xC0 != 0x80 {
            if line == mark.line, column == mark.column { return byte }
            if byte == UInt8(ascii: "\n") {
                if line == mark.line { return nil }
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return nil
    }

    private func mark(atOffset offset: Int) -> YAMLMark {
        var line = 1, column = 1
        for byte in bytes.prefix(offset) where byte & 0xC0 != 0x80 {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return YAMLMark(line: line, column: column)
    }
}
