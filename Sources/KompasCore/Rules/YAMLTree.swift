// libyaml's events, read into a bare, flat tree. Yams' `compose` builds a tree with tags, resolvers
// and a duplicate-key check by hashing whole nodes: three quarters of loading went there
// (README, "Snelheid"). The rule readers need only text, lists, blocks and positions; a test
// holds this tree against Yams' (YAMLTreeTests).
internal import CLibYAML

/// A parsed document, flat: every node in document order, each followed by its subtree, and
/// the bytes of every text in one buffer: two allocations per file instead of one per list,
/// block and long text (callgrind, parsing the 10× rules: 394 → 364 million instructions).
final class YAMLDocument {
    /// 24 bytes, not 48: numbers are kept as `UInt32`, which holds any of them in a text of
    /// up to 1 GB (`YAMLTree.parse` makes sure; rule files are at most 4 MB), so the list the
    /// file's nodes grow in is copied half as much (39 million instructions less at 100×).
    /// Unchecked conversions: checking them took back 13 million of that.
    struct Entry: Equatable {
        var kind: YAMLNode.Kind
        var style: YAMLNode.Scalar.Style
        private var line: UInt32, column: UInt32
        private var storedStart: UInt32, storedCount: UInt32, storedEnd: UInt32

        init(kind: YAMLNode.Kind, style: YAMLNode.Scalar.Style, mark: YAMLMark, start: Int = 0, count: Int = 0, end: Int = 0) {
            self.kind = kind
            self.style = style
            line = UInt32(truncatingIfNeeded: mark.line)
            column = UInt32(truncatingIfNeeded: mark.column)
            storedStart = UInt32(truncatingIfNeeded: start)
            storedCount = UInt32(truncatingIfNeeded: count)
            storedEnd = UInt32(truncatingIfNeeded: end)
        }

        var mark: YAMLMark { YAMLMark(line: Int(line), column: Int(column)) }
        /// A text's bytes in `bytes`; for a list or block, `count` is its number of children.
        var start: Int { Int(storedStart) }
        var count: Int {
            get { Int(storedCount) }
            set { storedCount = UInt32(truncatingIfNeeded: newValue) }
        }
        /// The index just past this node's subtree, where its next sibling starts.
        var end: Int {
            get { Int(storedEnd) }
            set { storedEnd = UInt32(truncatingIfNeeded: newValue) }
        }
    }

    let entries: [Entry]
    let bytes: [UInt8]

    init(entries: [Entry], bytes: [UInt8]) {
        self.entries = entries
        self.bytes = bytes
    }

    var root: YAMLNode? { entries.isEmpty ? nil : YAMLNode(document: self, index: 0) }

    /// Where two documents first differ, described; nil when they are the same node for node.
    func difference(from other: YAMLDocument) -> String? {
        for (index, (mine, theirs)) in zip(entries, other.entries).enumerated() where mine != theirs || text(mine) != other.text(theirs) {
            return "node \(index): \(describe(mine)) ≠ \(other.describe(theirs))"
        }
        return entries.count == other.entries.count ? nil : "\(entries.count) ≠ \(other.entries.count) nodes"
    }

    private func text(_ entry: Entry) -> ArraySlice<UInt8> {
        entry.kind == .scalar ? bytes[entry.start..<entry.start + entry.count] : []
    }

    private func describe(_ entry: Entry) -> String {
        let text = entry.kind == .scalar ? " \"" + String(decoding: text(entry), as: UTF8.self) + "\"" : ""
        return "\(entry.kind) \(entry.style) at \(entry.mark.line):\(entry.mark.column), \(entry.count) long, to \(entry.end)" + text
    }
}

/// A node of a `YAMLDocument`: text, a list or a block of keys, and where it starts.
struct YAMLNode {
    enum Kind { case scalar, mapping, sequence }

    struct Scalar {
        enum Style { case plain, quoted, block }

        var string: String
        var style: Style
        var mark: YAMLMark
    }

    fileprivate let document: YAMLDocument
    fileprivate let index: Int

    private var entry: YAMLDocument.Entry { document.entries[index] }

    var kind: Kind { entry.kind }
    var mark: YAMLMark { entry.mark }

    /// How a text is written, nil for a list or block; without making the text.
    var style: Scalar.Style? { entry.kind == .scalar ? entry.style : nil }

