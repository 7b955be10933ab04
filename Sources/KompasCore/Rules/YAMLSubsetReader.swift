// The YAML that rule files are written in, read without libyaml: blocks of keys and lists, `[a, b]`
// (going on over lines after a comma), plain and quoted texts on one line, `>-` blocks and
// comments. libyaml spent some 165 instructions on every byte, six tenths of `kompas check` on a
// 100× rule base (README, "Snelheid"). This reader gives up (nil) on everything else and on
// anything it is not sure of, so libyaml reads that file and reports its errors as before: a
// tree from here is the tree libyaml gives, node for node, byte for byte and position for
// position. The fuzz target `kompas-fuzz-yaml` and YAMLSubsetReaderTests hold the two against
// each other.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

enum YAMLSubsetReader {
    /// The document, or nil when libyaml must read this text (it may still be valid YAML).
    static func read(_ text: UnsafeBufferPointer<UInt8>, maximumDepth: Int) -> YAMLDocument? {
        try? attempt(text, maximumDepth: maximumDepth).get()
    }

    /// The document, or where and why this reader stopped.
    static func attempt(_ text: UnsafeBufferPointer<UInt8>, maximumDepth: Int) -> Result<YAMLDocument, LeftToLibYAML> {
        guard !text.isEmpty, TextCheck.isSimpleUTF8(text) else { return .failure(LeftToLibYAML(0)) }
        var reader = SubsetReader(text: text, maximumDepth: maximumDepth)
        return Result { () throws(LeftToLibYAML) in try reader.document() }
    }
}

/// Something this reader leaves to libyaml: the text's line (0 for its bytes as a whole) and the
/// line of this file that decided it, so a test that expects a tree can say where it stopped.
struct LeftToLibYAML: Error, CustomStringConvertible {
    var line: Int
    var decidedAt: Int

    init(_ line: Int, decidedAt: Int = #line) {
        self.line = line
        self.decidedAt = decidedAt
    }

    var description: String { "line \(line) of the text, YAMLSubsetReader.swift:\(decidedAt)" }
}

private enum Byte {
    static let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " "), hash = UInt8(ascii: "#")
    static let colon = UInt8(ascii: ":"), dash = UInt8(ascii: "-"), comma = UInt8(ascii: ",")
    static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
    static let singleQuote = UInt8(ascii: "'"), doubleQuote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    static let greater = UInt8(ascii: ">"), dot = UInt8(ascii: ".")

    /// Whether a plain text may start with this byte. YAML lets `-`, `?` and `:` start one when
    /// a non-space follows; rule files never need that, so libyaml decides those.
    static func startsPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
            UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
            UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: " "):
            false
        default:
            true
        }
    }

    /// Where a plain text inside `[…]` stops; of these only `,` and `]` are read here.
    static func endsFlowPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: ":"), UInt8(ascii: "#"):
            true
        default:
            false
        }
    }
}

extension YAMLSubsetReader {
    /// Whether a text holds only characters this reader takes, checked before it reads a line.
    enum TextCheck {
        /// UTF-8 of characters libyaml reads as plain text, with `\n` as the only line break: no
        /// tabs (indentation rules), no `\r`, NEL, LS or PS (more line breaks), no byte-order mark
        /// and none of the control characters libyaml refuses.
        static func isSimpleUTF8(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let base = text.baseAddress else { return true }
            var i = 0
            let count = text.count
            while i < count {
                // Eight bytes at a time while they are plain ASCII, most of a rule file: a byte at a
                // time this check was 9% of `kompas check` at 100×.
                if i + 8 <= count, isPlainASCII(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                    continue
                }
                guard let next = character(text, at: i) else { return false }
                i = next
            }
            return true
        }

        /// Whether eight bytes are ASCII that is printable or `\n`. Each test works on every byte of
        /// the word at once and is exact per byte: no sum carries into the next byte.
        static func isPlainASCII(_ word: UInt64) -> Bool {
            let high: UInt64 = 0x8080_8080_8080_8080, low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            guard word & high == 0 else { return false }
            /// The high bit of each byte of `word` that is zero.
            func zeroBytes(_ word: UInt64) -> UInt64 { ~(((word & low) &+ low) | word) & high }
            // A byte below 0x20 plus 0x60 stays below 0x80.
            let control = ~(word &+ 0x6060_6060_6060_6060) & high
            if control & ~zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A) != 0 { return false }
            return zeroBytes(word ^ low) == 0  // DEL
        }

