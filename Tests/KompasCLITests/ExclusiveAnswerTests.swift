import Foundation
import Testing

/// An option with `exclusive: true` cannot be combined with others: the session asks again,
/// `plan` and `replay` refuse a transcript that combines them (exit 65, file and line).
@Suite struct ExclusiveAnswerTests {
    /// Added to the exclusive question in Fixtures/signalen.yaml: a rule that proposes a «Begin hier» step.
    static let rule = """
        rules:
          - id: bb-geen-zicht
            when: signalen contains geen-zicht
            because: je nog geen zicht op signalen hebt
            start: [gegevens-omgevingsdienst]

        """

    /// The mini rules plus the signalen question and the rule above, in a fresh directory.
    static func rules() throws -> String {
        let dir = try BinaryRunner.temporaryDirectory()
        for name in try FileManager.default.contentsOfDirectory(atPath: BinaryRunner.mini) where name.hasSuffix(".yaml") {
            try FileManager.default.copyItem(atPath: BinaryRunner.mini + "/" + name, toPath: dir + "/" + name)
        }
        let question = try String(contentsOfFile: BinaryRunner.fixtures + "/signalen.yaml", encoding: .utf8)
        try (question + rule).write(toFile: dir + "/20-signalen.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func theSessionRefusesTheCombinationAndAsksAgain() throws {
        let rules = try Self.rules()
        let result = try BinaryRunner.run(
            ["--rules", rules], input: "1\nEde\n2\n1\n1,3\n3\n", environment: ["XDG_STATE_HOME": try BinaryRunner.temporaryDirectory()])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("""
            kompas> 1,3

            «Geen zicht» gaat niet samen met andere antwoorden: kies «Geen zicht» alleen, of
            laat het weg.
            kompas> 3

            Alle vragen zijn beantwoord.
            """))
        #expect(result.stdout.contains("\nBegin hier\n----------\n  1. Vraag bij de Omgevingsdienst de gegevens over leegstand op. (prioriteit)\n     Waarom: omdat je nog geen zicht op signalen hebt\n"))
    }

    /// A recorded transcript with `signalen [drugs geen-zicht]` written in by hand.
    static func contradictoryTranscript(_ rules: String) throws -> String {
        let dir = try BinaryRunner.temporaryDirectory()
        let path = dir + "/sessie.transcript"
        let record = try BinaryRunner.run(
            ["--rules", rules], input: "1\nEde\n2\n1\n3\n:bewaar \(path)\n:stop\n", environment: ["XDG_STATE_HOME": dir])
        #expect(record.status == 0, "\(record.stderr)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\nantwoord signalen [geen-zicht]\n"))
        try text.replacingOccurrences(of: "antwoord signalen [geen-zicht]", with: "antwoord signalen [drugs geen-zicht]")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func planAndReplayRefuseAContradictoryTranscript() throws {
        let rules = try Self.rules()
        let path = try Self.contradictoryTranscript(rules)
        let line = try #require(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("antwoord signalen") }) + 1
        let message = "\(path):\(line):1: fout: vraag signalen: «Geen zicht» gaat niet samen met andere antwoorden: kies «Geen zicht» alleen, of laat het weg: pas het antwoord aan\n"
        let plan = try BinaryRunner.run(["plan", "--rules", rules, path])
        #expect(plan.status == 65)
        #expect(plan.stdout == "")
        #expect(plan.stderr == message)
        let replay = try BinaryRunner.run(["replay", "--rules", rules, path])
        #expect(replay.status == 65)
        #expect(replay.stderr == message)
    }
}

/// Issue #21: «prioriteit» means something only when few steps have it.
@Suite struct PriorityShareTests {
    /// The recorded plans (held to the rules by `replay --check`): at most 40% of the steps «hoog».
    @Test func atMostFortyPercentOfAShippedPlansStepsAreHigh() throws {
        let dir = BinaryRunner.repository + "/transcripts"
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".transcript") }.sorted()
        #expect(names.count >= 10)
        for name in names {
            let steps = try String(contentsOfFile: dir + "/" + name, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("stap ") }
            let high = steps.filter { $0.hasSuffix(" hoog") }.count
            #expect(!steps.isEmpty && high * 100 <= 40 * steps.count, "\(name): \(high) van \(steps.count) stappen hoog")
        }
    }
}
