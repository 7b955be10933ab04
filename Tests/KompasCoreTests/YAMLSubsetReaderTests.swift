import Foundation
import Testing
@testable import KompasCore

/// The fast reader for the rule files' YAML against libyaml: where it reads a text, the same tree,
/// node for node, with the same positions and bytes; where it is not sure, libyaml's.
@Suite struct YAMLSubsetReaderTests {
    func outcome(_ text: String) -> YAMLReaderComparison.Outcome { YAMLReaderComparison.compare(Array(text.utf8)) }

    /// Every shipped rule file is read without libyaml, to the same tree: else the speed is not won.
    @Test(arguments: try RuleLoader.ruleFiles(in: Fixture.repository + "/rules") + RuleLoader.ruleFiles(in: Fixture.directory + "/mini"))
    func readsTheShippedRules(path: String) throws {
        let bytes = Array(try #require(FileManager.default.contents(atPath: path)))
        let stop = bytes.withUnsafeBufferPointer { YAMLSubsetReader.attempt($0, maximumDepth: RuleLoader.maximumNesting) }
        if case .failure(let unsupported) = stop { Issue.record("left to libyaml at \(unsupported)") }
        #expect(YAMLReaderComparison.compare(bytes) == .same)
    }

    /// What the rule files may hold, each read here and equal to libyaml's tree.
    @Test(arguments: [
        "a: b\n",
        "a: b",
        "a:   b   \n",
        "a: b # opmerking\nc: d#geen opmerking\n",
        "# kop\n\n  # ingesprongen opmerking\na: b\n\n\n",
        "sleutel met spaties: waarde met:dubbele punt erin\n",
        "a : b\n",
        "a: x:y, [z] {w} 'q' \"r\"\n",
        "ë: één\nb: ‘aanhalingstekens’ en é — ☃\n",
        "\u{1F600}: \u{1F600}\nx: [\u{1F600}, é]\n",
        "a: 'enkel ''gequote'' '\nb: \"dubbel 'met' # en : erin\"\nc: ''\nd: \"\"\n",
        "a: \"x\" # opmerking\n",
        "a: [L1, L2]\nb: []\nc: [ ]\nd: [ een  twee ,drie ]\n",
        "a: [x] # opmerking\n",
        "a: [x,\n  y, z,\n   w]\nb: c\n",
        "a: [\n  x, y]\n",
        "a: [\n ]\n",
        "a: [x,   \n    y] # opmerking\n",
        "a:\n  - [x,\n     y]\n  - z\n",
        "a:\n  b: c\n  d:\n    e: f\ng: h\n",
        "a:\n  - x\n  - y\nb:\n- p\n- q\nc: d\n",
        "a:\n  - id: x\n    naam: y\n  -   id: z\n      naam: w\n",
        "a:\n  - b:\n    - c\n    - d\n  - e\n",
        "a:\n  - [x, y]\n  - 'q'\n  - \"r\"\n",
        "a: >-\n  een\n  twee\n\n  drie\n\n\n  vier\nb: c\n",
        "a: >- # opmerking\n    ingesprongen\n    # geen opmerking\n  # wel een opmerking\nb: c\n",
        "a: >-\n  tekst met spaties op het eind   \n  en é\n",
        "a: >-\n  laatste regels leeg\n\n\n",
        "a:\n  - >-\n    een\n    twee\n  - x\n",
        "a:\n  b: >-\n    x\nc: y\n",
        "  a: ingesprongen wortel\n  b: c\n",
        "a: b\n  # ingesprongen opmerking na een waarde\nc: d\n",
        "e\u{301}: b\nc: [e\u{301}, x]\n",
    ])
    func readsWhatRuleFilesHold(text: String) {
        #expect(outcome(text) == .same, "\(text.debugDescription)")
    }

    /// YAML the reader leaves to libyaml: valid or not, libyaml's tree or libyaml's error.
    @Test(arguments: [
        "",
        "# alleen een opmerking\n",
        "- lijst als wortel\n",
        "tekst als wortel\n",
        "a: b\nc\n",
        "a: tekst\n  op twee regels\n",
        "a: tekst\n\n  na een lege regel\n",
        "a:\n  tekst op de volgende regel\n",
        "a:\n",
        "a: b\nc:\n",
        "a: &anker b\n",
        "a: *anker\n",
        "a: !tag b\n",
        "a:\tb\n",
        "a: b\r\nc: d\r\n",
        "a: b\u{85}c\n",
        "a: b\u{2028}c\n",
        "a: \u{FEFF}b\n",
        "a: \u{7F}\n",
        "a: \"esc\\\"ape\"\n",
        "a: \"niet\nafgesloten\"\n",
        "a: 'x' y\n",
        "a: 'x'#y\n",
        "'a': b\n",
        "? a\n: b\n",
        "a: b: c\n",
        "a: b:\n",
        "a: {x: y}\n",
        "a: [x, [y]]\n",
        "a: [x,]\n",
        "a: [x: y]\n",
        "a: [x\n  , y]\n",
        "a: [x,\n\n  y]\n",
        "a: [x,\n  # opmerking\n  y]\n",
        "a: [x, # opmerking\n  y]\n",
        "a: [x,\ny]\n",
        "a:\n  - [x,\n  y]\n",
        "a: [x,\n",
        "a: [x] y\n",
        "a: |\n  x\n",
        "a: >\n  x\n",
        "a: >2-\n  x\n",
        "a: >-\n\n  eerst leeg\n",
        "a: >-\n  x\n    meer ingesprongen\n",
        "a: >-\nb: c\n",
        "a: >-\n  x\n     \n  y\n",
        "a: - x\n",
        "a:\n  - - x\n",
        "a:\n  -\n    b: c\n",
        "a:\n  - # opmerking\n    x\n",
        "a:\n  - x\n  b: c\n",
        "a:\n    b: c\n  d: e\n",
        "a: b\n- c\n",
        "---\na: b\n",
        "a: b\n...\n",
        "%YAML 1.1\n---\na: b\n",
        "a #b: c\n",
        String(repeating: "k", count: 1001) + ": v\n",
        "a: [-x]\n",
        "a: -x\n",
        "a: ?x\n",
        "a: @x\n",
        "a: b\n\u{0}\n",
        "a: -\n",
    ])
    func leavesTheRestToLibYAML(text: String) {
        #expect(outcome(text) == .leftToLibYAML, "\(text.debugDescription)")
    }

    @Test func leavesInvalidUTF8AndOverlongFormsToLibYAML() {
        for bytes: [UInt8] in [[0x61, 0x3A, 0x20, 0xFF], [0x61, 0x3A, 0x20, 0xC0, 0xAF], [0x61, 0x3A, 0x20, 0xE2, 0x82],
            [0x61, 0x3A, 0x20, 0xED, 0xA0, 0x80], [0x61, 0x3A, 0x20, 0xF4, 0x90, 0x80, 0x80], [0x61, 0x3A, 0x20, 0xC2, 0x80]] {
            #expect(YAMLReaderComparison.compare(bytes) == .leftToLibYAML, "\(bytes)")
        }
    }

    /// Deeper than the loader allows: libyaml's, which reports where.
    @Test func leavesTooDeepNestingToLibYAML() {
        var text = ""
        for depth in 0..<RuleLoader.maximumNesting { text += String(repeating: "  ", count: depth) + "k:\n" }
        text += String(repeating: "  ", count: RuleLoader.maximumNesting) + "k: v\n"
        #expect(outcome(text) == .leftToLibYAML)
        let shallower = text.split(separator: "\n").dropFirst(2).map { String($0.dropFirst(4)) }.joined(separator: "\n")
        #expect(outcome(shallower) == .same)
    }

    /// A defect would not stay hidden: the comparison names a tree that differs.
    @Test func theComparisonSeesADifference() throws {
        func libyaml(_ text: String) throws -> YAMLDocument? {
            try Array(text.utf8).withUnsafeBufferPointer { try YAMLTree.parseWithLibYAML($0, maximumDepth: 64) }
        }
        let subset = try #require(Array("a: [x, y]\n".utf8).withUnsafeBufferPointer { YAMLSubsetReader.read($0, maximumDepth: 64) })
        #expect(subset.difference(from: try #require(try libyaml("a: [x, y]\n"))) == nil)
        #expect(subset.difference(from: try #require(try libyaml("a: [x, z]\n"))) == "node 4: scalar plain at 1:8, 1 long, to 5 \"y\" ≠ scalar plain at 1:8, 1 long, to 5 \"z\"")
        #expect(
            subset.difference(from: try #require(try libyaml("a:  [x, y]\n")))
                == "node 2: sequence plain at 1:4, 2 long, to 5 ≠ sequence plain at 1:5, 2 long, to 5")
        // The first node that differs is the block, whose subtree ends later.
        #expect(subset.difference(from: try #require(try libyaml("a: [x, y, z]\n"))) == "node 0: mapping plain at 1:1, 2 long, to 5 ≠ mapping plain at 1:1, 2 long, to 6")
    }
}

/// The eight-bytes-at-a-time check against the byte-by-byte rule, for every byte in every place
/// of a word and every pair of ASCII bytes side by side (where a carry or borrow would show).
@Suite struct PlainASCIIWordTests {
    static func isPlain(_ byte: UInt8) -> Bool { byte == 0x0A || (0x20..<0x7F).contains(byte) }

