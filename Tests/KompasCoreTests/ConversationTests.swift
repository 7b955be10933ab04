import Testing
@testable import KompasCore

@Suite struct ConversationTests {
    let engine: Engine
    init() throws { engine = Engine(rules: try Fixture.mini()) }

    func conversation(_ lines: [String]) -> Conversation {
        var conversation = Conversation(engine: engine)
        for line in lines { _ = conversation.handle(line) }
        return conversation
    }

    @Test func acceptsNumbersIdsAndLabelBeginnings() {
        #expect(conversation(["1"]).session.answers["thema"] == .option("buitengebied"))
        #expect(conversation(["cybercrime"]).session.answers["thema"] == .option("cybercrime"))
        #expect(conversation(["WEERB"]).session.answers["thema"] == .option("buitengebied"))
        let several = conversation(["1", "Ede", "zwak", "2, vakantie"])
        #expect(several.session.answers["locaties"] == .options(["vakantieparken", "agrarisch"]))
        #expect(conversation(["1", "Ede", "zwak", "1 2"]).session.answers["locaties"] == .options(["vakantieparken", "agrarisch"]))
        #expect(conversation(["1", "Ede", "zwak", "geen"]).session.answers["locaties"] == .options([]))
        #expect(conversation(["1", "Ede", "zwak", "2", "ja"]).session.answers["lto-bekend"] == .option("ja"))
    }

    @Test func refusesWhatFitsNothingAndKeepsAsking() {
        var c = Conversation(engine: engine)
        #expect(c.handle("7").text == "Er is geen antwoord 7; kies een nummer van 1 tot en met 2.")
        #expect(c.handle("xyz").text == "«xyz» past bij geen van de antwoorden. Typ een nummer van 1 tot en met 2, het id\nof het begin van het antwoord.")
        #expect(c.handle("   ").text == "Typ een antwoord, of :help voor hulp.")
        #expect(c.handle(":onzin").text == "Onbekende opdracht «:onzin». Typ :help voor alle opdrachten.")
        #expect(c.handle(":terg").text == "Onbekende opdracht «:terg». Bedoel je :terug? Typ :help voor alle opdrachten.")
        #expect(c.session.events.isEmpty)
        #expect(c.activeQuestion?.id == "thema")
    }

