import Foundation
import Testing
@testable import KompasCore

@Suite struct TranscriptTests {
    let rules: RuleSet
    init() throws { rules = try Fixture.mini() }

    func read(_ text: String) throws(Diagnostic) -> Transcript {
        try TranscriptReader.read(Array(text.utf8), path: "t.transcript")
    }

    func failure(_ bytes: [UInt8]) -> String? {
        do {
            _ = try TranscriptReader.read(bytes, path: "t.transcript")
            return nil
        } catch {
            return error.description
        }
    }

    var sample: Transcript {
        let session = Session(events: [
            .answered(question: "thema", value: .option("buitengebied")),
            .answered(question: "gemeente", value: .text("Súdwest-Fryslân \"Noord\"\n")),
            .answered(question: "informatiepositie", value: .option("sterk")),
            .undone,
            .redone,
            .changed(question: "informatiepositie", value: .option("zwak")),
            .answered(question: "locaties", value: .options(["vakantieparken", "agrarisch"])),
        ])
        let plan = PlanSummary.lines(Engine(rules: rules).evaluate(session).plan).map { Transcript.PlanLine(text: $0) }
        return Transcript(
            fingerprint: rules.fingerprint, date: "2026-11-23",
            events: session.events.enumerated().map { Transcript.Entry(event: $1, comments: $0 == 0 ? ["Een plattelandsgemeente."] : []) },
            trailingComments: ["Tot slot."], recordedPlan: plan, planComments: ["Het plan."])
    }

