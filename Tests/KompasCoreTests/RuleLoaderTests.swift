import Foundation
import Testing
@testable import KompasCore

@Suite struct RuleLoaderTests {
    @Test func miniRuleSetLoads() throws {
        let rules = try Fixture.mini()
        #expect(rules.themes.map(\.id) == ["buitengebied", "cybercrime"])
        #expect(rules.questions.map(\.id) == ["thema", "gemeente", "informatiepositie", "locaties", "lto-bekend"])
        #expect(rules.sources.count == 3)
        #expect(rules.steps.count == 2)
        #expect(rules.rules.count == 4)
        #expect(rules.source("kamer-van-koophandel")?.entries.first?.kind == .registry)
        #expect(rules.question("lto-bekend")?.options.map(\.id) == ["ja", "nee"])
    }

    /// The files are joined in file order, also where an id is declared twice (its first place counts).
    @Test func joiningKeepsFileOrderAndFirstDeclarations() throws {
        let parts = try RuleLoader.ruleFiles(in: Fixture.repository + "/rules").map { path in
            RuleLoader.read(path, FileManager.default.contents(atPath: path)).rules
        }
        let twice = RuleSet(joining: parts + [parts[3]])
        #expect(twice.rules.count == parts.reduce(0) { $0 + $1.rules.count } + parts[3].rules.count)
        #expect(twice.ruleIndex[parts[3].rules[0].id] == parts.prefix(3).reduce(0) { $0 + $1.rules.count })
    }