    @Test func questionBlockShowsProgressAndOptions() {
        let c = conversation(["1", "Ede"])
        #expect(c.questionBlock() == """
            Vraag 3 van ongeveer 5
            Hoe krachtig is de lokale informatiepositie?
              1. Sterk
              2. Zwak
            (nummer, id of beginletters)
            """)
    }

    @Test func undoRedoAndChange() {
        var c = conversation(["1", "Súdwest-Fryslân", "zwak"])
        let undo = c.handle(":terug")
        #expect(undo.recorded)
        #expect(undo.text.hasPrefix("Teruggedraaid: je antwoord op «Hoe krachtig is de lokale informatiepositie?»."))
        #expect(c.activeQuestion?.id == "informatiepositie")
        _ = c.handle(":vooruit")
        #expect(c.session.answers["informatiepositie"] == .option("zwak"))
        #expect(c.activeQuestion?.id == "locaties")
        #expect(c.handle(":wijzig 1").text.hasPrefix("Wijzig je antwoord (nu: Weerbaar buitengebied). :terug laat het zoals het was."))
        _ = c.handle("2")
        #expect(c.session.events.last == .changed(question: "thema", value: .option("cybercrime")))
        #expect(c.isComplete)
        _ = c.handle(":wijzig thema")
        _ = c.handle("1")
        #expect(c.activeQuestion?.id == "locaties")
        #expect(c.session.answers["gemeente"] == .text("Súdwest-Fryslân"))
    }

    @Test func howExplainsAnItem() {
        var c = conversation(["1", "Ede", "zwak", "2", "n"])
        #expect(c.handle(":hoe kamer").text == """
            «Kamer van Koophandel» staat in je plan:
              • omdat je informatiepositie nog zwak is (regel bb-zwak — jouw antwoorden:
                Over welk thema wil je grip krijgen = Weerbaar buitengebied; Hoe krachtig is
                de lokale informatiepositie = Zwak)
            """)
        #expect(c.handle(":hoe onbekend").text == "«onbekend» ken ik niet als bron of stap. Tab vult de namen uit je plan aan.")
    }

    @Test func whyNamesTheWaitingRules() {
        var c = conversation(["1", "Ede"])
        #expect(c.handle(":waarom").text == """
            Je antwoord op deze vraag bepaalt:
              • bron Kamer van Koophandel en stap «Vraag bij de Omgevingsdienst de gegevens
                over leegstand op.», als je informatiepositie nog zwak is (regel bb-zwak)
              • een notitie en het weglaten van kamer-van-koophandel, als je
                informatiepositie al sterk is (regel bb-sterk)
            """)
    }

    @Test func overviewShowsSetAsideAnswers() {
        var c = conversation(["1", "Ede", "zwak", "2", "n", ":wijzig thema", "2"])
        #expect(c.handle(":overzicht").text == """
            Je antwoorden (:wijzig NUMMER past er een aan):
              1. Over welk thema wil je grip krijgen: Cybercrime [thema]
              2. Voor welke gemeente maak je dit plan: Ede [gemeente]
              3. Hoe krachtig is de lokale informatiepositie: Zwak [informatiepositie]
            Opzij gezet (die vragen gelden nu niet; ze komen terug als je het eerdere
            antwoord herstelt):
              - Welke kwetsbare locaties liggen in je buitengebied: (Voormalige) agrarische
                bebouwing
              - Ken je de lokale vereniging van de agrarische sector: Nee
            """)
    }

    @Test func actionsForTheCaller() {
        var c = Conversation(engine: engine)
        #expect(c.handle(":bewaar les.transcript").action == .save(path: "les.transcript"))
        #expect(c.handle(":export").action == .export(path: nil))
        #expect(c.handle(":q").action == .stop)
        // With «!» an existing file is replaced without the question; only saving commands take it.
        #expect(c.handle(":exporteer! plan.md").action == .export(path: "plan.md", overwrite: true))
        #expect(c.handle(":bewaar! les.transcript").action == .save(path: "les.transcript", overwrite: true))
        #expect(c.handle(":plan!").action == nil)
        #expect(c.handle(":plan!").text.hasPrefix("Onbekende opdracht «:plan!»."))
    }

    @Test func completions() {
        let c = conversation(["1", "Ede", "zwak"])
        #expect(c.completions(":wi") == [":wijzig"])
        #expect(c.completions(":wijzig th") == ["thema"])
        #expect(c.completions("vak") == ["vakantieparken"])
        #expect(c.completions("") == ["vakantieparken", "agrarisch", "(Voormalige)"])
        #expect(c.completions(":hoe kamer") == ["kamer-van-koophandel"])
    }

    /// Answers match labels and ids without regard to case or accents, composed or not.
    @Test func foldingDropsCaseAndDiacritics() throws {
        #expect(AnswerMatcher.fold("Súdwest-Fryslân") == "sudwest-fryslan")
        #expect(AnswerMatcher.fold("COÖRDINATOR Ëen") == "coordinator een")
        #expect(AnswerMatcher.fold("Cafe\u{301} e\u{308}") == "cafe e")
        #expect(AnswerMatcher.fold("Łódź") == "lodz")
        // Not letters with a diacritic: kept, as Foundation's diacritic folding kept them.
        #expect(AnswerMatcher.fold("ß Œ ĳ €") == "ß œ ĳ €")
        let question = Question(
            id: "q", text: "?", help: nil, type: .choice,
            options: [AnswerOption(id: "coordinator", label: "Coördinator", help: nil, location: SourceLocation(file: "f", line: 1, column: 1))],
            when: nil, role: nil, location: SourceLocation(file: "f", line: 1, column: 1))
        #expect(try AnswerMatcher.option("cooRdi", question).get() == "coordinator")
    }
}