        /// Where the character at `i` ends, if it is one the reader takes.
        private static func character(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
            let byte = text[i]
            if byte < 0x80 { return (byte >= 0x20 && byte != 0x7F) || byte == Byte.newline ? i + 1 : nil }
            guard let (scalar, length) = decode(text, at: i, lead: byte) else { return nil }
            switch scalar {
            case 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...0x10FFFF: return i + length
            default: return nil
            }
        }

        /// The scalar of a multi-byte sequence and its length; nil for anything that is not UTF-8.
        private static func decode(_ text: UnsafeBufferPointer<UInt8>, at i: Int, lead: UInt8) -> (UInt32, Int)? {
            let length: Int, minimum: UInt32
            var scalar: UInt32
            switch lead {
            case 0xC2...0xDF: (length, minimum, scalar) = (2, 0x80, UInt32(lead & 0x1F))
            case 0xE0...0xEF: (length, minimum, scalar) = (3, 0x800, UInt32(lead & 0x0F))
            case 0xF0...0xF4: (length, minimum, scalar) = (4, 0x10000, UInt32(lead & 0x07))
            default: return nil
            }
            guard i + length <= text.count else { return nil }
            for k in 1..<length {
                let next = text[i + k]
                guard next & 0xC0 == 0x80 else { return nil }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            return scalar >= minimum ? (scalar, length) : nil
        }
    }
}

/// Reads line by line; each construct leaves `line` at the first line after it that holds
/// more than spaces and a comment.
private struct SubsetReader {
    let text: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    var entries: [YAMLDocument.Entry] = []
    var bytes: [UInt8] = []
    var line = Line(start: 0, number: 1, indent: 0, end: 0)
    var atEnd = false

    struct Line {
        var start: Int
        var number: Int
        /// Its leading spaces: the column of its first character, 0-based.
        var indent: Int
        /// Its `\n`, or the end of the text.
        var end: Int
        var first: Int { start + indent }
    }

    init(text: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.text = text
        self.maximumDepth = maximumDepth
    }

    mutating func document() throws(LeftToLibYAML) -> YAMLDocument {
        // As libyaml's reader does (YAMLTree): room for the texts and the nodes once.
        bytes.reserveCapacity(text.count)
        entries.reserveCapacity(text.count / 16 + 4)
        try skipToContent(from: 0, number: 1)
        // A file of comments only, or a root that is not a block of keys: libyaml's to judge.
        guard !atEnd else { throw LeftToLibYAML(line.number) }
        try mapping(column: line.indent, from: line.first, depth: 1)
        guard atEnd else { throw LeftToLibYAML(line.number) }
        return YAMLDocument(entries: entries, bytes: bytes)
    }

    // MARK: Lines