    /// Texts and answers lose white space at both ends, also Unicode's, and keep it inside.
    @Test func trimmingWhitespace() {
        let cases = [
            "tekst": "tekst", " tekst": "tekst", "tekst\t": "tekst", "\u{A0}één twee\u{2003}": "één twee", "é": "é",
            "a": "a", "": "", " \n ": "", "twee  woorden": "twee  woorden",
        ]
        for (text, trimmed) in cases { #expect(text.trimmingWhitespace == trimmed, "\(text.debugDescription)") }
    }

    @Test func yamlSyntaxError() {
        #expect(Fixture.problems(["a.yaml": "themes:\n  - id: x\n   name: y\n"]) == [
            "a.yaml:3:4: fout: ongeldige YAML: `name` springt 1 spatie minder in dan `id` erboven: zet het recht onder `id`, want de sleutels van één blok beginnen in dezelfde kolom"
        ])
    }

    @Test func unknownKeyWithSuggestion() {
        let text = """
            questions:
              - id: extra
                text: Nog iets?
                type: choice
                optoins:
                  - id: a
                    label: A
            """
        #expect(Fixture.problems(adding: text) == [
            "z.yaml:2:5: fout: vraag extra heeft minstens twee `options` nodig, elk met `id` en `label`",
            "z.yaml:5:5: fout: onbekende sleutel `optoins` in een vraag: bedoel je `options`? (bekend: `id`, `text`, `help`, `type`, `options`, `when`, `role`)",
        ])
    }

    /// A message about a key's value points at the key: `options` on a yes/no question.
    @Test func optionsOnAYesNoQuestionPointAtTheKey() {
        let text = """
            questions:
              - id: extra
                text: Nog iets?
                type: yesno
                options:
                  - id: a
                    label: A
            """
        #expect(Fixture.problems(adding: text) == [
            "z.yaml:5:5: fout: vraag extra is een ja/nee-vraag: haal `options` weg (de antwoorden heten `ja` en `nee`)"
        ])
    }

    /// A source and its entries share key names, but not every key: one that belongs to the
    /// other level is unknown where it stands.
    @Test func aKeyOfTheOtherLevelOfASource() {
        let text = """
            sources:
              - id: extra
                name: Extra
                theme: buitengebied
                entries:
                  - theme: buitengebied
                    name: Extra
                    kind: publicatie
                    insight: Iets.
                    questions: [A1]
            """
        #expect(Fixture.problems(adding: text) == [
            "z.yaml:4:5: fout: onbekende sleutel `theme` in een bron: gebruik een van `id`, `name`, `entries`, `kind`, `scope`, `url`, `insight`, `questions`, `origin`",
            "z.yaml:7:9: fout: onbekende sleutel `name` in een entry van bron extra: gebruik een van `theme`, `title`, `kind`, `scope`, `url`, `insight`, `questions`, `origin`",
        ])
    }

    @Test func missingRequiredField() {
        #expect(Fixture.problems(adding: "phases:\n  - id: extra\n") == [
            "z.yaml:2:5: fout: fase extra mist het verplichte veld `name`: voeg `name: …` toe"
        ])
    }

    @Test func wrongType() {
        #expect(Fixture.problems(adding: "steps:\n  - id: s\n    text: T\n    phase: borgen\n    order: eerst\n") == [
            "z.yaml:5:12: fout: de `order` van stap s moet een geheel getal zijn, niet `eerst`"
        ])
        #expect(Fixture.problems(adding: "themes: geen lijst\n") == [
            "z.yaml:1:9: fout: `themes` moet een lijst zijn (regels die met `- ` beginnen of `[a, b]`), niet de tekst `geen lijst`"
        ])
    }

    @Test func duplicateID() {
        #expect(Fixture.problems(adding: "phases:\n  - id: borgen\n    name: Nog eens\n") == [
            "z.yaml:2:5: fout: fase `borgen` bestaat al (\(Fixture.directory)/mini/00-basis.yaml:5:5): geef dit onderdeel een eigen id"
        ].map { $0.replacingOccurrences(of: "\(Fixture.directory)/mini/", with: "") })
    }

    /// Ids are checked byte by byte: an accent and a space are refused where the id is, digits,
    /// `-` and `_` are not.
    @Test func idsOfOtherCharactersAreRefused() {
        #expect(Fixture.problems(adding: "phases:\n  - id: café\n    name: A\n  - id: twee woorden\n    name: B\n  - id: fase_3-b\n    name: C\n") == [
            "z.yaml:2:9: fout: het id `café` mag alleen letters a–z, cijfers, `-` en `_` bevatten: kies een id zonder spaties of accenten",
            "z.yaml:4:9: fout: het id `twee woorden` mag alleen letters a–z, cijfers, `-` en `_` bevatten: kies een id zonder spaties of accenten",
        ])
    }

    @Test func unknownReferences() {
        let text = """
            rules:
              - id: r
                when: thema == buitengebied
                because: test
                sources: [omgevingsdienst, kvk]
                steps: [omgevingsdienst]
            """
        #expect(Fixture.problems(adding: text) == [
            "z.yaml:5:32: fout: regel r: onbekende bron `kvk`: controleer het id",
            "z.yaml:6:13: fout: regel r: `omgevingsdienst` is een bron: zet het onder `sources`",
        ])
    }

    @Test func conditionErrors() {
        let text = """
            rules:
              - id: r1
                when: thema == buitengebied and
                because: test
                note: n
              - id: r2
                when: "locaties == agrarisch or thema == buitengbied"
                because: test
                note: n
              - id: r3
                when: informatiepositie contains sterk and themaa == x
                because: test
                note: n
              - id: r4
                when: answered(gemeentee) or answered(gemeente) or gemeente == ede
                because: test
                note: n
            """
        #expect(Fixture.problems(adding: text) == [
            "z.yaml:3:36: fout: de `when` van regel r1 is geen geldige voorwaarde: verwacht een vraag-id, `not`, `answered(…)` of `(`, maar vond het einde van de voorwaarde",
            "z.yaml:7:12: fout: in regel r2: `==` past niet bij meerkeuzevraag locaties: gebruik `locaties contains …`",
            "z.yaml:7:46: fout: in regel r2: vraag thema heeft geen optie `buitengbied`: bedoel je `buitengebied`? kies uit `buitengebied`, `cybercrime`",
            // Within a condition, in the order they are written.
            "z.yaml:11:11: fout: in regel r3: `contains` past alleen bij meerkeuzevragen; vraag informatiepositie heeft één antwoord: gebruik `==` of `in [...]`",
            "z.yaml:11:48: fout: in regel r3: onbekende vraag `themaa`: bedoel je `thema`?",
            "z.yaml:15:20: fout: in regel r4: onbekende vraag `gemeentee`: bedoel je `gemeente`?",
            "z.yaml:15:56: fout: in regel r4: vraag gemeente is een tekstvraag: gebruik `answered(gemeente)`",
        ])
    }

    @Test func questionCycle() {
        let text = """
            questions:
              - id: p
                text: P?
                type: yesno
                when: q == ja
              - id: q
                text: Q?
                type: yesno
                when: p == ja
            """
        #expect(Fixture.problems(adding: text) == [
            "z.yaml:9:11: fout: de voorwaarden van deze vragen wachten op elkaar in een kring (p → q → p): geen ervan kan gesteld worden; haal één verwijzing weg"
        ])
    }

    @Test func failingExample() {
        let text = """
            examples:
              - name: Sterk
                answers:
                  thema: buitengebied
                  gemeente: Ede
                  informatiepositie: sterk
                  locaties: [vakantieparken]
                expect:
                  include: [kamer-van-koophandel]
            """
        #expect(Fixture.problems(adding: text) == [
            "z.yaml:9:17: fout: voorbeeld \"Sterk\": `kamer-van-koophandel` hoort in het plan maar staat er niet in: controleer de regels die het noemen (uitgesloten door regel bb-sterk)"
        ])
    }

    @Test func invalidUTF8AndBOM() {
        var bytes = Data([0xEF, 0xBB, 0xBF]) + Data("phases:\n  - id: x\n    name: ".utf8)
        #expect(Fixture.problems(["a.yaml": String(decoding: bytes + Data("Fase".utf8), as: UTF8.self)]) == [])
        bytes += Data([0x66, 0xFF, 0x0A])
        do {
            _ = try RuleLoader.load(files: [("a.yaml", bytes)])
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "a.yaml:3:12: fout: het bestand is geen geldige UTF-8: sla het op als UTF-8 (in de meeste editors: Opslaan als… → Codering UTF-8)"
            ])
        }
    }

    @Test func deepNestingIsRefusedWhereItBegins() {
        let text = "themes: " + String(repeating: "[", count: 100_000)
        #expect(Fixture.problems(["a.yaml": text]) == [
            "a.yaml:1:73: fout: de YAML is hier dieper genest dan 64 niveaus: regelbestanden zijn vlak, controleer de inspringing en haakjes"
        ])
    }

    @Test func missingDirectory() {
        #expect(throws: DiagnosticList.self) { try RuleLoader.load(directory: "/nonexistent/kompas") }
    }

    @Test func fingerprintIgnoresComments() throws {
        let a = try RuleLoader.load(files: [("a.yaml", Data("phases:\n  - id: x\n    name: X\n".utf8))])
        let b = try RuleLoader.load(files: [("a.yaml", Data("# uitleg\nphases:\n  - {id: x, name: X}\n".utf8))])
        let c = try RuleLoader.load(files: [("a.yaml", Data("phases:\n  - id: x\n    name: Y\n".utf8))])
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.fingerprint != c.fingerprint)
    }

    /// Transcripts store the fingerprint: a change in how it is computed makes every one look outdated.
    @Test func fingerprintValueIsStable() throws {
        let rules = try RuleLoader.load(files: [("a.yaml", Data("phases:\n  - id: x\n    name: X\n".utf8))])
        #expect(rules.fingerprint == "9ad1285b07cd9cf8")
    }

    @Test func duplicateKeyIsReportedAtTheSecondOne() {
        #expect(Fixture.problems(["a.yaml": "phases:\n  - id: x\n    name: X\n    name: Y\n"]) == [
            "a.yaml:4:5: fout: `name` staat twee keer in een fase: haal er één weg"
        ])
    }

    @Test func aliasesAreRefused() {
        #expect(Fixture.problems(["a.yaml": "phases:\n  - &p {id: x, name: X}\n  - *p\n"]) == [
            "a.yaml:3:5: fout: een alias (`*naam`) kan niet in een regelbestand: schrijf de waarde voluit"
        ])
    }

    /// libyaml says what is wrong in English; the message says it in Dutch, with what to do.
    @Test(arguments: [
        ("phases:\n  - id: p\n    name: Let op: dit\n", "a.yaml:3:17: fout: ongeldige YAML: hier staat een dubbele punt die YAML niet verwacht: staat er `: ` in een tekst zonder aanhalingstekens, zet de tekst dan tussen aanhalingstekens (\"…\"); anders klopt de inspringing niet"),
        ("phases:\n  - id: p\n    name: \"Beeld\n", "a.yaml:4:1: fout: ongeldige YAML: het bestand houdt op midden in een waarde: ontbreekt er een sluitend aanhalingsteken of haakje?"),
        ("phases: [a b\n", "a.yaml:2:1: fout: ongeldige YAML: een lijst tussen `[` en `]` loopt hier niet goed door: ontbreekt er een komma tussen twee onderdelen, of de `]` aan het eind?"),
        ("phases:\n  - id: p\n    name: \"a\\q\"\n", "a.yaml:3:13: fout: ongeldige YAML: tussen dubbele aanhalingstekens staat hier een `\\` die YAML niet kent: schrijf `\\\\` voor een backslash, of zet de tekst tussen enkele aanhalingstekens ('…')"),
        ("phases:\n  - id: p\n\t  name: P\n", "a.yaml:3:1: fout: ongeldige YAML: hier staat een tab: YAML springt alleen in met spaties, vervang de tab door spaties (in de meeste editors: tabs omzetten naar spaties)"),
    ])
    func yamlProblemsInDutch(text: String, message: String) {
        #expect(Fixture.problems(["a.yaml": text]) == [message])
    }

    @Test func anUnlistedYAMLProblemGetsTheGeneralAdvice() {
        #expect(YAMLProblem.message("found duplicate %YAML directive") == YAMLProblem.general)
        #expect(YAMLProblem.general == "de YAML klopt hier niet: controleer de inspringing (spaties, geen tabs), dubbele punten en aanhalingstekens")
    }

    @Test func aSecondDocumentIsRefused() {
        #expect(Fixture.problems(["a.yaml": "phases: []\n---\nthemes: []\n"]) == [
            "a.yaml:2:1: fout: hier begint een tweede YAML-document (`---`): een regelbestand is één document, haal de `---` weg of zet de rest in een eigen bestand"
        ])
    }

    @Test func controlCharacterIsReportedWhereItIs() {
        #expect(Fixture.problems(["a.yaml": "phases:\n  - id: x\n    name: é\u{7}\n"]) == [
            "a.yaml:3:12: fout: ongeldige YAML: hier staat een onzichtbaar stuurteken: haal het weg (het komt vaak mee bij kopiëren uit een ander programma)"
        ])
    }

    @Test(arguments: ["", "# niets\n", "\n\n"])
    func noDocumentIsAnEmptyFile(text: String) {
        #expect(Fixture.problems(["a.yaml": text]) == [
            "a.yaml:1:1: fout: het bestand is leeg: vul het met regels of haal het weg"
        ])
    }

    /// Findings come in the order of the checks, and within a check in file order.
    @Test func findingsKeepTheirOrderAcrossChecks() {
        let count = 30
        let broken: Set<Int> = [3, 17, count - 1]
        var text = "phases:\n  - id: beeld-vormen\n    name: Nog eens\nrules:\n"
        for i in 0..<count {
            let source = broken.contains(i) ? "onbekend-\(i)" : "omgevingsdienst"
            text += "  - id: veel-\(i)\n    when: thema == buitengebied\n    because: test\n    sources: [\(source)]\n"
        }
        let problems = Fixture.problems(adding: text)
        let line = { (i: Int) in 8 + 4 * i }  // four lines before the rules, four per rule, `sources` last
        #expect(problems == [
            "z.yaml:2:5: fout: fase `beeld-vormen` bestaat al (00-basis.yaml:3:5): geef dit onderdeel een eigen id",
        ] + broken.sorted().map { i in
            "z.yaml:\(line(i)):15: fout: regel veel-\(i): onbekende bron `onbekend-\(i)`: controleer het id"
        })
    }

    /// Every kind of id that must be unique, found through the rule set's index: a repeat is
    /// reported where it is, with the first declaration; a step may not take a source's id.
    @Test func repeatedIDsOfEveryIndexedKind() {
        let text = """
            themes:
              - id: cybercrime
                name: Nog eens
                introduction: Nog eens.
            questions:
              - id: gemeente
                text: Nog eens?
                type: text
            sources:
              - id: omgevingsdienst
                name: Nog eens
                kind: partner
                scope: extern
                insight: Nog eens.
                questions: [L1]
            steps:
              - id: kamer-van-koophandel
                text: Een stap met de naam van een bron.
                phase: borgen
                order: 20
              - id: borgen-ivp
                text: Nog eens.
                phase: borgen
                order: 30
            rules:
              - id: bb-sterk
                when: informatiepositie == sterk
                because: nog eens
                note: Nog eens.
            """
        #expect(Fixture.problems(adding: text) == [
            "z.yaml:2:5: fout: thema `cybercrime` bestaat al (00-basis.yaml:12:5): geef dit onderdeel een eigen id",
            "z.yaml:6:5: fout: vraag `gemeente` bestaat al (00-basis.yaml:26:5): geef dit onderdeel een eigen id",
            "z.yaml:10:5: fout: bron of stap `omgevingsdienst` bestaat al (10-buitengebied.yaml:2:5): geef dit onderdeel een eigen id",
            "z.yaml:17:5: fout: bron of stap `kamer-van-koophandel` bestaat al (10-buitengebied.yaml:14:5): geef dit onderdeel een eigen id",
            "z.yaml:21:5: fout: bron of stap `borgen-ivp` bestaat al (10-buitengebied.yaml:33:5): geef dit onderdeel een eigen id",
            "z.yaml:26:5: fout: regel `bb-sterk` bestaat al (10-buitengebied.yaml:54:5): geef dit onderdeel een eigen id",
        ])
    }
}

