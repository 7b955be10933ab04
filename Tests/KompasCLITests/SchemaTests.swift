import Foundation
import Testing

/// rules/schema.json is a contract with `kompas check`: what one accepts the other accepts, and
/// the broken files in Tests/Schema/broken are rejected by both. The schema side runs a real
/// validator (Python's jsonschema, installed by `make test`) through Tests/Schema/validate.py.
@Suite struct SchemaTests {
    static let schema = BinaryRunner.repository + "/rules/schema.json"
    static let folder = BinaryRunner.repository + "/Tests/Schema"
    static let modeline = "# yaml-language-server: $schema=./schema.json"

    static let validatorPresent = (try? python(["-c", "import jsonschema, yaml"]).status) == 0
    static let missing = "Python met jsonschema en PyYAML ontbreekt: make test installeert ze (pip install jsonschema pyyaml)"

    static func python(_ arguments: [String]) throws -> BinaryRunner.Result {
        try BinaryRunner.run(["python3"] + arguments, executable: "/usr/bin/env")
    }

    static func validate(_ files: [String]) throws -> BinaryRunner.Result {
        try python([folder + "/validate.py", schema] + files)
    }

    static func yamlFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { directory + "/" + $0 }
    }

    static let shippedRules = yamlFiles(in: BinaryRunner.repository + "/rules")
    static let brokenFiles = yamlFiles(in: folder + "/broken")
    static let validFiles = yamlFiles(in: folder + "/valid")

    @Test func everyShippedRuleFileNamesTheSchemaOnItsFirstLine() throws {
        #expect(Self.shippedRules.count >= 10)
        for file in Self.shippedRules {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.hasPrefix(Self.modeline + "\n"), "\(file)")
        }
    }

    @Test(.enabled(if: validatorPresent, Comment(rawValue: missing)))
    func shippedAndValidRuleFilesFollowTheSchema() throws {
        let files = Self.shippedRules + Self.yamlFiles(in: BinaryRunner.mini) + Self.validFiles
        let result = try Self.validate(files)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == "")
    }

    /// The edge cases the schema must allow are ones kompas allows.
    @Test func validEdgeCasesPassKompasCheck() throws {
        #expect(!Self.validFiles.isEmpty)
        for file in Self.validFiles {
            let rules = try Self.miniWith(file)
            let result = try BinaryRunner.run(["check", "--rules", rules])
            #expect(result.status == 0, "\(file): \(result.stdout)")
        }
    }

    @Test(.enabled(if: validatorPresent, Comment(rawValue: missing)))
    func theSchemaRejectsEveryBrokenFile() throws {
        #expect(Self.brokenFiles.count >= 25)
        let result = try Self.validate(Self.brokenFiles)
        #expect(result.status == 1, "\(result.stderr)")
        let reported = Set(result.stdout.split(separator: "\n").map { String($0.prefix { $0 != ":" }) })
        #expect(Self.brokenFiles.filter { !reported.contains($0) } == [], "het schema aanvaardt deze")
    }

    /// Each broken file says on its first line what `kompas check` reports for it (line:column:
    /// message, counted in the file as it stands), so both reject it for the same reason.
    @Test(arguments: brokenFiles.map { URL(fileURLWithPath: $0).lastPathComponent })
    func kompasCheckRejectsTheBrokenFile(name: String) throws {
        let file = Self.folder + "/broken/" + name
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let header = "# kompas check: "
        let expected = try #require(text.split(separator: "\n").first.flatMap { $0.hasPrefix(header) ? $0.dropFirst(header.count) : nil })
        let rules = try Self.miniWith(file)
        let result = try BinaryRunner.run(["check", "--rules", rules])
        #expect(result.status == 65)
        let line = rules + "/90-regels.yaml:" + expected
        #expect(result.stdout.split(separator: "\n").contains { $0.hasPrefix(line) }, "verwacht \(line)\nkreeg \(result.stdout)")
    }

    /// A copy of the small rule set with `file` added as its last file.
    static func miniWith(_ file: String) throws -> String {
        let rules = try BinaryRunner.temporaryDirectory() + "/regels"
        try FileManager.default.copyItem(atPath: BinaryRunner.mini, toPath: rules)
        try FileManager.default.copyItem(atPath: file, toPath: rules + "/90-regels.yaml")
        return rules
    }
}