    static func word(_ bytes: [UInt8]) -> UInt64 {
        bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }

    @Test func everyByteInEveryPlace() {
        for place in 0..<8 {
            for byte in UInt8.min...UInt8.max {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
                bytes[place] = byte
                #expect(YAMLSubsetReader.TextCheck.isPlainASCII(Self.word(bytes)) == Self.isPlain(byte), "\(byte) at \(place)")
            }
        }
    }

    @Test func everyPairSideBySide() {
        var wrong = 0
        for first in UInt8(0)..<0x80 {
            for second in UInt8(0)..<0x80 {
                let bytes: [UInt8] = [0x20, 0x0A, 0x7E, first, second, 0x41, 0x0A, 0x20]
                if YAMLSubsetReader.TextCheck.isPlainASCII(Self.word(bytes)) != (Self.isPlain(first) && Self.isPlain(second)) { wrong += 1 }
            }
        }
        #expect(wrong == 0)
    }
}

/// Random documents in the shapes rule files take, with the variations the fast reader must get
/// right or leave alone (indentation, flow lists over lines, `>-` with empty lines, quotes,
/// comments, trailing spaces), each held against libyaml. libFuzzer mutates bytes; this writes
/// whole constructs, so deep and long documents are read too.
@Suite struct YAMLSubsetReaderRandomDocumentTests {
    struct Writer {
        var random: SplitMix
        var lines: [String] = []

