import Foundation
import Testing

/// Bad rule directories and files through the real binary: a clear Dutch message, an exit code
/// below 128, never a crash.
@Suite struct BadInputTests {
    func check(_ files: [String: Data]) throws -> BinaryRunner.Result {
        let dir = try BinaryRunner.temporaryDirectory()
        for (name, data) in files { try data.write(to: URL(fileURLWithPath: dir + "/" + name)) }
        return try BinaryRunner.run(["check", "--rules", dir])
    }

    @Test func missingAndEmptyDirectories() throws {
        let missing = try BinaryRunner.run(["check", "--rules", "/nonexistent/kompas-regels"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "/nonexistent/kompas-regels:1:1: fout: de map met regels bestaat niet: geef een bestaande map met --rules\n")
        let empty = try check([:])
        #expect(empty.status == 66)
        #expect(empty.stderr.hasSuffix("fout: de map bevat geen regelbestanden (*.yaml): zet de regels hier of wijs met --rules een andere map aan\n"))
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let text = "phases:\n  - id: p\n    name: P\n"
        #expect(try check(["a.yaml": Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)]).status == 0)
    }

    @Test func tabsAreAPositionedYAMLError() throws {
        let result = try check(["a.yaml": Data("phases:\n\t- id: p\n".utf8)])
        #expect(result.status == 65)
        #expect(result.stdout.hasPrefix("\(result.stdout.split(separator: ":")[0]):2:1: fout: ongeldige YAML: hier staat een tab: YAML springt alleen in met spaties, vervang de tab door spaties (in de meeste editors: tabs omzetten naar spaties)\n"))
    }

    @Test func invalidUTF8() throws {
        let result = try check(["a.yaml": Data("phases:\n  - id: p\n    name: ".utf8) + Data([0xC3, 0x28])])
        #expect(result.status == 65)
        #expect(result.stdout.contains("a.yaml:3:11: fout: het bestand is geen geldige UTF-8"))
    }

    @Test func tenMegabyteFileIsRefused() throws {
        let big = Data(("# " + String(repeating: "x", count: 99) + "\n").utf8)
        let result = try check(["a.yaml": Data(repeating: 0, count: 0) + Data(Array(repeating: big, count: 100_000).joined())])
        #expect(result.status == 65)
        #expect(result.stdout.contains("a.yaml:1:1: fout: het bestand is 9 MB; een regelbestand mag hoogstens 4 MB zijn"))
    }

    @Test func deeplyNestedYAML() throws {
        let text = "themes:\n" + (0..<200).map { String(repeating: "  ", count: $0 + 1) + "- a:\n" }.joined()
        let result = try check(["a.yaml": Data(text.utf8)])
        #expect(result.status == 65)
        #expect(result.stdout.contains("fout: de YAML is hier dieper genest dan 64 niveaus"))
    }

    /// A megabyte of `not`, of brackets or of `and`s once ran the parser out of stack (exit 139).
    @Test(arguments: [
        String(repeating: "not ", count: 250_000) + "a == x",
        String(repeating: "(", count: 250_000) + "a == x" + String(repeating: ")", count: 250_000),
        Array(repeating: "a == x", count: 100_000).joined(separator: " and "),
    ])
    func deeplyNestedCondition(condition: String) throws {
        let text = "rules:\n  - id: r\n    because: b\n    when: \"\(condition)\"\n"
        let result = try check(["a.yaml": Data(text.utf8)])
        #expect(result.status == 65)
        #expect(result.stdout.contains("a.yaml:4:12: fout: de `when` van regel r is geen geldige voorwaarde: ze is langer dan 1000 tekens"))
    }

    @Test func binaryJunk() throws {
        var generator = SystemRandomNumberGenerator()
        let junk = Data((0..<50_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let result = try check(["a.yaml": junk])
        #expect(result.status == 65)
        #expect(result.status < 128)
    }
}
