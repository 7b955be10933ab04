import Foundation
import Testing

/// Keeping transcripts in step with changed rules, as rules/README.md tells a maintainer:
/// `replay --check` names the right next command, `--bijwerken` records a plan (or only the new
/// fingerprint), and `--hervat` asks just the question the rules now add.
@Suite struct TranscriptUpkeepTests {
    /// A copy of the small rule set and a transcript recorded with it, before any change.
    func recorded() throws -> (rules: String, transcript: String) {
        let dir = try BinaryRunner.temporaryDirectory()
        let rules = dir + "/regels"
        try FileManager.default.copyItem(atPath: BinaryRunner.mini, toPath: rules)
        let transcript = dir + "/les.transcript"
        let input = "buitengebied\nSúdwest-Fryslân\nzwak\n2\nn\n"
        let result = try BinaryRunner.run(["--rules", rules, "--transcript", transcript], input: input)
        #expect(result.status == 0)
        let text = try String(contentsOfFile: transcript, encoding: .utf8)
        try ("# Les 1: een plattelandsgemeente.\n" + text).write(toFile: transcript, atomically: true, encoding: .utf8)
        return (rules, transcript)
    }

    func edit(_ file: String, _ old: String, _ new: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(toFile: file, atomically: true, encoding: .utf8)
    }

    func replay(_ arguments: [String], _ rules: String, _ transcript: String) throws -> BinaryRunner.Result {
        try BinaryRunner.run(["replay"] + arguments + ["--rules", rules, transcript])
    }

