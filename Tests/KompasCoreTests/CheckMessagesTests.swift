import Foundation
import Testing
@testable import KompasCore

/// Messages that name the cause of a problem, not its consequences (issue #25 §1).
@Suite struct CheckMessagesTests {
    /// A new question asked before the ones an example answers: one message, naming it,
    /// instead of one for every answer and expectation that follows from it.
    @Test func anExampleThatDoesNotAnswerANewQuestionGetsOneMessage() {
        var files = Fixture.miniFiles()
        let newQuestion = """
              - id: zz-nieuwe-vraag
                text: Is er een nieuwe ontwikkeling?
                type: yesno
                when: thema == buitengebied
              - id: informatiepositie

            """
        files["00-basis.yaml"] = files["00-basis.yaml"]!.replacingOccurrences(of: "  - id: informatiepositie\n", with: newQuestion)
        files["z.yaml"] = "rules:\n  - id: nieuw\n    when: zz-nieuwe-vraag == ja\n    because: er iets nieuws is\n    note: Kijk ernaar.\n"
        #expect(Fixture.problems(files) == [
            "10-buitengebied.yaml:61:5: fout: voorbeeld \"Zwakke informatiepositie met agrarische bebouwing\" beantwoordt vraag zz-nieuwe-vraag niet, die nu gesteld wordt: voeg een antwoord toe"
        ])
        // Answered, the example passes again.
        files["10-buitengebied.yaml"] = files["10-buitengebied.yaml"]!.replacingOccurrences(of: "      lto-bekend: nee\n", with: "      lto-bekend: nee\n      zz-nieuwe-vraag: nee\n")
        #expect(Fixture.problems(files) == [])
    }

    /// A new first question: every example stops there, before its theme, so its «Begin hier»
    /// is empty too; that follows from the cause and is not reported apart.
    @Test func aNewFirstQuestionHidesTheBeginHierMismatchesItCauses() {
        var files = Fixture.miniFiles()
        files["00-basis.yaml"] = files["00-basis.yaml"]!.replacingOccurrences(
            of: "questions:\n", with: "questions:\n  - id: aa-rol\n    text: Werk je als OOV-er?\n    type: yesno\n")
        files["10-buitengebied.yaml"] = files["10-buitengebied.yaml"]!
            .replacingOccurrences(of: "    steps: [gegevens-omgevingsdienst]\n", with: "    start: [gegevens-omgevingsdienst]\n")
            .replacingOccurrences(of: "      high: [gegevens-omgevingsdienst]\n", with: "      high: [gegevens-omgevingsdienst]\n      start: [gegevens-omgevingsdienst]\n")
        files["z.yaml"] = "rules:\n  - id: rol\n    when: aa-rol == ja\n    because: je OOV-er bent\n    note: Fijn.\n"
        #expect(Fixture.problems(files) == [
            "10-buitengebied.yaml:61:5: fout: voorbeeld \"Zwakke informatiepositie met agrarische bebouwing\" beantwoordt vraag aa-rol niet, die nu gesteld wordt: voeg een antwoord toe",
            "10-buitengebied.yaml:73:5: fout: voorbeeld \"Sterke informatiepositie, cybercrime\" beantwoordt vraag aa-rol niet, die nu gesteld wordt: voeg een antwoord toe",
        ])
        // Answered, the examples pass again, «Begin hier» included.
        files["10-buitengebied.yaml"] = files["10-buitengebied.yaml"]!.replacingOccurrences(of: "    answers:\n", with: "    answers:\n      aa-rol: ja\n")
        #expect(Fixture.problems(files) == [])
    }

    /// An example may stop at a question on purpose, to test that it is asked: then what fails
    /// is reported as it is.
    @Test func anExampleThatStopsAtAQuestionItExpectsAskedKeepsItsMessages() {
        let text = """
            examples:
              - name: Tot de locaties
                answers:
                  thema: buitengebied
                  gemeente: Ede
                  informatiepositie: zwak
                expect:
                  asked: [locaties]
                  include: [agrarische-vereniging]
            """
        #expect(Fixture.problems(adding: text) == [
            "z.yaml:9:17: fout: voorbeeld \"Tot de locaties\": `agrarische-vereniging` hoort in het plan maar staat er niet in: controleer de regels die het noemen"
        ])
    }

    @Test func aThemeTheThemeQuestionLacksNamesTheThemeQuestion() {
        let text = "themes:\n  - id: jeugd\n    name: Jeugd\n    introduction: Een thema dat niemand kan kiezen.\n"
        #expect(Fixture.problems(adding: text) == [
            "z.yaml:2:5: fout: thema `jeugd` ontbreekt bij de opties van de themavraag thema (00-basis.yaml:17): voeg daar een optie `- id: jeugd` met een `label` toe, anders kan niemand dit thema kiezen"
        ])
    }

    /// The theme `y` is declared in the broken file: the theme question's option `y` is no
    /// mistake of its own, so it is left out, with one line saying so.
    @Test func aBrokenFileCausesNoErrorsInOtherFiles() {
        var files = [
            "a.yaml": "questions:\n  - id: thema\n    text: Thema?\n    type: choice\n    role: theme\n    options:\n      - id: x\n        label: X\n      - id: y\n        label: Y\n",
            "b.yaml": "themes:\n  - id: x\n    name: X\n    introduction: Over x.\n",
            "c.yaml": "themes:\n  - id: y\n   name: Y\n",
        ]
        #expect(Fixture.problems(files) == [
            "c.yaml:3:4: fout: ongeldige YAML: `name` springt 1 spatie minder in dan `id` erboven: zet het recht onder `id`, want de sleutels van één blok beginnen in dezelfde kolom",
            "c.yaml:3:4: opmerking: 1 melding over onderdelen die in een onleesbaar bestand kunnen staan is weggelaten: herstel eerst de fout hierboven en controleer dan opnieuw",
        ])
        // Without the broken file the option is a mistake, and reported.
        files["c.yaml"] = nil
        #expect(Fixture.problems(files) == [
            "a.yaml:9:9: fout: optie `y` van de themavraag is geen thema: gebruik een id uit `themes`"
        ])
    }

    /// A step without `order` is still a step: the rule that names it is not wrong too.
    @Test func anItemWithAMissingFieldIsStillKnownByItsID() {
        let text = """
            steps:
              - id: nieuwe-stap
                text: Doe iets nieuws.
                phase: borgen
            rules:
              - id: nieuw
                when: thema == buitengebied
                because: test
                steps: [nieuwe-stap]
            """
        #expect(Fixture.problems(adding: text) == [
            "z.yaml:2:5: fout: stap nieuwe-stap mist het verplichte veld `order`: voeg `order: …` toe"
        ])
    }

    /// Without a `type` the question is still known, and what a rule tests of it is not judged.
    @Test func aQuestionWithoutATypeIsStillKnownByItsID() {
        let text = """
            questions:
              - id: nieuw
                text: Nieuw?
            rules:
              - id: r
                when: nieuw == ja
                because: test
                note: N.
            """
        #expect(Fixture.problems(adding: text) == [
            "z.yaml:2:5: fout: vraag nieuw mist het verplichte veld `type`: voeg `type: …` toe"
        ])
    }

    @Test func aMissingBecauseNamesTheRule() {
        #expect(Fixture.problems(adding: "rules:\n  - id: zonder-reden\n    when: thema == buitengebied\n    note: N.\n") == [
            "z.yaml:2:5: fout: regel zonder-reden mist het verplichte veld `because`: voeg `because: …` toe"
        ])
    }

    @Test func anUnknownPhaseListsThePhases() {
        #expect(Fixture.problems(adding: "steps:\n  - id: s\n    text: T\n    phase: borgn\n    order: 1\n") == [
            "z.yaml:2:5: fout: stap s noemt onbekende fase `borgn`: bedoel je `borgen`? kies uit `beeld-vormen`, `borgen`"
        ])
    }

    /// The reader's finding (line 8) is made before the validator's (line 5), and listed after it.
    @Test func errorsAreSortedByFileAndLine() {
        let text = """
            rules:
              - id: r
                when: thema == buitengebied
                because: test
                sources: [onbekend]
            phases:
              - id: nieuw
                naam: Nieuw
            """
        #expect(Fixture.problems(adding: text) == [
            "z.yaml:5:15: fout: regel r: onbekende bron `onbekend`: controleer het id",
            "z.yaml:7:5: fout: fase nieuw mist het verplichte veld `name`: voeg `name: …` toe",
            "z.yaml:8:5: fout: onbekende sleutel `naam` in een fase: bedoel je `name`? (bekend: `id`, `name`)",
        ])
    }

    /// libyaml blames the colon of a key indented too far; the cause is the indentation.
    @Test func aKeyIndentedTooFarGetsTheIndentationAdviceFirst() {
        #expect(Fixture.problems(["a.yaml": "phases:\n  - id: x\n     name: X\n"]) == [
            "a.yaml:3:6: fout: ongeldige YAML: `name` springt 1 spatie verder in dan `id` erboven: zet het recht onder `id`, want de sleutels van één blok beginnen in dezelfde kolom; hoort de regel bij de tekst erboven, zet die tekst dan tussen aanhalingstekens (\"…\")"
        ])
        #expect(Fixture.problems(["a.yaml": "rules:\n  - id: r\n    when: a == b\n       because: x\n"]).first?.hasPrefix(
            "a.yaml:4:8: fout: ongeldige YAML: `because` springt 3 spaties verder in dan `when` erboven") == true)
    }

    /// libyaml only says it expected another key or list item; the message names the key that
    /// is out of line and the one it belongs under, also after a text over several lines.
    @Test func aKeyIndentedTooLittleIsNamed() {
        #expect(Fixture.problems(["a.yaml": "rules:\n  - id: r\n    when: a == b\n   because: x\n"]) == [
            "a.yaml:4:4: fout: ongeldige YAML: `because` springt 1 spatie minder in dan `when` erboven: zet het recht onder `when`, want de sleutels van één blok beginnen in dezelfde kolom"
        ])
        #expect(Fixture.problems(["a.yaml": "questions:\n  - id: q\n    options:\n      - id: a\n        label: A\n   text: >\n     Tekst\n"]) == [
            "a.yaml:6:4: fout: ongeldige YAML: `text` springt 1 spatie minder in dan `options` erboven: zet het recht onder `options`, want de sleutels van één blok beginnen in dezelfde kolom"
        ])
        #expect(Fixture.problems(["a.yaml": "themes:\n  - id: x\n    introduction: >\n      Een tekst\n      over regels.\n  # opmerking\n   name: X\n"]) == [
            "a.yaml:7:4: fout: ongeldige YAML: `name` springt 1 spatie minder in dan `introduction` erboven: zet het recht onder `introduction`, want de sleutels van één blok beginnen in dezelfde kolom"
        ])
    }

    @Test func nearDuplicateIDsAreAWarning() {
        let source = { (id: String) in "  - id: \(id)\n    name: Woningcorporatie\n    kind: partner\n    scope: extern\n    insight: Zicht op huurders.\n    questions: [L1]\n" }
        let checked = Fixture.checked(Fixture.miniFiles(adding: "sources:\n" + source("woningcorporatie") + source("woningcorporaties")))
        #expect(checked.messages == [
            "z.yaml:8:5: waarschuwing: bron `woningcorporaties` lijkt op bron `woningcorporatie` (z.yaml:2:5): bedoel je hetzelfde, gebruik dan één id; zo niet, kies een id dat duidelijker verschilt"
        ])
        // A warning: the rules load.
        #expect(Fixture.problems(Fixture.miniFiles(adding: "sources:\n" + source("woningcorporatie") + source("woningcorporaties"))) == [])
        // Spelt with a hyphen, or a plural in -en, the same; numbered copies are not alike.
        #expect(Fixture.checked(Fixture.miniFiles(adding: "sources:\n" + source("woning-corporatie") + source("woningcorporatie"))).messages.count == 1)
        #expect(Fixture.checked(Fixture.miniFiles(adding: "sources:\n" + source("regeling") + source("regelingen"))).messages.count == 1)
        #expect(Fixture.checked(Fixture.miniFiles(adding: "sources:\n" + source("kopie-s1") + source("kopie-s2"))).messages == [])
    }
}
