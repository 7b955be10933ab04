import Testing
@testable import KompasCore

/// Scores, the group comparison and the quiz, on the mini rules.
@Suite struct TrainingTests {
    let rules: RuleSet
    let engine: Engine
    init() throws {
        rules = try Fixture.mini()
        engine = Engine(rules: rules)
    }

    func evaluate(_ answers: [(String, AnswerValue)]) -> Evaluation { engine.evaluate(engine.session(answers)) }

    var reference: Evaluation {
        evaluate([("thema", .option("buitengebied")), ("gemeente", .text("Súdwest-Fryslân")), ("informatiepositie", .option("zwak")),
                  ("locaties", .options(["agrarisch"])), ("lto-bekend", .option("nee"))])
    }
    var anna: Evaluation {
        evaluate([("thema", .option("buitengebied")), ("gemeente", .text("Ede")), ("informatiepositie", .option("sterk")), ("locaties", .options(["vakantieparken"]))])
    }
    var bram: Evaluation {
        evaluate([("thema", .option("buitengebied")), ("gemeente", .text("Ede")), ("informatiepositie", .option("zwak")),
                  ("locaties", .options(["agrarisch"])), ("lto-bekend", .option("ja"))])
    }
    var cas: Evaluation { evaluate([("thema", .option("cybercrime")), ("gemeente", .text("Venlo")), ("informatiepositie", .option("zwak"))]) }

    @Test func sameThemeComparesEveryReferenceAnswerButTheMunicipality() {
        let agreement = Agreement(reference: reference, trainee: anna, rules: rules)
        #expect(agreement.sameTheme)
        #expect(agreement.compared == ["thema", "informatiepositie", "locaties", "lto-bekend"])
        #expect(agreement.differing == ["informatiepositie", "locaties", "lto-bekend"])
        #expect(agreement.shared.map(\.key) == ["stap borgen-ivp", "bron omgevingsdienst"])
        #expect(agreement.missed.map(\.key) == ["stap gegevens-omgevingsdienst", "bron agrarische-vereniging", "bron kamer-van-koophandel"])
        #expect(agreement.extra.isEmpty)
        #expect(agreement.summary == "antwoorden 1 van 4 gelijk (25%); plan 2 van 5 onderdelen (40%), 0 extra")
    }

    @Test func anotherThemeComparesTheSharedQuestionsOnly() {
        let agreement = Agreement(reference: reference, trainee: cas, rules: rules)
        #expect(!agreement.sameTheme)
        #expect(agreement.compared == ["informatiepositie"])
        #expect(agreement.differing.isEmpty)
        #expect(agreement.summary == "ander thema, vergeleken op de gedeelde vragen: antwoorden 1 van 1 gelijk (100%); plan 0 van 5 onderdelen (0%), 0 extra")
    }

    @Test func extraItemsAndRounding() {
        let agreement = Agreement(reference: bram, trainee: anna, rules: rules)
        #expect(agreement.extra.isEmpty)
        let reverse = Agreement(reference: anna, trainee: bram, rules: rules)
        #expect(reverse.extra.map(\.key) == ["stap gegevens-omgevingsdienst", "bron kamer-van-koophandel"])
        #expect(reverse.planPercentage == 100)
        #expect(Agreement.percentage(2, of: 3) == 67)
        #expect(Agreement.percentage(0, of: 0) == 100)
    }

    @Test func missedByMostCountsThePeersOnTheReferenceTheme() {
        let group = GroupComparison(rules: rules, reference: ("referentie", reference), trainees: [("anna", anna), ("bram", bram), ("cas", cas)])
        #expect(group.questions.map(\.id) == ["thema", "gemeente", "informatiepositie", "locaties", "lto-bekend"])
        #expect(group.missed.map(\.item.key) == ["bron agrarische-vereniging"])
        #expect(group.missed[0].missedBy == ["anna", "bram"])
        #expect(group.missed[0].of == 2)
        // The municipality never differs; another theme's theme does.
        let municipality = rules.question("gemeente")!, theme = rules.question("thema")!
        #expect(group.members.allSatisfy { !group.differs($0, municipality) })
        #expect(group.members.map { group.differs($0, theme) } == [false, false, true])
    }

    @Test func theMatrixFitsNarrowTerminalsInBlocks() {
        let group = GroupComparison(rules: rules, reference: ("referentie", reference), trainees: [("anna", anna), ("bram-uit-de-ochtendgroep", bram), ("cas", cas)])
        for width in [40, 50, 60, 80, 120] {
            let lines = ComparisonTextRenderer(group, width: width).render().split(separator: "\n")
            #expect(lines.allSatisfy { $0.count <= width }, "width \(width)")
            // Every block repeats the reference; every trainee appears once.
            let headings = lines.filter { $0.hasPrefix("Vraag") }
            #expect(headings.allSatisfy { $0.contains("referentie") })
            #expect(headings.joined().contains("bram-uit-de-"))
        }
        #expect(ComparisonTextRenderer(group, width: 80).render().split(separator: "\n").filter { $0.hasPrefix("Vraag") }.count == 1)
        #expect(ComparisonTextRenderer(group, width: 40).render().split(separator: "\n").filter { $0.hasPrefix("Vraag") }.count == 3)
    }

    @Test func cutKeepsTheStartAndMarksTheCut() {
        #expect(TextLayout.cut("bram-uit-de-ochtendgroep", width: 13) == "bram-uit-de-…")
        #expect(TextLayout.cut("Hoe krachtig is de lokale", width: 20) == "Hoe krachtig is de…")
        #expect(TextLayout.cut("kort", width: 13) == "kort")
    }

