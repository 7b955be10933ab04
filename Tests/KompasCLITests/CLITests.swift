import Foundation
import Testing

@Suite struct CheckCommandTests {
    @Test func cleanRulesExitZero() throws {
        let result = try BinaryRunner.run(["check", "--rules", BinaryRunner.mini])
        #expect(result.status == 0)
        #expect(result.stdout == "2 thema's, 5 vragen, 3 bronnen, 2 stappen, 4 regels, 2 voorbeelden: in orde\n")
    }

    /// The small rule set has an option no rule reads: a finding, so exit 1.
    @Test func coverage() throws {
        let result = try BinaryRunner.run(["check", "--rules", BinaryRunner.mini, "--coverage"])
        #expect(result.status == 1)
        #expect(result.stdout == """
            2 thema's, 5 vragen, 3 bronnen, 2 stappen, 4 regels, 2 voorbeelden: in orde
            \(BinaryRunner.mini)/00-basis.yaml:43:9: zonder effect: optie vakantieparken van vraag locaties wordt door geen regel gelezen, dus verandert aanvinken niets: laat een regel `locaties contains vakantieparken` lezen of haal de optie weg
            dekking: bronnen 3/3, stappen 2/2, regels 4/4

            """)
    }

    /// The shipped rules have nothing unreachable, untested or without effect (`make test` runs this too).
    @Test func shippedRulesHaveFullCoverage() throws {
        let result = try BinaryRunner.run(["check", "--rules", BinaryRunner.repository + "/rules", "--coverage"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.split(separator: "\n").count == 2)
    }

    @Test func anUnreachableRuleFailsTheCoverageCheck() throws {
        let dir = try BinaryRunner.temporaryDirectory() + "/regels"
        try FileManager.default.copyItem(atPath: BinaryRunner.mini, toPath: dir)
        try "rules:\n  - id: nooit\n    when: informatiepositie == sterk and informatiepositie == zwak\n    because: test\n    note: N.\n  - id: vakantie\n    when: locaties contains vakantieparken\n    because: test\n    note: N.\n"
            .write(toFile: dir + "/z.yaml", atomically: true, encoding: .utf8)
        #expect(try BinaryRunner.run(["check", "--rules", dir]).status == 0)
        let result = try BinaryRunner.run(["check", "--rules", dir, "--coverage"])
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").dropFirst().map(String.init) == [
            "\(dir)/z.yaml:2:5: onbereikbaar: regel nooit kan nooit gelden: geen antwoorden maken `informatiepositie == sterk and informatiepositie == zwak` waar (denk aan twee antwoorden op één vraag, of een vraag die onder deze antwoorden niet gesteld wordt); pas de voorwaarde aan of haal de regel weg",
            "\(dir)/z.yaml:6:5: niet getest: regel vakantie geldt in geen enkel voorbeeld: voeg een voorbeeld toe met antwoorden waarvoor `locaties contains vakantieparken` geldt",
            "dekking: bronnen 3/3, stappen 2/2, regels 4/6",
        ])
    }

    /// The shipped rules with one key of 10-buitengebied.yaml indented a space too far: the YAML
    /// error and one remark, and nothing about 01-intake.yaml's theme option `buitengebied`.
    @Test func aBrokenThemeFileCausesNoErrorsInTheIntake() throws {
        let dir = try BinaryRunner.temporaryDirectory() + "/regels"
        try FileManager.default.copyItem(atPath: BinaryRunner.repository + "/rules", toPath: dir)
        let file = dir + "/10-buitengebied.yaml"
        var lines = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
        let name = try #require(lines.firstIndex { $0.hasPrefix("    name:") })
        lines[name] = " " + lines[name]
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["check", "--rules", dir])
        #expect(result.status == 65)
        let output = result.stdout.split(separator: "\n").map(String.init)
        try #require(output.count == 3, "\(result.stdout)")
        #expect(output[0].hasPrefix("\(file):\(name + 1):6: fout: ongeldige YAML: `name` springt 1 spatie verder in dan `id` erboven"))
        #expect(output[1].hasPrefix("\(file):\(name + 1):6: opmerking: "))
        #expect(output[1].hasSuffix("meldingen over onderdelen die in een onleesbaar bestand kunnen staan zijn weggelaten: herstel eerst de fout hierboven en controleer dan opnieuw"))
        #expect(output[2].hasSuffix(": 1 fout"))
    }

    /// A warning is printed and counted, but the rules are in order: exit 0.
    @Test func aNearDuplicateIDIsAWarningNotAnError() throws {
        let dir = try BinaryRunner.temporaryDirectory() + "/regels"
        try FileManager.default.copyItem(atPath: BinaryRunner.mini, toPath: dir)
        try "phases:\n  - id: borgen-en-evalueren\n    name: A\n  - id: borgen_en_evalueren\n    name: B\n".write(toFile: dir + "/z.yaml", atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["check", "--rules", dir])
        #expect(result.status == 0)
        #expect(result.stdout == """
            \(dir)/z.yaml:4:5: waarschuwing: fase `borgen_en_evalueren` lijkt op fase `borgen-en-evalueren` (\(dir)/z.yaml:2:5): bedoel je hetzelfde, gebruik dan één id; zo niet, kies een id dat duidelijker verschilt
            2 thema's, 5 vragen, 3 bronnen, 2 stappen, 4 regels, 2 voorbeelden: in orde (1 waarschuwing)

            """)
    }

    @Test func reportsEveryProblemWithItsPosition() throws {
        let dir = try BinaryRunner.temporaryDirectory()
        try "themes:\n  - id: a\n    name: A\n    introductoin: x\nphases:\n  - id: p\n".write(toFile: dir + "/a.yaml", atomically: true, encoding: .utf8)
        try "rules: [\n".write(toFile: dir + "/b.yaml", atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["check", "--rules", dir])
        #expect(result.status == 65)
        #expect(result.stdout == """
            \(dir)/a.yaml:2:5: fout: thema a mist het verplichte veld `introduction`: voeg `introduction: …` toe
            \(dir)/a.yaml:4:5: fout: onbekende sleutel `introductoin` in een thema: bedoel je `introduction`? (bekend: `id`, `name`, `introduction`, `based_on`)
            \(dir)/a.yaml:6:5: fout: fase p mist het verplichte veld `name`: voeg `name: …` toe
            \(dir)/b.yaml:2:1: fout: ongeldige YAML: hier verwacht YAML een waarde maar vindt er geen: ontbreekt er een sluitend haakje (`]` of `}`), of staat er een komma te veel?
            \(dir)/b.yaml:2:1: opmerking: 1 melding over onderdelen die in een onleesbaar bestand kunnen staan is weggelaten: herstel eerst de fout hierboven en controleer dan opnieuw
            1 thema, 0 vragen, 0 bronnen, 0 stappen, 0 regels, 0 voorbeelden: 4 fouten

            """)
    }

    @Test func usageErrorExits64() throws {
        #expect(try BinaryRunner.run(["check", "--onzin"]).status == 64)
        #expect(try BinaryRunner.run(["replay"]).status == 64)
    }

    @Test func missingRulesNameTheSearchedPlaces() throws {
        let dir = try BinaryRunner.temporaryDirectory()
        let result = try BinaryRunner.run(["themes"], directory: dir)
        #expect(result.status == 66)
        #expect(result.stderr.hasPrefix("kompas: fout: geen regels gevonden. Gezocht: --rules, $KOMPAS_RULES, ./rules en "))
    }

    @Test func themesOneALineIdFirst() throws {
        let result = try BinaryRunner.run(["themes"], environment: ["KOMPAS_RULES": BinaryRunner.mini])
        #expect(result.stdout == "buitengebied  Weerbaar buitengebied (ondermijningsrisico's)\ncybercrime    Gedigitaliseerde criminaliteit/cybercrime\n")
    }
}

@Suite struct PipedSessionTests {
    let answers = "buitengebied\nSúdwest-Fryslân\n9\n2\n2\n:hoe kamer\nn\n"

    @Test func readsAsTheSessionAndEndsCleanly() throws {
        let result = try BinaryRunner.run(["--rules", BinaryRunner.mini], input: answers)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(result.stdout.contains("kompas> Súdwest-Fryslân\n\nVraag 3 van ongeveer 5\n"))
        #expect(result.stdout.contains("kompas> 9\n\nEr is geen antwoord 9; kies een nummer van 1 tot en met 2.\n"))
        #expect(result.stdout.contains("kompas> :hoe kamer\n\n«Kamer van Koophandel» staat in je plan:\n"))
        #expect(result.stdout.contains("  [ ] Vraag bij de Omgevingsdienst de gegevens over leegstand op. (prioriteit)\n"))
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func endOfInputPrintsThePlanSoFar() throws {
        let result = try BinaryRunner.run(["--rules", BinaryRunner.mini], input: "1\nEde\nzwak")
        #expect(result.status == 0)
        #expect(result.stdout.contains("De invoer is op; dit is het plan tot nu toe:"))
        #expect(result.stdout.contains("Vervolgplan — Weerbaar buitengebied (ondermijningsrisico's) — Ede"))
    }

    @Test func hostileInputNeverCrashes() throws {
        // A 2 MB line, control characters, bytes that are not UTF-8, then commands without arguments.
        let junk = Data(String(repeating: "x", count: 2_000_000).utf8) + Data("\n\u{01}\u{1B}[31m\n".utf8) + Data([0xFF, 0xFE, 0xC3, 0x0A])
            + Data(":wijzig\n:hoe\n:begrip\n:terug\n:terug\n:vooruit\n".utf8)
        let result = try BinaryRunner.run(["--rules", BinaryRunner.mini], bytes: junk)
        #expect(result.status == 0)
        #expect(result.stdout.contains("Welke vraag wil je wijzigen?"))
    }

    @Test func pipedSessionWritesNoAutosave() throws {
        let state = try BinaryRunner.temporaryDirectory()
        let result = try BinaryRunner.run(["--rules", BinaryRunner.mini], input: "1\nEde\n", environment: ["XDG_STATE_HOME": state])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Vervolgplan — Weerbaar buitengebied (ondermijningsrisico's) — Ede"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: state).isEmpty)
    }
}

@Suite struct TranscriptCommandTests {
    func record(_ dir: String, _ input: String = "buitengebied\nSúdwest-Fryslân\nzwak\n:terug\n2\n2\nn\n") throws -> String {
        let path = dir + "/sessie.transcript"
        let result = try BinaryRunner.run(["--rules", BinaryRunner.mini, "--transcript", path], input: input)
        #expect(result.status == 0)
        return path
    }

    @Test func recordedSessionChecksClean() throws {
        let path = try record(try BinaryRunner.temporaryDirectory())
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("antwoord gemeente \"Súdwest-Fryslân\"\n| Voor welke gemeente maak je dit plan?\n| → Súdwest-Fryslân\n"))
        #expect(text.contains("\nterug\n"))
        let check = try BinaryRunner.run(["replay", "--check", "--rules", BinaryRunner.mini, path])
        #expect(check.status == 0)
        #expect(check.stdout == "\(path): in orde (7 onderdelen)\n")
    }

    @Test func refusesToOverwriteAnExistingTranscript() throws {
        let path = try record(try BinaryRunner.temporaryDirectory())
        let again = try BinaryRunner.run(["--rules", BinaryRunner.mini, "--transcript", path], input: "")
        #expect(again.status == 73)
        #expect(again.stderr == "kompas: fout: \(path) bestaat al: kies een andere naam, of ga verder met `kompas --hervat \(path)`\n")
    }

    @Test func editedPlanFailsTheCheckWithADiff() throws {
        let path = try record(try BinaryRunner.temporaryDirectory())
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "bron registratie extern kamer-van-koophandel hoog\n", with: "")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let check = try BinaryRunner.run(["replay", "--check", "--rules", BinaryRunner.mini, path])
        #expect(check.status == 1)
        #expect(check.stderr.contains("fout: het plan wijkt af van het opgenomen plan (- opgenomen, + nu):\n  + bron registratie extern kamer-van-koophandel hoog\n"))
    }

    @Test func updateRecordsTheCurrentPlanAndKeepsComments() throws {
        let path = try record(try BinaryRunner.temporaryDirectory())
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = "# Les 1: een plattelandsgemeente.\n" + text.replacingOccurrences(of: "bron registratie extern kamer-van-koophandel hoog\n", with: "")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let update = try BinaryRunner.run(["replay", "--bijwerken", "--rules", BinaryRunner.mini, path])
        #expect(update.status == 0)
        #expect(update.stdout == "\(path): plan bijgewerkt (7 onderdelen)\n")
        let after = try String(contentsOfFile: path, encoding: .utf8)
        #expect(after.contains("# Les 1: een plattelandsgemeente.\nantwoord thema buitengebied\n"))
        #expect(after.contains("bron registratie extern kamer-van-koophandel hoog\n"))
        #expect(try BinaryRunner.run(["replay", "--check", "--rules", BinaryRunner.mini, path]).status == 0)
    }

    @Test func corruptTranscriptExits65() throws {
        let dir = try BinaryRunner.temporaryDirectory()
        try Data([0x6B, 0xFF, 0x00]).write(to: URL(fileURLWithPath: dir + "/junk.transcript"))
        let check = try BinaryRunner.run(["replay", "--check", "--rules", BinaryRunner.mini, dir + "/junk.transcript"])
        #expect(check.status == 65)
        #expect(check.stderr == "\(dir)/junk.transcript:1:2: fout: dit is geen geldige UTF-8-tekst: is dit wel een transcript van kompas?\n")
    }

    @Test func unknownOptionIsReportedNotGuessed() throws {
        let path = try record(try BinaryRunner.temporaryDirectory())
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "antwoord informatiepositie zwak", with: "antwoord informatiepositie matig")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let show = try BinaryRunner.run(["replay", "--rules", BinaryRunner.mini, path])
        #expect(show.status == 1)
        #expect(show.stderr == """
            \(path):11:1: fout: vraag informatiepositie heeft geen optie `matig` (meer): pas het antwoord aan
            \(path):15:1: fout: vraag informatiepositie heeft geen optie `matig` (meer): pas het antwoord aan

            """)
    }

    @Test func whatIfShowsHowThePlanChanges() throws {
        let path = try record(try BinaryRunner.temporaryDirectory())
        let result = try BinaryRunner.run(["replay", "--rules", BinaryRunner.mini, "--wijzig", "informatiepositie=sterk", path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Alleen in het opgenomen plan:\n  - stap «Vraag bij de Omgevingsdienst de gegevens over leegstand op.» — Waarom:"))
        #expect(result.stdout.contains("(door: Hoe krachtig is de lokale informatiepositie = Zwak)"))
        #expect(result.stdout.contains("Notities:\n  + Gebruik wat je al weet.\n"))
    }

    @Test func planExportIsDeterministic() throws {
        let path = try record(try BinaryRunner.temporaryDirectory())
        // The plan's date defaults to the transcript's, so the same transcript gives the same
        // document on any day; it is set to another day than today, where a default of today would show.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let dateLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("datum ") })
        try text.replacingOccurrences(of: "\n\(dateLine)\n", with: "\ndatum 2001-02-03\n").write(toFile: path, atomically: true, encoding: .utf8)
        let a = try BinaryRunner.run(["plan", "--rules", BinaryRunner.mini, path])
        let b = try BinaryRunner.run(["plan", "--rules", BinaryRunner.mini, path, "--date", "2001-02-03"])
        #expect(a.status == 0)
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.contains("\nOpgesteld op 2001-02-03 · Regelset "))
        let other = try BinaryRunner.run(["plan", "--rules", BinaryRunner.mini, path, "--date", "1999-01-01"])
        #expect(other.stdout.contains("\nOpgesteld op 1999-01-01 · Regelset "))
        #expect(a.stdout.hasPrefix("# Vervolgplan: Weerbaar buitengebied \\(ondermijningsrisico's\\) — Súdwest-Fryslân\n"))
        let json = try BinaryRunner.run(["plan", "--rules", BinaryRunner.mini, path, "--format", "json"])
        #expect(json.status == 0)
        #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [String: Any])
        #expect(try BinaryRunner.run(["plan", "--rules", BinaryRunner.mini, path, "--date", "gisteren"]).status == 64)
    }
}

/// ArgumentParser's own help and usage errors come out in Dutch (`ArgumentParserDutch`).
@Suite struct ArgumentParserDutchTests {
    @Test func unknownOptionIsAUsageErrorInDutch() throws {
        let result = try BinaryRunner.run(["--onbekend"])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            kompas: fout: onbekende optie '--onbekend'
            Gebruik: kompas start [--rules <map>] [--transcript <bestand>] [--hervat <bestand>]
              Zie 'kompas start --help' voor meer informatie.

            """)
    }

    @Test func aValueOutsideTheChoicesNamesThem() throws {
        let result = try BinaryRunner.run(["plan", "x.transcript", "--format", "pdf"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("kompas: fout: de waarde 'pdf' past niet bij '--format <format>': kies uit 'markdown', 'html' of 'json'.\nHulp:  --format <format>  markdown, html of json (standaard: naar de extensie van -o, anders markdown).\n"))
    }

    @Test func missingArgument() throws {
        let result = try BinaryRunner.run(["replay"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("kompas: fout: het argument '<transcript> ...' ontbreekt\nHulp:  <transcript>  Een of meer transcripten.\n"))
    }

    @Test func helpIsDutch() throws {
        let result = try BinaryRunner.run(["themes", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            OVERZICHT: Toont de thema's, één per regel, id voorop.

            GEBRUIK: kompas themes [--rules <map>]

            OPTIES:
              --rules <map>           De map met regelbestanden.
              -h, --help              Toon deze hulp.


            """)
    }

    @Test func moreUnexpectedArgumentsAreCountedInDutch() throws {
        let result = try BinaryRunner.run(["a", "b"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("kompas: fout: 2 onverwachte argumenten: 'a', 'b'\nGebruik: kompas start "))
    }

    /// Options before the command are read as `start`'s, which then stumbles on the command's
    /// name (or on an option only the command has): the message says to put the command first.
    @Test(arguments: [
        (["--rules", "R", "check"], "onverwacht argument 'check'", "check --rules R"),
        (["--rules", "R", "replay", "--stap", "X"], "onbekende optie '--stap'", "replay --rules R --stap X"),
        (["--rules=R", "--transcript", "mijn les", "plan", "t.transcript"], "2 onverwachte argumenten: 'plan', 't.transcript'", "plan --rules=R --transcript 'mijn les' t.transcript"),
    ])
    func aCommandAfterItsOptionsIsToldToGoFirst(arguments: [String], error: String, corrected: String) throws {
        let result = try BinaryRunner.run(arguments)
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr == "kompas: fout: \(error): zet de opdracht voorop: `kompas \(corrected)`\n")
    }

    /// Every command's help and the usage errors, against the English ArgumentParser writes: a
    /// phrase a later ArgumentParser adds shows up here.
    @Test(arguments: [[], ["start"], ["check"], ["themes"], ["replay"], ["plan"]])
    func noEnglishInHelpOrUsage(command: [String]) throws {
        let english = ["OVERVIEW", "USAGE", "OPTIONS", "ARGUMENTS", "SUBCOMMANDS", "Show help", "See '", "Error:", "Usage:", "Help:", "default", "values:", "Missing", "Unknown", "Unexpected", "unexpected", "information", "<subcommand>"]
        for arguments in [command + ["--help"], command + ["--onbekend"], command + ["een", "twee", "drie"]] {
            let result = try BinaryRunner.run(arguments)
            let text = result.stdout + result.stderr
            #expect(!text.isEmpty)
            for phrase in english { #expect(!text.contains(phrase), "\(arguments): \(phrase)") }
        }
    }
}
