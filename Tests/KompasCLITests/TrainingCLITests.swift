import Foundation
import Testing

/// `kompas compare` and `replay --quiz` as a trainer meets them, on transcripts written here
/// from the mini rules, so re-recorded course transcripts do not move the expectations.
@Suite struct TrainingCLITests {
    static let transcripts = [
        "referentie": """
            # Een plattelandsgemeente met agrarische bebouwing; er is nog weinig bekend.
            antwoord thema buitengebied
            antwoord gemeente "Súdwest-Fryslân"
            # Zwak: dan eerst beeld vormen.
            antwoord informatiepositie zwak
            antwoord locaties [agrarisch]
            antwoord lto-bekend nee
            """,
        "anna": "antwoord thema buitengebied\nantwoord gemeente \"Ede\"\nantwoord informatiepositie sterk\nantwoord locaties [vakantieparken]",
        "bram-uit-de-ochtendgroep": "antwoord thema buitengebied\nantwoord gemeente \"Ede\"\nantwoord informatiepositie zwak\nantwoord locaties [agrarisch]\nantwoord lto-bekend ja",
        "cas": "antwoord thema cybercrime\nantwoord gemeente \"Venlo\"\nantwoord informatiepositie zwak",
    ]

    /// A folder with the transcripts above; returns it and their paths in the order asked.
    func write(_ names: [String]) throws -> (directory: String, paths: [String]) {
        let directory = try BinaryRunner.temporaryDirectory()
        let paths = names.map { directory + "/" + $0 + ".transcript" }
        for (name, path) in zip(names, paths) {
            let body = Self.transcripts[name]!
            let header = body.hasPrefix("#") ? body.prefix { $0 != "\n" } + "\n" : ""
            let events = body.hasPrefix("#") ? String(body.drop { $0 != "\n" }.dropFirst()) : body
            try "\(header)kompas-transcript 1\nregelset 0\ndatum 2026-11-23\n\(events)\n".write(toFile: path, atomically: true, encoding: .utf8)
        }
        return (directory, paths)
    }

    let group = ["referentie", "anna", "bram-uit-de-ochtendgroep", "cas"]