    func endOfLine(from start: Int) -> Int {
        guard start < text.count, let base = text.baseAddress,
            let found = memchr(base + start, Int32(Byte.newline), text.count - start)
        else { return text.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Moves to the first line from `start` on with more than spaces and a comment.
    mutating func skipToContent(from start: Int, number: Int) throws(LeftToLibYAML) {
        var start = start, number = number
        while start < text.count {
            let end = endOfLine(from: start)
            var first = start
            while first < end, text[first] == Byte.space { first += 1 }
            if first < end, text[first] != Byte.hash {
                // `---` and `...` start and end documents; `%` (a directive) cannot start a key.
                if first == start, end - start >= 3, text[start] == text[start + 1], text[start] == text[start + 2],
                    text[start] == Byte.dash || text[start] == Byte.dot {
                    throw LeftToLibYAML(number)
                }
                line = Line(start: start, number: number, indent: first - start, end: end)
                return
            }
            start = end + 1
            number += 1
        }
        atEnd = true
    }

    mutating func advance() throws(LeftToLibYAML) {
        try skipToContent(from: line.end + 1, number: line.number + 1)
    }

    /// The 1-based column of a byte of the current line: libyaml counts characters.
    func column(of position: Int) -> Int {
        var column = 1
        for i in line.start..<position where text[i] & 0xC0 != 0x80 { column += 1 }
        return column
    }

    /// Whether a list item starts here: `-` and then a space or the end of the line.
    func isEntry(_ position: Int) -> Bool {
        text[position] == Byte.dash && (position + 1 == line.end || text[position + 1] == Byte.space)
    }

    /// Where the text before `end` stops when its trailing spaces are left off.
    func trimmed(_ start: Int, _ end: Int) -> Int {
        var end = end
        while end > start, text[end - 1] == Byte.space { end -= 1 }
        return end
    }

    /// The rest of the line from `position` is spaces, perhaps with a comment after them.
    func expectLineEnd(from position: Int) throws(LeftToLibYAML) {
        var i = position
        while i < line.end, text[i] == Byte.space { i += 1 }
        guard i == line.end || (text[i] == Byte.hash && i > position) else { throw LeftToLibYAML(line.number) }
    }

    // MARK: Nodes

    /// A block of keys whose keys start at `column` (0-based); the first at `first` on this line.
    mutating func mapping(column: Int, from first: Int, depth: Int) throws(LeftToLibYAML) {
        guard depth <= maximumDepth else { throw LeftToLibYAML(line.number) }
        let at = open(.mapping, column: column + 1)
        var first = first
        while true {
            try pair(column: column, from: first, depth: depth)
            entries[at].count += 2
            if atEnd || line.indent < column { break }
            guard line.indent == column, !isEntry(line.first) else { throw LeftToLibYAML(line.number) }
            first = line.first
        }
        entries[at].end = entries.count
    }

    /// `key: value`, the value on this line or on the lines below.
    mutating func pair(column: Int, from first: Int, depth: Int) throws(LeftToLibYAML) {
        guard Byte.startsPlain(text[first]) else { throw LeftToLibYAML(line.number) }
        var colon = first
        while true {
            // A line without `: ` is not a key (a text on several lines, or an error).
            guard colon < line.end else { throw LeftToLibYAML(line.number) }
            let byte = text[colon]
            if byte == Byte.colon, colon + 1 == line.end || text[colon + 1] == Byte.space { break }
            if byte == Byte.hash, text[colon - 1] == Byte.space { throw LeftToLibYAML(line.number) }
            colon += 1
        }
        // libyaml looks at most 1024 characters ahead for the `:` of a key.
        guard colon - first <= 1000 else { throw LeftToLibYAML(line.number) }
        appendText(first, trimmed(first, colon), style: .plain, column: column + 1)
        var valueStart = colon + 1
        while valueStart < line.end, text[valueStart] == Byte.space { valueStart += 1 }
        if valueStart == line.end || text[valueStart] == Byte.hash {
            try advance()
            try nestedValue(under: column, depth: depth + 1)
        } else {
            try value(at: valueStart, indent: column, depth: depth + 1, mayBeMapping: false)
        }
    }

    /// The value of a key that ends its line: a block or a list below it, indented further, or
    /// a list at the key's own indentation.
    mutating func nestedValue(under column: Int, depth: Int) throws(LeftToLibYAML) {
        // An empty value: libyaml gives it a position of its own.
        guard !atEnd else { throw LeftToLibYAML(line.number) }
        if line.indent > column {
            if isEntry(line.first) {
                try sequence(column: line.indent, depth: depth, besideKeys: false)
            } else {
                try mapping(column: line.indent, from: line.first, depth: depth)
            }
        } else if line.indent == column, isEntry(line.first) {
            try sequence(column: column, depth: depth, besideKeys: true)
        } else {
            throw LeftToLibYAML(line.number)
        }
    }

    /// A list of `- item` lines at `column`. `besideKeys`: at the indentation of the keys of the
    /// block it is a value in, so a key at that indentation ends it.
    mutating func sequence(column: Int, depth: Int, besideKeys: Bool) throws(LeftToLibYAML) {
        guard depth <= maximumDepth else { throw LeftToLibYAML(line.number) }
        let at = open(.sequence, column: column + 1)
        while true {
            var item = line.first + 1
            while item < line.end, text[item] == Byte.space { item += 1 }
            // `-` alone (its item below it), `- # …`, `- - …`: libyaml's.
            guard item < line.end, text[item] != Byte.hash, !isEntry(item) else { throw LeftToLibYAML(line.number) }
            try value(at: item, indent: column, depth: depth + 1, mayBeMapping: true)
            entries[at].count += 1
            if atEnd || line.indent < column { break }
            guard line.indent == column else { throw LeftToLibYAML(line.number) }
            if !isEntry(line.first) {
                guard besideKeys else { throw LeftToLibYAML(line.number) }
                break
            }
        }
        entries[at].end = entries.count
    }

    /// A value that starts on this line at `position`. `indent`: the column of the block or list
    /// it is in, which decides where a `>-` block's lines must start.
    mutating func value(at position: Int, indent: Int, depth: Int, mayBeMapping: Bool) throws(LeftToLibYAML) {
        switch text[position] {
        case Byte.openBracket:
            let end = try flowSequence(at: position, indent: indent, depth: depth)
            try expectLineEnd(from: end)
            try advance()
        case Byte.singleQuote, Byte.doubleQuote:
            let end = try quoted(at: position)
            try expectLineEnd(from: end)
            try advance()
        case Byte.greater:
            try foldedBlock(at: position, indent: indent)
        default:
            guard Byte.startsPlain(text[position]) else { throw LeftToLibYAML(line.number) }
            var end = position
            while end < line.end {
                let byte = text[end]
                if byte == Byte.colon, end + 1 == line.end || text[end + 1] == Byte.space {
                    // A key: a block that starts in a list item (`- id: x`); after a key, an error.
                    guard mayBeMapping else { throw LeftToLibYAML(line.number) }
                    try mapping(column: position - line.start, from: position, depth: depth)
                    return
                }
                if byte == Byte.hash, text[end - 1] == Byte.space { break }
                end += 1
            }
            appendText(position, trimmed(position, end), style: .plain, column: column(of: position))
            // A text that goes on on the next line is more indented than `indent`; the next
            // line decides in the caller, which leaves such a line to libyaml.
            try advance()
        }
    }

    /// `[a, b, c]` of plain texts, on one line or going on after a `[` or `,` that ends a line;
    /// returns where it ends, on the line it ends on.
    mutating func flowSequence(at position: Int, indent: Int, depth: Int) throws(LeftToLibYAML) -> Int {
        guard depth <= maximumDepth else { throw LeftToLibYAML(line.number) }
        let at = open(.sequence, column: column(of: position))
        var i = try flowItem(after: position + 1, indent: indent)
        if text[i] == Byte.closeBracket {
            entries[at].end = entries.count
            return i + 1
        }
        while true {
            guard Byte.startsPlain(text[i]) else { throw LeftToLibYAML(line.number) }
            let start = i
            while i < line.end, !Byte.endsFlowPlain(text[i]) { i += 1 }
            // A text that goes on on the next line is one text to libyaml, folded.
            guard i < line.end else { throw LeftToLibYAML(line.number) }
            appendText(start, trimmed(start, i), style: .plain, column: column(of: start))
            entries[at].count += 1
            if text[i] == Byte.closeBracket { break }
            guard text[i] == Byte.comma else { throw LeftToLibYAML(line.number) }
            i = try flowItem(after: i + 1, indent: indent)
        }
        entries[at].end = entries.count
        return i + 1
    }

    /// Where the next item of a `[…]` starts, from `position` on: past spaces, and past the end of
    /// the line to the line right below it when that is indented further than `indent`. Blank
    /// lines and comments in between are libyaml's.
    mutating func flowItem(after position: Int, indent: Int) throws(LeftToLibYAML) -> Int {
        var i = position
        while i < line.end, text[i] == Byte.space { i += 1 }
        if i < line.end { return i }
        let start = line.end + 1
        guard start < text.count else { throw LeftToLibYAML(line.number) }
        let end = endOfLine(from: start)
        var first = start
        while first < end, text[first] == Byte.space { first += 1 }
        guard first < end, first - start > indent, text[first] != Byte.hash else { throw LeftToLibYAML(line.number + 1) }
        line = Line(start: start, number: line.number + 1, indent: first - start, end: end)
        return first
    }

    /// `'…'` (with `''` for a quote) or `"…"` without escapes, closed on this line; returns where it ends.
    mutating func quoted(at position: Int) throws(LeftToLibYAML) -> Int {
        let quote = text[position]
        let start = bytes.count
        var run = position + 1, i = run
        while true {
            guard i < line.end else { throw LeftToLibYAML(line.number) }
            let byte = text[i]
            if byte == quote {
                guard quote == Byte.singleQuote, i + 1 < line.end, text[i + 1] == Byte.singleQuote else { break }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run...i]))
                i += 2
                run = i
                continue
            }
            if byte == Byte.backslash, quote == Byte.doubleQuote { throw LeftToLibYAML(line.number) }
            i += 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<i]))
        appendEntry(style: .quoted, start: start, column: column(of: position))
        return i + 1
    }

    /// `>-`: the lines below, indented further than `indent`, joined by spaces; an empty line
    /// between two stays a line break. Leaves `line` at the line after the block.
    mutating func foldedBlock(at position: Int, indent: Int) throws(LeftToLibYAML) {
        // `>`, `|`, `|-`, `>+`, `>2-`: keep or strip line breaks differently; libyaml's.
        guard position + 1 < line.end, text[position + 1] == Byte.dash else { throw LeftToLibYAML(line.number) }
        try expectLineEnd(from: position + 2)
        let column = column(of: position)
        let start = bytes.count
        var lineStart = line.end + 1, number = line.number + 1
        var blockIndent = -1, emptyLines = 0
        while lineStart < text.count {
            let end = endOfLine(from: lineStart)
            var spaces = 0
            while lineStart + spaces < end, text[lineStart + spaces] == Byte.space { spaces += 1 }
            if lineStart + spaces == end {
                // Empty lines before the first (libyaml keeps them) or longer than the indentation
                // (a more-indented line, kept as it is): libyaml's.
                guard blockIndent >= 0, spaces <= blockIndent else { throw LeftToLibYAML(number) }
                emptyLines += 1
            } else {
                if blockIndent < 0 {
                    // A first line no further indented than the block leaves the text empty.
                    guard spaces > indent else { throw LeftToLibYAML(number) }
                    blockIndent = spaces
                }
                if spaces < blockIndent { break }
                // A more-indented line keeps its line breaks.
                guard spaces == blockIndent else { throw LeftToLibYAML(number) }
                if bytes.count > start {
                    if emptyLines == 0 {
                        bytes.append(Byte.space)
                    } else {
                        bytes.append(contentsOf: repeatElement(Byte.newline, count: emptyLines))
                    }
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[(lineStart + spaces)..<end]))
                emptyLines = 0
            }
            lineStart = end + 1
            number += 1
        }
        guard blockIndent >= 0 else { throw LeftToLibYAML(line.number) }
        appendEntry(style: .block, start: start, column: column)
        try skipToContent(from: lineStart, number: number)
    }

    // MARK: Entries

    /// A list or block without children yet, on the current line; returns its index.
    mutating func open(_ kind: YAMLNode.Kind, column: Int) -> Int {
        entries.append(YAMLDocument.Entry(kind: kind, style: .plain, mark: YAMLMark(line: line.number, column: column)))
        return entries.count - 1
    }

    mutating func appendText(_ start: Int, _ end: Int, style: YAMLNode.Scalar.Style, column: Int) {
        let offset = bytes.count
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<end]))
        appendEntry(style: style, start: offset, column: column)
    }

    /// A text whose bytes are `bytes[start...]`, at `column` of the current line.
    mutating func appendEntry(style: YAMLNode.Scalar.Style, start: Int, column: Int) {
        entries.append(
            YAMLDocument.Entry(
                kind: .scalar, style: style, mark: YAMLMark(line: line.number, column: column), start: start,
                count: bytes.count - start, end: entries.count + 1))
    }
}

/// The subset reader against libyaml, for the fuzz target `kompas-fuzz-yaml` and the tests.
public enum YAMLReaderComparison {
    public enum Outcome: Equatable, Sendable {
        /// The subset reader left the text to libyaml.
        case leftToLibYAML
        case same
        /// How the two trees differ: a defect in the subset reader.
        case different(String)
    }

    public static func compare(_ text: [UInt8]) -> Outcome {
        text.withUnsafeBufferPointer { text in
            let depth = RuleLoader.maximumNesting
            guard let subset = YAMLSubsetReader.read(text, maximumDepth: depth) else { return .leftToLibYAML }
            let libyaml = Result { () throws(YAMLSyntaxError) in try YAMLTree.parseWithLibYAML(text, maximumDepth: depth) }
            switch libyaml {
            case .failure(let error):
                return .different("libyaml refuses it: \(error.kind) at \(error.mark.line):\(error.mark.column)")
            case .success(nil):
                return .different("libyaml reads no document")
            case .success(let document?):
                return subset.difference(from: document).map(Outcome.different) ?? .same
            }
        }
    }
}