    var transcript: Transcript {
        let events: [(SessionEvent, [String])] = [
            (.answered(question: "thema", value: .option("buitengebied")), ["Een plattelandsgemeente met agrarische bebouwing."]),
            (.answered(question: "gemeente", value: .text("Súdwest-Fryslân")), []),
            (.answered(question: "informatiepositie", value: .option("zwak")), ["Zwak: dan eerst beeld vormen."]),
            (.answered(question: "locaties", value: .options(["agrarisch"])), []),
            (.answered(question: "lto-bekend", value: .option("nee")), []),
        ]
        return Transcript(fingerprint: rules.fingerprint, date: "2026-11-23", events: events.map { Transcript.Entry(event: $0.0, comments: $0.1) })
    }

    @Test func theQuizFollowsTheTraineesPathAndSaysSameOrDifferent() {
        var quiz = Quiz(engine: engine, transcript: transcript)
        #expect(quiz.opening(file: "t.transcript").contains("De casus:\n  Een plattelandsgemeente met agrarische bebouwing.\n\nVraag 1 van ongeveer 4\nOver welk thema"))
        #expect(quiz.handle("1").text.hasPrefix("Hetzelfde als de collega.\n\nVraag 2 van ongeveer 5\n"))
        // The municipality is the trainee's own: no verdict.
        #expect(quiz.handle("Ede").text.hasPrefix("Vraag 3 van ongeveer 5\n"))
        #expect(quiz.handle("sterk").text.hasPrefix("Anders dan de collega, die antwoordde: Zwak.\n  ✎ Zwak: dan eerst beeld vormen.\n\nVraag 4"))
        let undo = quiz.handle(":terug")
        #expect(undo.recorded && undo.outcome == .goOn)
        #expect(undo.text.hasPrefix("Teruggedraaid: je antwoord op «Hoe krachtig is de lokale informatiepositie?»."))
        #expect(quiz.handle("zwak").text.hasPrefix("Hetzelfde als de collega.\n\nVraag 4"))
        // The trainee's own path: no agricultural buildings, so no question about the association.
        let last = quiz.handle("vakantieparken")
        #expect(last.outcome == .finished)
        #expect(last.text == "Anders dan de collega, die antwoordde: (Voormalige) agrarische bebouwing.")
        #expect(quiz.summary() == """
            Je score tegen de collega:
              Antwoorden: 2 van 4 hetzelfde (50%)
              Plan: 4 van de 5 onderdelen van de collega (80%), 0 extra

            Alleen in het plan van de collega:
              Waarom: omdat er (voormalige) agrarische bebouwing is en je de vereniging nog
              niet kent
                • partner «Lokale vereniging agrarische sector»
            """)
    }

    @Test func anotherThemeAsksThatThemesQuestions() {
        var quiz = Quiz(engine: engine, transcript: transcript)
        #expect(quiz.handle("cybercrime").text.hasPrefix("Anders dan de collega, die antwoordde: Weerbaar buitengebied.\n\nVraag 2"))
        _ = quiz.handle("Venlo")
        let reply = quiz.handle("sterk")
        #expect(reply.outcome == .finished)
        #expect(quiz.summary().hasPrefix("""
            Je score tegen de collega:
              Antwoorden: 0 van 1 hetzelfde (0%), op de vragen van beide thema's
              Plan: 0 van de 5 onderdelen van de collega (0%), 0 extra

            Alleen in het plan van de collega, met prioriteit:
              Waarom: omdat je informatiepositie nog zwak is
                • stap «Vraag bij de Omgevingsdienst de gegevens over leegstand op.»
                • registratie «Kamer van Koophandel»
            """))
    }

    @Test func aQuestionTheColleagueNeverGotIsSaidSo() {
        var other = Quiz(engine: engine, transcript: Transcript(fingerprint: "", date: "2026-11-23", events: [transcript.events[0], transcript.events[2]]))
        for answer in ["1", "Ede", "zwak"] { _ = other.handle(answer) }
        #expect(other.handle("agrarisch").text.hasPrefix("De collega kreeg deze vraag niet: die antwoordde eerder anders.\n\nVraag 5"))
    }

    @Test func stopAndSaveInTheQuiz() {
        var quiz = Quiz(engine: engine, transcript: transcript)
        #expect(quiz.handle(":bewaar x.transcript").text.hasPrefix("In de quiz bewaar je je antwoorden met"))
        #expect(quiz.handle(":stop").outcome == .stopped)
        #expect(quiz.summary().hasPrefix("De quiz is gestopt voor alle vragen beantwoord waren"))
    }
}

@Suite struct TrainingTextSafetyTests {
    @Test func controlCharactersFromFilesNeverReachTheTerminal() throws {
        let rules = try Fixture.mini()
        let transcript = Transcript(fingerprint: "", date: "2026-11-23", events: [
            Transcript.Entry(event: .answered(question: "thema", value: .option("buitengebied")), comments: ["Casus \u{1B}[31mrood"]),
            Transcript.Entry(event: .answered(question: "informatiepositie", value: .option("zwak")), comments: ["Let \u{07}op"]),
        ])
        var quiz = Quiz(engine: Engine(rules: rules), transcript: transcript)
        let text = quiz.opening(file: "t") + quiz.handle("1").text + quiz.handle("Ede").text + quiz.handle("sterk").text
        #expect(text.contains("Casus [31mrood") && text.contains("✎ Let op"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(GroupComparison.name(ofFile: "/tmp/a\u{1B}b.transcript") == "a b")
    }
}