    /// A text node's text (made on each call), nil for a list or block.
    var scalar: Scalar? {
        let entry = entry
        guard entry.kind == .scalar else { return nil }
        let string = document.bytes.withUnsafeBufferPointer { String(decoding: $0[entry.start..<entry.start + entry.count], as: UTF8.self) }
        return Scalar(string: string, style: entry.style, mark: entry.mark)
    }

    /// Whether this is a text reading exactly `text`; compares bytes, without making a string.
    func hasText(_ text: String) -> Bool {
        let entry = entry
        guard entry.kind == .scalar, entry.count == text.utf8.count else { return false }
        return document.bytes.withUnsafeBufferPointer { bytes in
            let own = UnsafeBufferPointer(rebasing: bytes[entry.start..<entry.start + entry.count])
            return text.utf8.withContiguousStorageIfAvailable { $0.elementsEqual(own) } ?? text.utf8.elementsEqual(own)
        }
    }

    /// For a value in a block, its key: the node just before it, since a key the readers
    /// accept is a text, one node. Not for any other node.
    var key: YAMLNode { YAMLNode(document: document, index: index - 1) }

    /// A list's items, or a block's keys and values alternating; none for a text.
    var children: Children { Children(document: document, first: index + 1, count: entry.kind == .scalar ? 0 : entry.count) }

    /// A block's keys with their values, in file order.
    var pairs: Pairs { Pairs(children: children) }

    struct Children: Sequence {
        fileprivate let document: YAMLDocument
        fileprivate let first: Int
        let count: Int

        struct Iterator: IteratorProtocol {
            fileprivate let document: YAMLDocument
            fileprivate var upcoming: Int
            fileprivate var left: Int

            mutating func next() -> YAMLNode? {
                guard left > 0 else { return nil }
                let node = YAMLNode(document: document, index: upcoming)
                upcoming = document.entries[upcoming].end
                left -= 1
                return node
            }
        }

        func makeIterator() -> Iterator { Iterator(document: document, upcoming: first, left: count) }
        var underestimatedCount: Int { count }
    }

    struct Pairs: Sequence {
        fileprivate let children: Children
        var count: Int { children.count / 2 }

        struct Iterator: IteratorProtocol {
            fileprivate var children: Children.Iterator

            mutating func next() -> (key: YAMLNode, value: YAMLNode)? {
                guard let key = children.next(), let value = children.next() else { return nil }
                return (key, value)
            }
        }

        func makeIterator() -> Iterator { Iterator(children: children.makeIterator()) }
        var underestimatedCount: Int { count }
    }

    /// Feeds every node of this subtree in document order, a node before its children, to
    /// `visit` as its kind, its text's bytes (empty for a list or block) and its children's number.
    func forEachInOrder(_ visit: (Kind, UnsafeBufferPointer<UInt8>, Int) -> Void) {
        document.bytes.withUnsafeBufferPointer { bytes in
            for entry in document.entries[index..<entry.end] {
                visit(entry.kind, UnsafeBufferPointer(rebasing: bytes[entry.start..<entry.start + (entry.kind == .scalar ? entry.count : 0)]), entry.count)
            }
        }
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

/// Builds a `YAMLNode` tree from libyaml's events.
enum YAMLTree {
    /// The document's root, or nil when the text holds no document (empty, or comments only).
    static func parse(_ text: String, maximumDepth: Int) throws(YAMLSyntaxError) -> YAMLNode? {
        var text = text
        // `withUTF8` rethrows untyped: carry the typed error out as a value.
        let result = text.withUTF8 { bytes in
            Result { () throws(YAMLSyntaxError) in try parse(bytes, maximumDepth: maximumDepth) }
        }
        return try result.get()
    }

    /// From bytes that should be UTF-8: libyaml refuses, with a reader error, any that are not.
    /// The fast reader first, for the shapes rule files take; libyaml for all it leaves, so
    /// every error is libyaml's.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) throws(YAMLSyntaxError) -> YAMLNode? {
        // The tree keeps its numbers in 32 bits; the loader refuses files over 4 MB long before this.
        precondition(bytes.count <= 1 << 30, "YAMLTree reads texts of at most 1 GB")
        if let document = YAMLSubsetReader.read(bytes, maximumDepth: maximumDepth) { return document.root }
        return try parseWithLibYAML(bytes, maximumDepth: maximumDepth)?.root
    }

    /// libyaml's document, for every text: what `YAMLSubsetReader` must equal where it reads one.
    static func parseWithLibYAML(_ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) throws(YAMLSyntaxError) -> YAMLDocument? {
        // libyaml asserts on a null input pointer, which an empty buffer may have.
        if bytes.isEmpty { return nil }
        return try Composer(bytes, maximumDepth: maximumDepth).document()
    }
}

/// Reads one event at a time into a `YAMLDocument`; each event's text is copied out before the next is read.
private final class Composer {
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
        // Built in a local passed down as `inout`: a class's property would be checked for
        // overlapping access at run time on every node.
        var built = Built()
        // Room for the texts once, not while they grow: together they are shorter than the file
        // (only escapes like `\L`, two bytes for three, can make them longer; it then grows).
        built.bytes.reserveCapacity(bytes.count)
        // And room for the nodes: rule files have one per 20 to 23 bytes (the shipped rules and
        // the bench's), so one per 16 is seldom outgrown and wastes little.
        built.entries.reserveCapacity(bytes.count / 16 + 4)
        try node(try advance(), depth: 1, into: &built)
        _ = try advance()  // document end
        guard try advance() == YAML_STREAM_END_EVENT else {
            throw YAMLSyntaxError(kind: .severalDocuments, mark: YAMLMark(event.pointee.start_mark))
        }
        return YAMLDocument(entries: built.entries, bytes: built.bytes)
    }

