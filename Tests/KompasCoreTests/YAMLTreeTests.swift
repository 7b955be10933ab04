import Foundation
import Testing
import Yams
@testable import KompasCore

/// Our tree from libyaml's events, held against Yams' `compose` of the same text: the same
/// scalars, lists and blocks, at the same line and column.
@Suite struct YAMLTreeTests {
    /// Where the two trees differ, as `path: ours ≠ Yams'`.
    func differences(_ ours: YAMLNode, _ theirs: Yams.Node, at path: String = "") -> [String] {
        var found: [String] = []
        if let mark = theirs.mark, (ours.mark.line, ours.mark.column) != (mark.line, mark.column) {
            found.append("\(path): \(ours.mark.line):\(ours.mark.column) ≠ \(mark)")
        }
        switch (ours.kind, theirs) {
        case (.scalar, .scalar(let other)):
            if let text = ours.scalar?.string, text != other.string { found.append("\(path): \(text) ≠ \(other.string)") }
        case (.sequence, .sequence(let others)):
            let items = Array(ours.children)
            guard items.count == others.count else { return found + ["\(path): \(items.count) ≠ \(others.count) items"] }
            for (i, (item, other)) in zip(items, others).enumerated() {
                found += differences(item, other, at: "\(path)[\(i)]")
            }
        case (.mapping, .mapping(let others)):
            let pairs = Array(ours.pairs)
            guard pairs.count == others.count else { return found + ["\(path): \(pairs.count) ≠ \(others.count) keys"] }
            for (pair, other) in zip(pairs, others) {
                found += differences(pair.key, other.key, at: "\(path)/key")
                found += differences(pair.value, other.value, at: "\(path)/\(other.key.string ?? "?")")
            }
        default:
            found.append("\(path): another kind of node")
        }
        return found
    }

    @Test(arguments: try RuleLoader.ruleFiles(in: Fixture.repository + "/rules") + RuleLoader.ruleFiles(in: Fixture.directory + "/mini"))
    func sameTreeAsYams(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let ours = try #require(try YAMLTree.parse(text, maximumDepth: 64)).root
        let theirs = try #require(try Yams.compose(yaml: text))
        #expect(differences(ours, theirs) == [])
    }

    /// The corners: quoting, block scalars, flow collections, comments, multi-byte characters
    /// (columns count characters, not bytes).
    @Test func sameTreeAsYamsOnTheCorners() throws {
        let text = """
            # opmerking
            a: "tekst met \\"aanhalingstekens\\" en é"
            'b': 'enkel ''gequote'''
            c: |
              regel één
              regel twee
            d: >-
              gevouwen
              tekst
            ë: [x, "y", {z: 1}]
            f:
              - - genest
                - ü: ja
              -   ~
            g: ""
            """
        let ours = try #require(try YAMLTree.parse(text, maximumDepth: 64)).root
        #expect(differences(ours, try #require(try Yams.compose(yaml: text))) == [])
        // And the comparison bites: another value, another place.
        let changed = try #require(try YAMLTree.parse("a: b\n", maximumDepth: 64)).root
        #expect(differences(changed, try #require(try Yams.compose(yaml: "a:  c\n"))) == ["/a: 1:4 ≠ 1:5", "/a: b ≠ c"])
    }

    /// `\L` is two bytes in the file and three in the text: texts may outgrow the room made for them.
    @Test func textsLongerThanTheFile() throws {
        let text = "a: \"" + String(repeating: "\\L", count: 1000) + "\"\n"
        let ours = try #require(try YAMLTree.parse(text, maximumDepth: 64)).root
        let value = try #require(Array(ours.pairs).first?.value.scalar?.string)
        #expect(value == String(repeating: "\u{2028}", count: 1000))
        #expect(value.utf8.count > text.utf8.count)
    }
}