    @Test func compareShowsTheMatrixScoresAndWhatMostMissed() throws {
        let (_, paths) = try write(group)
        let result = try BinaryRunner.run(["compare", "--rules", BinaryRunner.mini] + paths)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == """
            Vergelijking met de referentie referentie (3 transcripten)

            Vraag                 referentie     anna           bram-uit-de-…  cas
            Over welk thema wil…  buitengebied   buitengebied   buitengebied   ≠ cybercrime
            Voor welke gemeente…  Súdwest-Frys…  Ede            Ede            Venlo
            Hoe krachtig is de…   zwak           ≠ sterk        zwak           zwak
            Welke kwetsbare loc…  agrarisch      ≠ vakantiepa…  agrarisch      —
            Ken je de lokale ve…  nee            ≠ —            ≠ ja           —
            ≠ anders dan de referentie; — niet gevraagd. De gemeente telt nooit als
            verschil.

            Scores
              anna: antwoorden 1 van 4 gelijk (25%); plan 2 van 5 onderdelen (40%), 0 extra
              bram-uit-de-ochtendgroep: antwoorden 3 van 4 gelijk (75%); plan 4 van 5
                onderdelen (80%), 0 extra
              cas: ander thema, vergeleken op de gedeelde vragen: antwoorden 1 van 1 gelijk
                (100%); plan 0 van 5 onderdelen (0%), 0 extra

            Wat de meeste cursisten misten
              • partner «Lokale vereniging agrarische sector»: gemist door 2 van 2
                regel bb-agrarisch: omdat er (voormalige) agrarische bebouwing is en je de
                  vereniging nog niet kent (referentie: locaties = agrarisch; lto-bekend =
                  nee)

            """)
    }

    @Test func aNarrowTerminalGetsBlocksThatFit() throws {
        let (_, paths) = try write(group)
        let result = try BinaryRunner.run(["compare", "--rules", BinaryRunner.mini] + paths, environment: ["COLUMNS": "50"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 50 })
        #expect(lines.filter { $0.hasPrefix("Vraag ") } == ["Vraag         referentie     anna", "Vraag         referentie     bram-uit-de-…", "Vraag         referentie     cas"])
    }

    @Test func badAndUnfittingTranscriptsAreNamedAndSkipped() throws {
        let (directory, paths) = try write(["referentie", "anna"])
        try "kompas-transcript 1\nregelset 0\ndatum 2026-11-23\nantwoord thema buitengebied\nantwoord informatiepositie middel\n"
            .write(toFile: directory + "/dora.transcript", atomically: true, encoding: .utf8)
        try "geen transcript\n".write(toFile: directory + "/notities.txt", atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(
            ["compare", "--rules", BinaryRunner.mini, paths[0], directory + "/dora.transcript", directory + "/ontbreekt.transcript", directory + "/notities.txt", paths[1]])
        #expect(result.status == 1)
        #expect(result.stderr == """
            \(directory)/dora.transcript:5:1: fout: vraag informatiepositie heeft geen optie `middel` (meer): pas het antwoord aan
            \(directory)/dora.transcript wordt overgeslagen.
            kompas: fout: kan \(directory)/ontbreekt.transcript niet lezen: controleer de naam en of het bestand bestaat
            \(directory)/ontbreekt.transcript wordt overgeslagen.
            \(directory)/notities.txt:1:1: fout: dit is geen transcript van kompas: de eerste regel moet `kompas-transcript 1` zijn
            \(directory)/notities.txt wordt overgeslagen.

            """)
        // The rest is still compared.
        #expect(result.stdout.hasPrefix("Vergelijking met de referentie referentie (1 transcript)\n"))
        #expect(result.stdout.contains("  anna: antwoorden 1 van 4 gelijk (25%)"))
    }

    @Test func anUnusableReferenceStopsTheComparison() throws {
        let (directory, paths) = try write(["anna"])
        let result = try BinaryRunner.run(["compare", "--rules", BinaryRunner.mini, directory + "/ontbreekt.transcript", paths[0]])
        #expect(result.status == 66)
        #expect(result.stdout == "")
        #expect(try BinaryRunner.run(["compare", "--rules", BinaryRunner.mini, paths[0]]).status == 64)
    }

    @Test func markdownForTheCourseReportParsesAndKeepsTypedTextInert() throws {
        let (directory, paths) = try write(group)
        // A municipality typed with markup: it must stay text in the report.
        try "kompas-transcript 1\nregelset 0\ndatum 2026-11-23\nantwoord thema buitengebied\nantwoord gemeente \"<b>Ede</b> | [x](y)\"\nantwoord informatiepositie zwak\n"
            .write(toFile: directory + "/eva.transcript", atomically: true, encoding: .utf8)
        let report = directory + "/verslag.md"
        let result = try BinaryRunner.run(["compare", "--rules", BinaryRunner.mini, "-o", report] + paths + [directory + "/eva.transcript"])
        #expect(result.status == 0)
        #expect(result.stdout == "")
        let markdown = try String(contentsOfFile: report, encoding: .utf8)
        #expect(markdown.hasPrefix("# Vergelijking met de referentie referentie\n\n| Vraag | referentie (referentie) | anna | bram-uit-de-ochtendgroep | cas | eva |\n|---|---|---|---|---|---|\n"))
        #expect(markdown.contains("| Hoe krachtig is de lokale informatiepositie | Zwak | ≠ Sterk | Zwak | Zwak | Zwak |\n"))
        #expect(markdown.contains("| cas | 1 van 1 (100%) | 0 van 5 (0%) | 0 | ander thema: vergeleken op de gedeelde vragen |\n"))
        #expect(markdown.contains("- partner «Lokale vereniging agrarische sector»: gemist door 3 van 3 (anna, bram-uit-de-ochtendgroep, eva)\n"))
        let html = try cmark(report)
        #expect(html.contains("<th>bram-uit-de-ochtendgroep</th>"))
        #expect(html.contains("<td>&lt;b&gt;Ede&lt;/b&gt; | [x](y)</td>"))
        #expect(!html.contains("<b>") && !html.contains("<a "))
        // Every row of the matrix has as many cells as its heading.
        let matrix = html.components(separatedBy: "</table>")[0].components(separatedBy: "<tr>").dropFirst()
        #expect(matrix.count == 6)
        #expect(matrix.allSatisfy { $0.components(separatedBy: "<td>").count + $0.components(separatedBy: "<th>").count - 2 == 6 })
    }

    func cmark(_ path: String) throws -> String {
        let result = try BinaryRunner.run(["-e", "table", path], executable: "/usr/bin/cmark-gfm")
        #expect(result.status == 0)
        return result.stdout
    }

    @Test func anExistingReportIsKeptUnlessForced() throws {
        let (directory, paths) = try write(["referentie", "anna"])
        let report = directory + "/verslag.md"
        try "eerder werk\n".write(toFile: report, atomically: true, encoding: .utf8)
        let refused = try BinaryRunner.run(["compare", "--rules", BinaryRunner.mini, "--format", "markdown", "-o", report] + paths)
        #expect(refused.status == 73)
        #expect(refused.stderr == "kompas: fout: \(report) bestaat al: kies een andere naam, of gebruik --force om het te overschrijven\n")
        #expect(try String(contentsOfFile: report, encoding: .utf8) == "eerder werk\n")
        let forced = try BinaryRunner.run(["compare", "--rules", BinaryRunner.mini, "--format", "markdown", "-o", report, "--force"] + paths)
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: report, encoding: .utf8).hasPrefix("# Vergelijking met de referentie referentie\n"))
    }

    @Test func theOutputFilesExtensionPicksTheFormat() throws {
        let (directory, paths) = try write(["referentie", "anna"])
        #expect(try BinaryRunner.run(["compare", "--rules", BinaryRunner.mini, "-o", directory + "/v.json"] + paths).status == 0)
        #expect(try String(contentsOfFile: directory + "/v.json", encoding: .utf8).hasPrefix("{\n  \"missed_by_most\""))
        #expect(try BinaryRunner.run(["compare", "--rules", BinaryRunner.mini, "--format", "tekst", "-o", directory + "/v.md"] + paths).status == 0)
        #expect(try String(contentsOfFile: directory + "/v.md", encoding: .utf8).hasPrefix("Vergelijking met de referentie referentie (1 transcript)\n"))
    }

    @Test func jsonForOtherTools() throws {
        let (_, paths) = try write(group)
        let result = try BinaryRunner.run(["compare", "--rules", BinaryRunner.mini, "--format", "json"] + paths)
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "kompas-compare")
        #expect(json["version"] as? Int == 1)
        let trainees = try #require(json["trainees"] as? [[String: Any]])
        #expect(trainees.map { $0["name"] as? String } == ["anna", "bram-uit-de-ochtendgroep", "cas"])
        #expect(trainees.map { $0["answers_same"] as? Int } == [1, 3, 1])
        #expect(trainees.map { $0["answers_compared"] as? Int } == [4, 4, 1])
        #expect(trainees.map { $0["plan_percentage"] as? Int } == [40, 80, 0])
        #expect(trainees.map { $0["same_theme"] as? Bool } == [true, true, false])
        #expect(trainees[0]["differing"] as? [String] == ["informatiepositie", "locaties", "lto-bekend"])
        let missed = try #require(json["missed_by_most"] as? [[String: Any]])
        #expect(missed.map { $0["item"] as? String } == ["bron agrarische-vereniging"])
        #expect(missed[0]["missed_by"] as? [String] == ["anna", "bram-uit-de-ochtendgroep"])
    }

    @Test func theShippedTranscriptsCompareWithinTheWidth() throws {
        let shipped = try FileManager.default.contentsOfDirectory(atPath: BinaryRunner.repository + "/transcripts")
            .filter { $0.hasSuffix(".transcript") }.sorted().map { BinaryRunner.repository + "/transcripts/" + $0 }
        let result = try BinaryRunner.run(["compare", "--rules", BinaryRunner.repository + "/rules"] + shipped)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let title = result.stdout.prefix { $0 != "\n" } + " " + result.stdout.split(separator: "\n")[1]
        #expect(title == "Vergelijking met de referentie \(GroupName.of(shipped[0])) (\(shipped.count - 1) transcripten)")
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(result.stdout.contains("\nScores\n"))
    }
}

/// `replay --quiz`, piped and in a pseudo-terminal, run in the reference's folder so the
/// messages name it as a trainer types it.
@Suite(.serialized) struct QuizCLITests {
    let enter = "\r", ctrlD = "\u{04}"

    func folder() throws -> String { try TrainingCLITests().write(["referentie"]).directory }

    @Test func pipedQuizTeachesAndScores() throws {
        let directory = try folder()
        let result = try BinaryRunner.run(
            ["replay", "--rules", BinaryRunner.mini, "--quiz", "referentie.transcript", "--transcript", "mijn.transcript"],
            input: "1\nEde\nsterk\n:terug\nzwak\nvakantieparken\n", directory: directory)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == """
            Quiz: referentie.transcript. Beantwoord elke vraag zelf; na elk antwoord hoor je
            wat de collega antwoordde. :help geeft hulp, :terug maakt je laatste antwoord
            ongedaan, :stop stopt de quiz.

            De casus:
              Een plattelandsgemeente met agrarische bebouwing; er is nog weinig bekend.

            Vraag 1 van ongeveer 4
            Over welk thema wil je grip krijgen?
              1. Weerbaar buitengebied
              2. Cybercrime
            (nummer, id of beginletters)
            jouw antwoord> 1

            Hetzelfde als de collega.

            Vraag 2 van ongeveer 5
            Voor welke gemeente maak je dit plan?
            (typ je antwoord)
            jouw antwoord> Ede

            Vraag 3 van ongeveer 5
            Hoe krachtig is de lokale informatiepositie?
              1. Sterk
              2. Zwak
            (nummer, id of beginletters)
            jouw antwoord> sterk

            Anders dan de collega, die antwoordde: Zwak.
              ✎ Zwak: dan eerst beeld vormen.

            Vraag 4 van ongeveer 5
            Welke kwetsbare locaties liggen in je buitengebied?
              1. Vakantieparken
              2. (Voormalige) agrarische bebouwing
            (meer antwoorden mogelijk, zoals 1,3; «geen» als niets past)
            jouw antwoord> :terug

            Teruggedraaid: je antwoord op «Hoe krachtig is de lokale informatiepositie?».

            Vraag 3 van ongeveer 5
            Hoe krachtig is de lokale informatiepositie?
              1. Sterk
              2. Zwak
            (nummer, id of beginletters)
            jouw antwoord> zwak

            Hetzelfde als de collega.

            Vraag 4 van ongeveer 5
            Welke kwetsbare locaties liggen in je buitengebied?
              1. Vakantieparken
              2. (Voormalige) agrarische bebouwing
            (meer antwoorden mogelijk, zoals 1,3; «geen» als niets past)
            jouw antwoord> vakantieparken

            Anders dan de collega, die antwoordde: (Voormalige) agrarische bebouwing.

            Je score tegen de collega:
              Antwoorden: 2 van 4 hetzelfde (50%)
              Plan: 4 van de 5 onderdelen van de collega (80%), 0 extra

            Alleen in het plan van de collega:
              Waarom: omdat er (voormalige) agrarische bebouwing is en je de vereniging nog
              niet kent
                • partner «Lokale vereniging agrarische sector»

            Je antwoorden staan in mijn.transcript; `kompas compare referentie.transcript
            mijn.transcript` zet ze naast die van de collega.

            """)
        // The saved answers are a transcript ready for compare, which scores them as the quiz did.
        let saved = try String(contentsOfFile: directory + "/mijn.transcript", encoding: .utf8)
        #expect(saved.split(separator: "\n").filter { $0.hasPrefix("antwoord") || $0 == "terug" } == [
            "antwoord thema buitengebied", "antwoord gemeente \"Ede\"", "antwoord informatiepositie sterk", "terug",
            "antwoord informatiepositie zwak", "antwoord locaties [vakantieparken]",
        ])
        let compared = try BinaryRunner.run(["compare", "--rules", BinaryRunner.mini, "referentie.transcript", "mijn.transcript"], directory: directory)
        #expect(compared.status == 0)
        #expect(compared.stdout.contains("  mijn: antwoorden 2 van 4 gelijk (50%); plan 4 van 5 onderdelen (80%), 0 extra\n"))
    }

    @Test func anExistingAnswerFileIsNeverOverwritten() throws {
        let directory = try folder()
        try "van een ander\n".write(toFile: directory + "/mijn.transcript", atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(
            ["replay", "--rules", BinaryRunner.mini, "--quiz", "referentie.transcript", "--transcript", "mijn.transcript"], input: "1\n", directory: directory)
        #expect(result.status == 73)
        #expect(result.stderr == "kompas: fout: mijn.transcript bestaat al: kies een andere naam voor je antwoorden\n")
        #expect(try String(contentsOfFile: directory + "/mijn.transcript", encoding: .utf8) == "van een ander\n")
        let twoFiles = try BinaryRunner.run(["replay", "--quiz", "a.transcript", "b.transcript", "--transcript", "x.transcript"], directory: directory)
        #expect(twoFiles.status == 64)
        #expect(try BinaryRunner.run(["replay", "referentie.transcript", "--transcript", "x.transcript"], directory: directory).status == 64)
    }

    /// The quiz on `arguments` in a pseudo-terminal, with its own state directory.
    func quiz(_ arguments: [String]) throws -> PseudoTerminal {
        let state = try BinaryRunner.temporaryDirectory()
        return try PseudoTerminal.spawn(
            BinaryRunner.binary, arguments: ["replay", "--quiz"] + arguments,
            environment: ["KOMPAS_RULES": BinaryRunner.mini, "XDG_STATE_HOME": state, "KOMPAS_HISTORY": state + "/history"])
    }

    @Test func inATerminalHelpUndoAndStopWorkAsInASession() throws {
        let directory = try folder()
        let terminal = try quiz([directory + "/referentie.transcript", "--transcript", directory + "/mijn.transcript"])
        try terminal.waitFor("De casus:")
        try terminal.waitFor("Een plattelandsgemeente met agrarische bebouwing")
        try terminal.waitFor("jouw antwoord> ")
        try terminal.type("2" + enter, thenWaitFor:
            "Anders dan de collega, die antwoordde: Weerbaar buitengebied.",
            "Voor welke gemeente",
            "jouw antwoord> ")
        try terminal.type(":help" + enter, thenWaitFor: ":terug, :vooruit", "jouw antwoord> ")
        try terminal.type(":terug" + enter, thenWaitFor: "Teruggedraaid: je antwoord op «Over welk thema wil je grip krijgen?».", "jouw antwoord> ")
        try terminal.type("buit" + enter, thenWaitFor: "Hetzelfde als de collega.", "jouw antwoord> ")
        try terminal.type("Ede" + enter, thenWaitFor: "Hoe krachtig", "jouw antwoord> ")
        try terminal.type(":stop" + enter, thenWaitFor: "De quiz is gestopt voor alle vragen beantwoord waren", "Antwoorden: 1 van 4 hetzelfde (25%)")
        #expect(try terminal.waitForExit() == .exited(0))
        #expect(!terminal.strippedText.contains("fout"))
        let saved = try String(contentsOfFile: directory + "/mijn.transcript", encoding: .utf8)
        #expect(saved.contains("antwoord thema cybercrime\n") && saved.contains("terug\n") && saved.contains("antwoord thema buitengebied\n"))
    }

    @Test func ctrlDEndsTheQuizWithTheScoreSoFar() throws {
        let terminal = try quiz([try folder() + "/referentie.transcript"])
        try terminal.waitFor("jouw antwoord> ")
        try terminal.type("1" + enter, thenWaitFor: "jouw antwoord> ")
        try terminal.type(ctrlD, thenWaitFor: "Antwoorden: 1 van 4 hetzelfde (25%)")
        #expect(try terminal.waitForExit() == .exited(0))
    }
}

enum GroupName {
    static func of(_ path: String) -> String { String(path.split(separator: "/").last!.dropLast(".transcript".count)) }
}