    @Test func writesTheDocumentedFormat() {
        #expect(TranscriptWriter.write(sample, rules: rules) == """
            kompas-transcript 1
            regelset \(rules.fingerprint)
            datum 2026-11-23

            # Een plattelandsgemeente.
            antwoord thema buitengebied
            | Over welk thema wil je grip krijgen?
            | → Weerbaar buitengebied
            antwoord gemeente "Súdwest-Fryslân \\"Noord\\"\\n"
            | Voor welke gemeente maak je dit plan?
            | → Súdwest-Fryslân "Noord"
            antwoord informatiepositie sterk
            | Hoe krachtig is de lokale informatiepositie?
            | → Sterk
            terug
            vooruit
            wijziging informatiepositie zwak
            | Hoe krachtig is de lokale informatiepositie?
            | → Zwak
            antwoord locaties [vakantieparken agrarisch]
            | Welke kwetsbare locaties liggen in je buitengebied?
            | → Vakantieparken; (Voormalige) agrarische bebouwing
            # Tot slot.

            plan
            # Het plan.
            thema buitengebied
            | Weerbaar buitengebied (ondermijningsrisico's)
            stap beeld-vormen gegevens-omgevingsdienst hoog
            | Vraag bij de Omgevingsdienst de gegevens over leegstand op.
            stap borgen borgen-ivp
            | Borg de aanpak in het integraal veiligheidsplan.
            bron partner extern omgevingsdienst
            | Omgevingsdienst
            bron partner extern agrarische-vereniging
            | Lokale vereniging agrarische sector
            bron registratie extern kamer-van-koophandel hoog
            | Kamer van Koophandel
            bron registratie extern omgevingsdienst
            | Omgevingsdienst
            einde

            """)
    }

    @Test func roundTripKeepsEventsAndComments() throws {
        let text = TranscriptWriter.write(sample, rules: rules)
        let again = try read(text)
        #expect(again.events.map(\.event) == sample.events.map(\.event))
        #expect(again.events[0].comments == ["Een plattelandsgemeente."])
        #expect(again.events.map(\.line) == [6, 9, 12, 15, 16, 17, 20])
        #expect(again.trailingComments == ["Tot slot."])
        #expect(again.planComments == ["Het plan."])
        #expect(again.recordedPlan?.map(\.text) == sample.recordedPlan?.map(\.text))
        #expect(TranscriptWriter.write(again, rules: rules) == text)
    }

    /// A transcript saved on Windows (CRLF) or with a byte-order mark reads like the original.
    @Test func windowsLineEndingsAndBOMReadTheSame() throws {
        let text = TranscriptWriter.write(sample, rules: rules)
        let windows = try TranscriptReader.read([0xEF, 0xBB, 0xBF] + Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8), path: "t.transcript")
        let original = try read(text)
        #expect(windows.events == original.events)
        #expect(windows.recordedPlan == original.recordedPlan)
        #expect(windows.planComments == ["Het plan."])
    }

    @Test func corruptInputHasAPositionedMessage() {
        #expect(failure([]) == "t.transcript:1:1: fout: het bestand is leeg: een transcript begint met `kompas-transcript 1`")
        #expect(failure(Array("kompas-transcript 2\n".utf8)) == "t.transcript:1:1: fout: dit transcript heeft formaatversie 2, nieuwer dan deze kompas kent (1): werk kompas bij")
        #expect(failure([0x00, 0xFF, 0xFE]) == "t.transcript:1:2: fout: dit is geen geldige UTF-8-tekst: is dit wel een transcript van kompas?")
        // Every line is checked, also one far below the header; a character cut off at a line's end too.
        #expect(failure(Array("kompas-transcript 1\nregelset ab\n# é".utf8) + [0xC3, 0x0A]) == "t.transcript:3:4: fout: dit is geen geldige UTF-8-tekst: is dit wel een transcript van kompas?")
        #expect(failure(Array("hallo\n".utf8)) == "t.transcript:1:1: fout: dit is geen transcript van kompas: de eerste regel moet `kompas-transcript 1` zijn")
        #expect(failure(Array("kompas-transcript 1\nregelset ab\n".utf8)) == "t.transcript:3:1: fout: verwacht de regel `datum …` in de kop van het transcript, maar het bestand houdt op (afgebroken?)")
        let head = "kompas-transcript 1\nregelset ab\ndatum 2026-11-23\n"
        #expect(failure(Array((head + "antwoord thema\n").utf8)) == "t.transcript:4:1: fout: verwacht `antwoord VRAAG WAARDE`, zoals `antwoord thema buitengebied`")
        #expect(failure(Array((head + "antwoord gemeente \"Ede\n").utf8)) == "t.transcript:4:19: fout: de tekst tussen aanhalingstekens is niet goed afgesloten of bevat een ongeldige `\\`-code")
        #expect(failure(Array((head + "antwoord gemeente Den Haag\n").utf8)) == "t.transcript:4:19: fout: `Den Haag` is geen optie-id: tekst hoort tussen aanhalingstekens")
        #expect(failure(Array((head + "plan\nthema x\n").utf8)) == "t.transcript:5:1: fout: het plan eindigt niet met `einde`: het transcript is afgebroken; sla het opnieuw op")
        #expect(failure(Array((head + "zomaar iets\n").utf8)) == "t.transcript:4:1: fout: onbekende regel `zomaar iets`: een transcript kent `antwoord`, `wijziging`, `terug`, `vooruit`, `plan`, `#` (commentaar) en `|` (toelichting)")
        let huge = head + "# " + String(repeating: "x", count: 70_000) + "\n"
        #expect(failure(Array(huge.utf8)) == "t.transcript:4:1: fout: deze regel is langer dan 64 kB: een transcript heeft korte regels; is het bestand beschadigd?")
    }

    @Test func validationAgainstTheRules() throws {
        let transcript = try read("kompas-transcript 1\nregelset x\ndatum 2026-11-23\nantwoord thema ruimtevaart\nantwoord onbekend ja\nantwoord locaties vakantieparken\n")
        #expect(TranscriptValidator.problems(transcript, rules: rules, path: "t.transcript").map(\.description) == [
            "t.transcript:4:1: fout: vraag thema heeft geen optie `ruimtevaart` (meer): pas het antwoord aan",
            "t.transcript:5:1: fout: vraag `onbekend` bestaat niet (meer) in de regels: haal deze regel weg of pas het vraag-id aan",
            "t.transcript:6:1: fout: het antwoord past niet bij vraag locaties (een meerkeuzevraag): pas het antwoord aan",
        ])
    }

    func refusal(_ events: String, unfinished: Bool = false) throws -> TranscriptRefusal? {
        let transcript = try read("kompas-transcript 1\nregelset x\ndatum 2026-11-23\n" + events)
        do {
            try TranscriptValidator.check(transcript, engine: Engine(rules: rules), path: "t.transcript", unfinished: unfinished)
            return nil
        } catch {
            return error
        }
    }

    @Test func contradictionsAreBadData() throws {
        let twice = try #require(try refusal("antwoord thema buitengebied\nantwoord gemeente \"Ede\"\nantwoord thema cybercrime\nantwoord gemeente \"Epe\"\n"))
        #expect(twice.reason == .contradictory)
        #expect(twice.description == """
            t.transcript:6:1: fout: vraag thema is hierboven al beantwoord: een tweede antwoord is een `wijziging thema …`; maak er dat van of haal een van beide regels weg
            t.transcript:7:1: fout: vraag gemeente is hierboven al beantwoord: een tweede antwoord is een `wijziging gemeente …`; maak er dat van of haal een van beide regels weg
            """)
        let change = try #require(try refusal("antwoord thema buitengebied\nwijziging gemeente \"Ede\"\n", unfinished: true))
        #expect(change.reason == .contradictory)
        #expect(change.description == "t.transcript:5:1: fout: `wijziging gemeente` wijzigt een vraag die hierboven geen antwoord heeft: maak er `antwoord gemeente …` van")
        // After `terug` the question is open again: answering it is no contradiction.
        #expect(try refusal("antwoord thema buitengebied\nterug\nantwoord thema cybercrime\n", unfinished: true) == nil)
    }

    @Test func answersThatNoLongerFitFailTheCheck() throws {
        let skipped = try #require(try refusal("antwoord thema cybercrime\nantwoord locaties [agrarisch]\n", unfinished: true))
        #expect(skipped.reason == .doesNotFit)
        #expect(skipped.description == "t.transcript:5:1: fout: vraag locaties wordt met de huidige regels niet meer gesteld; het antwoord telt niet mee: haal de regel weg of controleer de voorwaarden")
        let missing = try #require(try refusal("antwoord thema cybercrime\n"))
        #expect(missing.reason == .doesNotFit)
        #expect(missing.description == "t.transcript:4:1: fout: het gesprek is niet afgemaakt: vraag gemeente («Voor welke gemeente maak je dit plan?») is nog niet beantwoord; ga verder met `kompas --hervat t.transcript`")
        // Other rules, and the open question comes before an answered one: the rules added it.
        let added = try #require(try refusal("antwoord thema buitengebied\nantwoord informatiepositie zwak\n"))
        #expect(added.description == "t.transcript:5:1: fout: de regels stellen nu vraag gemeente («Voor welke gemeente maak je dit plan?»), maar het transcript beantwoordt die niet: beantwoord haar met `kompas --hervat t.transcript`, dat alleen die vraag stelt en het transcript bijwerkt")
        // Resuming takes an unfinished transcript; a question the rules now ask earlier is asked then.
        #expect(try refusal("antwoord thema cybercrime\n", unfinished: true) == nil)
        #expect(try refusal("antwoord thema buitengebied\nantwoord informatiepositie zwak\n", unfinished: true) == nil)
        // An answer set aside by a later change was asked when it was given: it still fits.
        let setAside = "antwoord thema buitengebied\nantwoord gemeente \"Ede\"\nantwoord informatiepositie zwak\nantwoord locaties [agrarisch]\nwijziging thema cybercrime\n"
        #expect(try refusal(setAside, unfinished: true) == nil)
        let unknown = try #require(try refusal("antwoord thema ruimtevaart\n"))
        #expect(unknown.reason == .doesNotFit)
        #expect(unknown.description == "t.transcript:4:1: fout: vraag thema heeft geen optie `ruimtevaart` (meer): pas het antwoord aan")
    }

    @Test func datumMustBeARealDate() {
        let head = "kompas-transcript 1\nregelset ab\n"
        #expect(failure(Array((head + "datum gisteren\n").utf8)) == "t.transcript:3:7: fout: `gisteren` is geen datum: schrijf de datum als JJJJ-MM-DD, zoals 2026-11-23")
        #expect(failure(Array((head + "datum 2026-02-29\n").utf8)) == "t.transcript:3:7: fout: `2026-02-29` is geen datum: schrijf de datum als JJJJ-MM-DD, zoals 2026-11-23")
        #expect(failure(Array((head + "datum 2028-02-29\n").utf8)) == nil)
    }

    @Test func planDiffShowsChanges() {
        #expect(PlanDiff.diff(["a", "b", "c"], ["a", "c", "d"]) == [.same("a"), .removed("b"), .same("c"), .added("d")])
    }
}