    @Test func onlyTheFingerprintChangedThenBijwerkenRecordsItAndTheWarningStops() throws {
        let (rules, transcript) = try recorded()
        let second = transcript.replacingOccurrences(of: "les.transcript", with: "les2.transcript")
        try FileManager.default.copyItem(atPath: transcript, toPath: second)
        try edit(rules + "/10-buitengebied.yaml", "text: Borg de aanpak in het integraal veiligheidsplan.", "text: Borg de aanpak in het IVP.")

        let check = try BinaryRunner.run(["replay", "--check", "--rules", rules, transcript, second])
        #expect(check.status == 0)
        #expect(check.stdout == """
            \(transcript): in orde (7 onderdelen, opgenomen met andere regels)
            \(second): in orde (7 onderdelen, opgenomen met andere regels)
            De regels zijn veranderd, deze plannen niet: `kompas replay --rules \(rules) --bijwerken \(transcript) \(second)` legt dat vast.

            """)
        #expect(try replay([], rules, transcript).stdout.contains("Let op: de regels zijn veranderd sinds \(transcript) is opgenomen"))

        let update = try BinaryRunner.run(["replay", "--bijwerken", "--rules", rules, transcript, second])
        #expect(update.status == 0)
        #expect(update.stdout == """
            \(transcript): bijgewerkt naar de regels van nu, het plan is niet veranderd (7 onderdelen)
            \(second): bijgewerkt naar de regels van nu, het plan is niet veranderd (7 onderdelen)

            """)
        let text = try String(contentsOfFile: transcript, encoding: .utf8)
        #expect(text.contains("# Les 1: een plattelandsgemeente.\nantwoord thema buitengebied\n"))
        #expect(text.contains("stap borgen borgen-ivp\n| Borg de aanpak in het IVP.\n"))

        #expect(try replay(["--check"], rules, transcript).stdout == "\(transcript): in orde (7 onderdelen)\n")
        #expect(!(try replay([], rules, transcript).stdout.contains("Let op: de regels zijn veranderd")))
        #expect(try replay(["--bijwerken"], rules, transcript).stdout == "\(transcript): ongewijzigd (7 onderdelen)\n")
    }

    @Test func aPlanChangedOnPurposeIsCheckedWithADiffAndRecordedWithBijwerken() throws {
        let (rules, transcript) = try recorded()
        try edit(rules + "/10-buitengebied.yaml", "    sources: [kamer-van-koophandel]\n    priority: hoog\n", "    sources: [kamer-van-koophandel]\n")

        let check = try replay(["--check"], rules, transcript)
        #expect(check.status == 1)
        #expect(check.stdout == "")
        #expect(check.stderr == """
            \(transcript):23:1: fout: het plan wijkt af van het opgenomen plan (- opgenomen, + nu):
              + stap beeld-vormen gegevens-omgevingsdienst
              - stap beeld-vormen gegevens-omgevingsdienst hoog
              - bron registratie extern kamer-van-koophandel hoog
              + bron registratie extern kamer-van-koophandel
            Klopt het nieuwe plan? Dan: `kompas replay --rules \(rules) --bijwerken \(transcript)`. Klopt het niet: pas de regels aan.

            """)

        let update = try replay(["--bijwerken"], rules, transcript)
        #expect(update.status == 0)
        #expect(update.stdout == "\(transcript): plan bijgewerkt (7 onderdelen)\n")
        #expect(try String(contentsOfFile: transcript, encoding: .utf8).contains("# Les 1: een plattelandsgemeente.\n"))
        #expect(try replay(["--check"], rules, transcript).stdout == "\(transcript): in orde (7 onderdelen)\n")
    }

    @Test func aNewQuestionIsNamedAndHervatAsksJustThatOne() throws {
        let (rules, transcript) = try recorded()
        try """
            questions:
              - id: wijkagent
                text: Ken je de wijkagent van het buitengebied?
                type: yesno
                when: thema == buitengebied
            steps:
              - id: wijkagent-bellen
                text: Bel de wijkagent.
                phase: beeld-vormen
                order: 20
            rules:
              - id: bb-wijkagent
                when: wijkagent == nee
                because: je de wijkagent nog niet kent
                steps: [wijkagent-bellen]

            """.write(toFile: rules + "/20-wijkagent.yaml", atomically: true, encoding: .utf8)
        let before = try String(contentsOfFile: transcript, encoding: .utf8)
        let newQuestion = """
            \(transcript):18:1: fout: de regels stellen nu vraag wijkagent («Ken je de wijkagent van het buitengebied?»), maar het transcript beantwoordt die niet: beantwoord haar met `kompas --rules \(rules) --hervat \(transcript)`, dat alleen die vraag stelt en het transcript bijwerkt

            """

        // The plan without that answer is not compared: the one thing to do is answer it.
        let check = try replay(["--check"], rules, transcript)
        #expect(check.status == 1)
        #expect(check.stdout == "")
        #expect(check.stderr == newQuestion)

        let update = try replay(["--bijwerken"], rules, transcript)
        #expect(update.status == 1)
        #expect(update.stderr == newQuestion)
        #expect(try String(contentsOfFile: transcript, encoding: .utf8) == before)

        let resume = try BinaryRunner.run(["--rules", rules, "--hervat", transcript], input: "nee\n")
        #expect(resume.status == 0)
        #expect(resume.stdout.hasPrefix("We gaan verder waar je was.\n\nVraag 6 van ongeveer 6\nKen je de wijkagent van het buitengebied?\n"))
        #expect(resume.stdout.components(separatedBy: "kompas> ").count == 3, "één vraag, dan het plan en de invoer is op")
        let after = try String(contentsOfFile: transcript, encoding: .utf8)
        #expect(after.contains("# Les 1: een plattelandsgemeente.\nantwoord thema buitengebied\n"))
        #expect(after.contains("antwoord lto-bekend nee\n| Ken je de lokale vereniging van de agrarische sector?\n| → Nee\nantwoord wijkagent nee\n"))
        #expect(after.contains("stap beeld-vormen wijkagent-bellen\n"))
        #expect(try replay(["--check"], rules, transcript).stdout == "\(transcript): in orde (8 onderdelen)\n")
    }
}