    /// Frees the current event and reads the next.
    private func advance() throws(YAMLSyntaxError) -> yaml_event_type_t {
        yaml_event_delete(event)
        guard yaml_parser_parse(parser, event) == 1 else { throw syntaxError() }
        return event.pointee.type
    }

    private struct Built {
        var entries: [YAMLDocument.Entry] = []
        var bytes: [UInt8] = []
    }

    /// Appends the node that starts with the current event, and its subtree.
    private func node(_ type: yaml_event_type_t, depth: Int, into built: inout Built) throws(YAMLSyntaxError) {
        let mark = YAMLMark(event.pointee.start_mark)
        switch type {
        case YAML_SCALAR_EVENT:
            appendScalar(at: mark, to: &built)
        case YAML_SEQUENCE_START_EVENT:
            try check(depth, mark)
            let at = open(.sequence, mark, in: &built)
            while case let next = try advance(), next != YAML_SEQUENCE_END_EVENT {
                try node(next, depth: depth + 1, into: &built)
                built.entries[at].count += 1
            }
            built.entries[at].end = built.entries.count
        case YAML_MAPPING_START_EVENT:
            try check(depth, mark)
            let at = open(.mapping, mark, in: &built)
            while case let next = try advance(), next != YAML_MAPPING_END_EVENT {
                try node(next, depth: depth + 1, into: &built)
                try node(try advance(), depth: depth + 1, into: &built)
                built.entries[at].count += 2
            }
            built.entries[at].end = built.entries.count
        default:
            // Aliases: rule files have no use for them, and an alias of an alias of … makes a
            // few bytes expand into more text than fits in memory.
            throw YAMLSyntaxError(kind: .alias, mark: mark)
        }
    }

    private func check(_ depth: Int, _ mark: YAMLMark) throws(YAMLSyntaxError) {
        if depth > maximumDepth { throw YAMLSyntaxError(kind: .tooDeep, mark: mark) }
    }

    /// A list or block without children yet; returns its index.
    private func open(_ kind: YAMLNode.Kind, _ mark: YAMLMark, in built: inout Built) -> Int {
        built.entries.append(YAMLDocument.Entry(kind: kind, style: .plain, mark: mark))
        return built.entries.count - 1
    }

    private func appendScalar(at mark: YAMLMark, to built: inout Built) {
        let data = event.pointee.data.scalar
        let style: YAMLNode.Scalar.Style = switch data.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE, YAML_DOUBLE_QUOTED_SCALAR_STYLE: .quoted
        case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE: .block
        default: .plain
        }
        let start = built.bytes.count
        built.bytes.append(contentsOf: UnsafeBufferPointer(start: data.value, count: data.length))
        built.entries.append(
            YAMLDocument.Entry(kind: .scalar, style: style, mark: mark, start: start, count: data.length, end: built.entries.count + 1))
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