        mutating func pick<T>(_ options: [T]) -> T { options[Int.random(in: 0..<options.count, using: &random)] }
        mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
        mutating func spaces(_ count: Int) -> String { String(repeating: " ", count: count) }

        mutating func plain() -> String {
            pick(["x", "id-1", "twee woorden", "é en ë", "a:b", "c#d", "80%", "[niet] {flow}", "€ 5,-", "thema == a"])
        }

        mutating func scalar() -> String {
            switch Int.random(in: 0..<10, using: &random) {
            case 0: return "'enkel ''quote'' " + plain() + "'"
            case 1: return "\"dubbel # " + plain() + "\""
            case 2: return "''"
            default: return plain()
            }
        }

        mutating func trailing() -> String { pick(["", "", "", "  ", " # opmerking", "   # x: y"]) }

        /// `[a, b]`, sometimes going on over lines indented `more` spaces.
        mutating func flow(more: Int) -> String {
            var text = "["
            let count = Int.random(in: 0...4, using: &random)
            for index in 0..<count {
                // Ids mostly; now and then a `:` or `#` inside, which libyaml decides in a list.
                text += chance(10) ? pick(["a:b", "c#d"]) : pick(["x", "id-1", "twee woorden", "é", "80%", "thema == a"])
                if index < count - 1 { text += chance(30) ? ",\n" + spaces(more) : pick([", ", ",", " , "]) }
            }
            return text + "]"
        }

