import Foundation
import Testing
@testable import KompasCore

/// `kompas check --coverage`: onbereikbaar (from the conditions), niet getest (from the
/// examples), zonder effect (answers no rule reads). Issue #25 §2.
@Suite struct CoverageTests {
    /// The findings for the mini rule set plus one file, without the one the mini set has of
    /// itself (the option vakantieparken, which no rule reads).
    static func findings(adding text: String) throws -> [String] {
        let (rules, messages) = Fixture.checked(Fixture.miniFiles(adding: text))
        try #require(messages == [])
        return Coverage(rules: rules).findings.map(\.description).filter { !$0.contains("vakantieparken") }
    }

    @Test func theMiniRuleSetHasOneOptionWithoutEffect() throws {
        let coverage = Coverage(rules: try Fixture.mini())
        #expect(coverage.findings.map(\.description) == [
            "\(Fixture.directory)/mini/00-basis.yaml:43:9: zonder effect: optie vakantieparken van vraag locaties wordt door geen regel gelezen, dus verandert aanvinken niets: laat een regel `locaties contains vakantieparken` lezen of haal de optie weg"
        ])
        #expect(coverage.rules == (4, 4) && coverage.sources == (3, 3) && coverage.steps == (2, 2))
    }

    /// Three ways a condition cannot hold: two answers to one choice question; an answer to a
    /// question its own condition excludes; a question of one theme under another theme.
    @Test func rulesWhoseConditionCannotHoldAreUnreachable() throws {
        let text = """
            rules:
              - id: sterk-en-zwak
                when: informatiepositie == sterk and informatiepositie == zwak
                because: test
                note: N.
              - id: lto-zonder-agrarisch
                when: lto-bekend == ja and not locaties contains agrarisch
                because: test
                note: N.
              - id: locaties-bij-cybercrime
                when: thema == cybercrime and locaties contains agrarisch
                because: test
                note: N.
              - id: kan-wel
                when: lto-bekend == ja and informatiepositie == sterk
                because: test
                note: N.
            """
        #expect(try Self.findings(adding: text) == [
            "z.yaml:2:5: onbereikbaar: regel sterk-en-zwak kan nooit gelden: geen antwoorden maken `informatiepositie == sterk and informatiepositie == zwak` waar (denk aan twee antwoorden op één vraag, of een vraag die onder deze antwoorden niet gesteld wordt); pas de voorwaarde aan of haal de regel weg",
            "z.yaml:6:5: onbereikbaar: regel lto-zonder-agrarisch kan nooit gelden: geen antwoorden maken `lto-bekend == ja and not locaties contains agrarisch` waar (denk aan twee antwoorden op één vraag, of een vraag die onder deze antwoorden niet gesteld wordt); pas de voorwaarde aan of haal de regel weg",
            "z.yaml:10:5: onbereikbaar: regel locaties-bij-cybercrime kan nooit gelden: geen antwoorden maken `thema == cybercrime and locaties contains agrarisch` waar (denk aan twee antwoorden op één vraag, of een vraag die onder deze antwoorden niet gesteld wordt); pas de voorwaarde aan of haal de regel weg",
            "z.yaml:14:5: niet getest: regel kan-wel geldt in geen enkel voorbeeld: voeg een voorbeeld toe met antwoorden waarvoor `lto-bekend == ja and informatiepositie == sterk` geldt",
        ])
    }

    /// A source named only by a rule that cannot hold, one always excluded where it is named,
    /// and one no rule names; a step brought in but by no example.
    @Test func sourcesAndStepsOnlyUnreachableRulesBringIn() throws {
        let source = { (id: String) in "  - id: \(id)\n    name: N\n    kind: publicatie\n    insight: I.\n    questions: [L1]\n" }
        let text = """
            sources:
            \(source("alleen-dood"))\(source("altijd-uitgesloten"))\(source("nergens"))
            steps:
              - id: ongetest
                text: Doe het.
                phase: borgen
                order: 5
            rules:
              - id: dood
                when: informatiepositie == sterk and informatiepositie == zwak
                because: test
                sources: [alleen-dood]
              - id: noemt
                when: thema == cybercrime and informatiepositie == zwak
                because: test
                sources: [altijd-uitgesloten]
                steps: [ongetest]
              - id: sluit-uit
                when: thema == cybercrime
                because: test
                exclude: [altijd-uitgesloten]
            """
        let findings = try Self.findings(adding: text)
        #expect(findings == [
            "z.yaml:2:5: onbereikbaar: bron alleen-dood wordt alleen genoemd door regels die nooit gelden (dood): herstel die regels, of haal het weg",
            "z.yaml:7:5: onbereikbaar: bron altijd-uitgesloten wordt altijd uitgesloten als een regel het noemt (door sluit-uit): pas de `exclude` of de voorwaarden aan, of haal het weg",
            "z.yaml:12:5: onbereikbaar: bron nergens wordt door geen regel genoemd: noem het in de `sources` van een regel, of haal het weg",
            "z.yaml:19:5: niet getest: stap ongetest staat in het plan van geen enkel voorbeeld: voeg een voorbeeld toe dat het in het plan zet",
            "z.yaml:24:5: onbereikbaar: regel dood kan nooit gelden: geen antwoorden maken `informatiepositie == sterk and informatiepositie == zwak` waar (denk aan twee antwoorden op één vraag, of een vraag die onder deze antwoorden niet gesteld wordt); pas de voorwaarde aan of haal de regel weg",
            "z.yaml:28:5: niet getest: regel noemt geldt in geen enkel voorbeeld: voeg een voorbeeld toe met antwoorden waarvoor `thema == cybercrime and informatiepositie == zwak` geldt",
        ])
    }

    /// A question no rule reads is never asked; a choice option every condition treats like an
    /// earlier one gives the same plan. (A text question is shown in the plan: the mini rule set's
    /// `gemeente`, which no rule reads, is no finding.)
    @Test func answersThatChangeNothing() throws {
        let text = """
            questions:
              - id: ongelezen
                text: Leest iemand dit?
                type: yesno
              - id: omvang
                text: Hoe groot?
                type: choice
                options:
                  - id: klein
                    label: Klein
                  - id: middel
                    label: Middel
                  - id: groot
                    label: Groot
            rules:
              - id: groot
                when: omvang == groot and thema == cybercrime and informatiepositie == zwak
                because: test
                note: N.
            examples:
              - name: Groot
                answers:
                  thema: cybercrime
                  gemeente: Ede
                  informatiepositie: zwak
                  omvang: groot
                expect:
                  notes: [groot]
            """
        #expect(try Self.findings(adding: text) == [
            "z.yaml:2:5: zonder effect: vraag ongelezen wordt door geen regel gelezen, dus stelt kompas haar nooit: laat een regel haar lezen (zoals `when: ongelezen == …`) of haal haar weg",
            "z.yaml:11:9: zonder effect: optie middel van vraag omvang geeft hetzelfde plan als optie klein: geen regel maakt verschil tussen beide; laat een regel `omvang == middel` lezen of voeg de opties samen",
        ])
    }

    /// An exclusive option goes with no other, and is no finding when no rule reads it (it is
    /// the answer «none of these»); a step a rule only proposes under `start` is in its plans.
    @Test func exclusiveOptionsAndStartSteps() throws {
        let text = """
            questions:
              - id: hulp
                text: Welke hulp?
                type: multiple
                options:
                  - id: a
                    label: A
                  - id: b
                    label: B
                  - id: geen
                    label: Geen van deze
                    exclusive: true
            steps:
              - id: begin
                text: Begin.
                phase: borgen
                order: 1
            rules:
              - id: a-en-geen
                when: thema == cybercrime and informatiepositie == zwak and hulp contains a and hulp contains geen
                because: test
                note: N.
              - id: met-start
                when: thema == cybercrime and informatiepositie == zwak and hulp contains a
                because: test
                start: [begin]
            """
        #expect(try Self.findings(adding: text) == [
            "z.yaml:8:9: zonder effect: optie b van vraag hulp wordt door geen regel gelezen, dus verandert aanvinken niets: laat een regel `hulp contains b` lezen of haal de optie weg",
            "z.yaml:14:5: niet getest: stap begin staat in het plan van geen enkel voorbeeld: voeg een voorbeeld toe dat het in het plan zet",
            "z.yaml:19:5: onbereikbaar: regel a-en-geen kan nooit gelden: geen antwoorden maken `thema == cybercrime and informatiepositie == zwak and hulp contains a and hulp contains geen` waar (denk aan twee antwoorden op één vraag, of een vraag die onder deze antwoorden niet gesteld wordt); pas de voorwaarde aan of haal de regel weg",
            "z.yaml:23:5: niet getest: regel met-start geldt in geen enkel voorbeeld: voeg een voorbeeld toe met antwoorden waarvoor `thema == cybercrime and informatiepositie == zwak and hulp contains a` geldt",
        ])
    }

    /// A multiple-choice question with more options than the search tries every combination
    /// of (2^64 would not even fit): the search still ends, and finds two options together.
    @Test func aQuestionWithVeryManyOptionsDoesNotStallTheSearch() throws {
        let options = (1...64).map { "o\($0)" }
        var text = "questions:\n  - id: veel\n    text: Welke?\n    type: multiple\n    options:\n"
        text += options.map { "      - id: \($0)\n        label: \($0)\n" }.joined()
        text += "rules:\n"
        for (index, group) in stride(from: 0, to: 64, by: 16).map({ Array(options[$0..<$0 + 16]) }).enumerated() {
            let any = group.map { "veel contains \($0)" }.joined(separator: " or ")
            text += "  - id: groep-\(index)\n    when: thema == cybercrime and informatiepositie == zwak and (\(any))\n    because: test\n    note: N.\n"
        }
        text += "  - id: beide\n    when: thema == cybercrime and informatiepositie == zwak and veel contains o1 and veel contains o64\n    because: test\n    note: N.\n"
        let findings = try Self.findings(adding: text)
        #expect(findings.count == 5)
        #expect(findings.allSatisfy { $0.contains(": niet getest: regel ") })
    }

    /// A search over the answers, checked against every complete set of answers of the mini
    /// rule set's questions: what some answers make true, the search finds, and nothing else.
    @Test func theSearchAgreesWithEveryCompleteSetOfAnswers() throws {
        let rules = try Fixture.mini()
        let reachability = Reachability(rules: rules)
        let conditions = [
            "informatiepositie == sterk and informatiepositie == zwak", "lto-bekend == ja", "lto-bekend == ja and not locaties contains agrarisch",
            "thema == cybercrime and answered(locaties)", "not answered(locaties) and thema == buitengebied", "answered(gemeente) and not informatiepositie in [sterk, zwak]",
            "locaties contains vakantieparken and not locaties contains agrarisch", "not lto-bekend == nee and locaties contains agrarisch",
        ]
        var everyAnswer: [[String: AnswerValue]] = []
        for theme in ["buitengebied", "cybercrime"] {
            for position in ["sterk", "zwak"] {
                let base: [String: AnswerValue] = ["thema": .option(theme), "gemeente": .text("Ede"), "informatiepositie": .option(position)]
                guard theme == "buitengebied" else { everyAnswer.append(base); continue }
                for places in [[], ["vakantieparken"], ["agrarisch"], ["vakantieparken", "agrarisch"]] {
                    var answers = base
                    answers["locaties"] = .options(places)
                    guard places.contains("agrarisch") else { everyAnswer.append(answers); continue }
                    for known in ["ja", "nee"] { answers["lto-bekend"] = .option(known); everyAnswer.append(answers) }
                }
            }
        }
        for text in conditions {
            let expression = try ConditionParser.parse(text, origin: SourceLocation(file: "t", line: 1, column: 1)).expression
            let holdsSomewhere = everyAnswer.contains { answers in expression.evaluate { answers[$0].map(Knowledge.answered) ?? .absent } == .yes }
            #expect(reachability.canHold(expression) == holdsSomewhere, "\(text)")
        }
    }
}
