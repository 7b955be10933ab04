import Foundation
import Testing
import KompasCore

/// The benchmark's rule generator and the fuzz targets' replay mode, run as built.
@Suite struct ToolTests {
    @Test func generatedRuleBaseIsValidAndScaled() throws {
        let output = try BinaryRunner.temporaryDirectory() + "/schaal-3"
        let generate = try BinaryRunner.run(
            ["generate", "--scale", "3", "--output", output, "--rules", BinaryRunner.repository + "/rules"],
            executable: BinaryRunner.executable("kompas-bench"))
        #expect(generate.status == 0, "\(generate.stderr)")
        // Three copies of everything but the theme and municipality questions, which exist once.
        let base = try RuleLoader.load(directory: BinaryRunner.repository + "/rules", examples: .skip)
        let (questions, rules, sources, steps, examples) = (
            2 + 3 * (base.questions.count - 2), 3 * base.rules.count, 3 * base.sources.count, 3 * base.steps.count, 3 * base.examples.count
        )
        #expect(generate.stdout.hasSuffix(
            ": 4 files, \(questions) questions, \(rules) rules, \(sources) sources, \(steps) steps, \(examples) examples; passes kompas check\n"),
            "\(generate.stdout)")
        let check = try BinaryRunner.run(["check", "--rules", output])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.hasSuffix(
            "\(3 * base.themes.count) thema's, \(questions) vragen, \(sources) bronnen, \(steps) stappen, \(rules) regels, \(examples) voorbeelden: in orde\n"))
    }

    /// The generator writes texts plain where it can, as the rule files do; whatever it writes
    /// must read back as the same text.
    @Test(arguments: [
        "a: b", "x #y", "- lijst", "null", "~", "[haak] en {accolade}", "'enkel'", "\"dubbel\"", "eind:", "% procent",
        "@at", "`tick`", "komma, hier", "?vraag", "!tag", "&anker", "*alias", "|blok", ">gevouwen", "regel\u{2028}scheiding",
    ])
    func generatedTextsReadBackAsWritten(name: String) throws {
        let base = try BinaryRunner.temporaryDirectory() + "/basis"
        try FileManager.default.copyItem(atPath: BinaryRunner.mini, toPath: base)
        let file = base + "/00-basis.yaml"
        let yaml = try String(contentsOfFile: file, encoding: .utf8)
        let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\u{2028}", with: "\\L") + "\""
        try yaml.replacingOccurrences(of: "name: Weerbaar buitengebied (ondermijningsrisico's)", with: "name: " + quoted)
            .write(toFile: file, atomically: true, encoding: .utf8)
        let output = try BinaryRunner.temporaryDirectory() + "/schaal-1"
        let generate = try BinaryRunner.run(
            ["generate", "--scale", "1", "--output", output, "--rules", base], executable: BinaryRunner.executable("kompas-bench"))
        #expect(generate.status == 0, "\(generate.stderr)")
        let themes = try BinaryRunner.run(["themes", "--rules", output])
        #expect(themes.stdout.hasPrefix("buitengebied-s1  \(name) (kopie 1)\n"), "\(themes.stdout)\(themes.stderr)")
    }

    @Test func generatorRefusesAScaleBelowOne() throws {
        let result = try BinaryRunner.run(
            ["generate", "--scale", "0", "--output", "/tmp/nergens"], executable: BinaryRunner.executable("kompas-bench"))
        #expect(result.status == 64)
        #expect(result.stderr.contains("--scale must be 1 or more"))
    }

    /// Each fuzz target, built without the sanitizer, reruns its seeds: what `make fuzz` starts from.
    @Test(arguments: [("rules", "rules"), ("conditions", "Fuzz/regressions/conditions"), ("transcripts", "transcripts")])
    func fuzzTargetsRunTheirSeeds(target: String, seeds: String) throws {
        let directory = BinaryRunner.repository + "/" + seeds
        let count = try FileManager.default.contentsOfDirectory(atPath: directory).count
        let result = try BinaryRunner.run([directory], executable: BinaryRunner.executable("kompas-fuzz-" + target))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "\(count) inputs ran without a crash\n")
    }
}