        mutating func folded(indent: Int) {
            let body = indent + pick([1, 2, 2, 4])
            for index in 0..<Int.random(in: 1...4, using: &random) {
                if index > 0, chance(25) { lines.append(chance(80) ? "" : spaces(body)) }
                lines.append(spaces(body + (chance(5) ? 2 : 0)) + plain() + (chance(10) ? "  " : ""))
            }
            if chance(20) { lines.append("") }
        }

        /// A value after `key:` on a line that starts at column `indent`.
        mutating func value(after prefix: String, indent: Int, depth: Int) {
            let nested = depth < 6
            switch Int.random(in: 0..<(nested ? 7 : 4), using: &random) {
            case 0, 1: lines.append(prefix + " " + scalar() + trailing())
            case 2: lines.append(prefix + " " + flow(more: indent + pick([1, 2, 4, 0])) + trailing())
            case 3:
                lines.append(prefix + " >-" + trailing())
                folded(indent: indent)
            case 4:
                lines.append(prefix + trailing())
                block(indent: indent + pick([2, 2, 4, 1]), depth: depth + 1)
            default:
                lines.append(prefix + trailing())
                sequence(indent: indent + pick([0, 2, 2, 4]), depth: depth + 1)
            }
        }

        mutating func block(indent: Int, depth: Int) {
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                if chance(10) { lines.append(spaces(Int.random(in: 0...6, using: &random)) + "# opmerking") }
                if chance(10) { lines.append("") }
                value(after: spaces(indent) + pick(["id", "naam", "when", "sleutel met spaties", "é", "a b"]) + pick([":", " :"]), indent: indent, depth: depth)
            }
        }

        mutating func sequence(indent: Int, depth: Int) {
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let dash = spaces(indent) + "-" + spaces(pick([1, 1, 3]))
                if chance(50) {
                    lines.append(dash + scalar() + trailing())
                } else {
                    // An item that is a block: its first key on the dash's line, the rest below.
                    let column = dash.count
                    var item = Writer(random: random)
                    item.block(indent: column, depth: depth + 1)
                    random = item.random
                    guard var first = item.lines.first(where: { $0.hasPrefix(spaces(column)) && !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") && !$0.isEmpty }),
                        let at = item.lines.firstIndex(of: first)
                    else { continue }
                    first = dash + first.dropFirst(column)
                    lines.append(first)
                    lines.append(contentsOf: item.lines[(at + 1)...])
                }
            }
        }
    }

    @Test func randomDocumentsReadAsLibYAMLReadsThem() {
        var random = SplitMix(seed: 2026_12_03)
        var outcomes: [String: Int] = [:]
        for round in 0..<1500 {
            var writer = Writer(random: random)
            writer.block(indent: 0, depth: 1)
            random = writer.random
            let text = writer.lines.joined(separator: "\n") + (round % 7 == 0 ? "" : "\n")
            switch YAMLReaderComparison.compare(Array(text.utf8)) {
            case .same: outcomes["same", default: 0] += 1
            case .leftToLibYAML: outcomes["left", default: 0] += 1
            case .different(let difference):
                Issue.record("round \(round): \(difference)\n\(text)")
                return
            }
        }
        // Both ways are taken often, so the comparison is not only ever of one kind.
        #expect(outcomes["same", default: 0] > 500, "\(outcomes)")
        #expect(outcomes["left", default: 0] > 500, "\(outcomes)")
    }
}
