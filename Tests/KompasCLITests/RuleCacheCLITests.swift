import Foundation
import Testing

/// The rule cache as a user meets it: invisible, except that an edit shows at the next start.
@Suite struct RuleCacheCLITests {
    func cacheFiles(_ home: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: home + "/kompas")) ?? []).sorted()
    }

    @Test func sessionsCacheTheRulesAndSeeEveryEdit() throws {
        let rules = try BinaryRunner.temporaryDirectory() + "/regels"
        try FileManager.default.copyItem(atPath: BinaryRunner.repository + "/rules", toPath: rules)
        let home = try BinaryRunner.temporaryDirectory()
        let environment = ["XDG_CACHE_HOME": home]

        let first = try BinaryRunner.run(["start", "--rules", rules], environment: environment)
        #expect(first.status == 0)
        #expect(first.stdout.contains("Over welk veiligheidsthema wil je een follow-up voorbereiden?"))
        let files = cacheFiles(home)
        #expect(files.count == 1 && files[0].hasPrefix("regels-") && files[0].hasSuffix(".cache"))

        let second = try BinaryRunner.run(["start", "--rules", rules], environment: environment)
        #expect(second.stdout == first.stdout)

        let intake = rules + "/01-intake.yaml"
        let text = try String(contentsOfFile: intake, encoding: .utf8)
        try text.replacingOccurrences(of: "Over welk veiligheidsthema", with: "Over welk thema").write(toFile: intake, atomically: true, encoding: .utf8)
        let edited = try BinaryRunner.run(["start", "--rules", rules], environment: environment)
        #expect(edited.stdout.contains("Over welk thema wil je een follow-up voorbereiden?"))
        #expect(cacheFiles(home) == files)

        // A broken edit is reported at once, not hidden behind the cached rules.
        try (text + "\nrules: [\n").write(toFile: intake, atomically: true, encoding: .utf8)
        let broken = try BinaryRunner.run(["start", "--rules", rules], environment: environment)
        #expect(broken.status == 65)
        #expect(broken.stderr.contains("01-intake.yaml:"))
    }

    @Test func noCacheWhenAskedOrWhenItCannotBeWritten() throws {
        let home = try BinaryRunner.temporaryDirectory()
        let off = try BinaryRunner.run(["start", "--rules", BinaryRunner.mini], environment: ["XDG_CACHE_HOME": home, "KOMPAS_NO_CACHE": "1"])
        #expect(off.status == 0)
        #expect(cacheFiles(home) == [])
        let unwritable = try BinaryRunner.run(["start", "--rules", BinaryRunner.mini], environment: ["XDG_CACHE_HOME": "/proc/kompas"])
        #expect(unwritable.status == 0)
        #expect(unwritable.stdout == off.stdout)
        #expect(unwritable.stderr == "")
    }
}
