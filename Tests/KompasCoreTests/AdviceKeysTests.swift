import Foundation
import Testing
@testable import KompasCore

/// The keys of issue #21: `origin: aanvulling`, `exclusive: true` and `start: [...]`.
@Suite struct AdviceKeysTests {
    /// Added to the mini rule set: an addition as source, entry, step, rule and term; an exclusive
    /// option; two rules proposing «Begin hier» steps.
    static let extra = Fixture.signals + """
        sources:
          - id: driehoek
            name: De driehoek
            origin: aanvulling
            kind: partner
            scope: extern
            insight: Burgemeester, politie en OM stemmen de aanpak af.
            questions: [L2]
          - id: veilig-thuis
            name: Veilig Thuis
            kind: partner
            scope: extern
            entries:
              - theme: buitengebied
                insight: Advies- en meldpunt huiselijk geweld en kindermishandeling.
                questions: [L1]
                origin: aanvulling
        steps:
          - id: driehoek-agenderen
            text: Agendeer het beeld in de driehoek.
            phase: beeld-vormen
            order: 20
            origin: aanvulling
          - id: signalen-ophalen
            text: Haal de signalen op bij de wijkagent.
            phase: beeld-vormen
            order: 30
        glossary:
          - term: driehoek
            meaning: Overleg van burgemeester, politie en OM
            origin: aanvulling
        rules:
          - id: bb-driehoek
            when: thema == buitengebied
            because: de burgemeester het gezag over de openbare orde heeft
            origin: aanvulling
            sources: [driehoek, veilig-thuis]
            start: [driehoek-agenderen]
          - id: bb-geen-zicht
            when: signalen contains geen-zicht
            because: je nog geen zicht op signalen hebt
            start: [signalen-ophalen, gegevens-omgevingsdienst]
            priority: hoog
        """

    static func rules(_ more: String = extra) throws -> RuleSet {
        let dir = Fixture.directory + "/mini/"
        var files: [(String, Data)] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() {
            files.append((name, try Data(contentsOf: URL(fileURLWithPath: dir + name))))
        }
        return try RuleLoader.load(files: files + [("z.yaml", Data(more.utf8))])
    }

    @Test func originIsReadOnEveryKindOfDeclaration() throws {
        let rules = try Self.rules()
        #expect(rules.source("driehoek")?.origin == .addition)
        #expect(rules.source("driehoek")?.entries.map(\.origin) == [.addition])
        #expect(rules.source("veilig-thuis")?.origin == nil)
        #expect(rules.source("veilig-thuis")?.entries.map(\.origin) == [.addition])
        #expect(rules.source("omgevingsdienst")?.entries.map(\.origin) == [nil, nil])
        #expect(rules.step("driehoek-agenderen")?.origin == .addition)
        #expect(rules.step("signalen-ophalen")?.origin == nil)
        #expect(rules.rule("bb-driehoek")?.origin == .addition)
        #expect(rules.glossary.first { $0.term == "driehoek" }?.origin == .addition)
        #expect(rules.question("signalen")?.options.map(\.exclusive) == [false, false, true])
    }

    @Test func originHasOneValue() {
        let text = Self.extra.replacingOccurrences(of: "    origin: aanvulling\n    sources:", with: "    origin: kompas\n    sources:")
        #expect(Fixture.problems(adding: text) == [
            "z.yaml:49:13: fout: de `origin` van regel bb-driehoek kan niet `kompas` zijn: kies uit `aanvulling`"
        ])
    }

    @Test func exclusiveOnlyOnAMultipleQuestion() {
        let text = """
            questions:
              - id: omvang
                text: Hoe groot?
                type: choice
                options:
                  - id: klein
                    label: Klein
                  - id: onbekend
                    label: Onbekend
                    exclusive: true
                  - id: groot
                    label: Groot
                    exclusive: ja
            """
        #expect(Fixture.problems(adding: text) == [
            "z.yaml:8:9: fout: optie `onbekend` van vraag omvang heeft `exclusive: true`, maar alleen bij een meerkeuzevraag (`type: multiple`) kan een optie niet met andere samengaan: haal `exclusive` weg",
            "z.yaml:13:20: fout: `exclusive` van optie groot moet `true` of `false` zijn, niet `ja`",
        ])
    }

    @Test func startNamesSteps() {
        let text = """
            rules:
              - id: begin
                when: thema == buitengebied
                because: het kan
                start: [omgevingsdienst, borgen-ivpp]
            """
        #expect(Fixture.problems(adding: text) == [
            "z.yaml:5:13: fout: regel begin, `start`: `omgevingsdienst` is een bron, en «Begin hier» noemt alleen stappen: zet het onder `sources`",
            "z.yaml:5:30: fout: regel begin, `start`: onbekende stap `borgen-ivpp`: bedoel je `borgen-ivp`?",
        ])
    }

    @Test func aRuleWithOnlyStartDoesSomething() {
        let text = """
            rules:
              - id: begin
                when: thema == buitengebied
                because: het kan
                start: [borgen-ivp]
            """
        #expect(Fixture.problems(adding: text) == [])
    }

    /// Start steps are in the plan; «Begin hier» ranks high priority first, then rule order,
    /// each with the reason of the rule that proposed it.
    @Test func beginHereRanksByPriorityThenRuleOrder() throws {
        let engine = Engine(rules: try Self.rules())
        let session = engine.session([
            ("thema", .option("buitengebied")), ("gemeente", .text("Ede")), ("informatiepositie", .option("sterk")),
            ("locaties", .options([])), ("signalen", .options(["geen-zicht"])),
        ])
        let plan = engine.plan(session)
        #expect(plan.start.map(\.step.step.id) == ["signalen-ophalen", "gegevens-omgevingsdienst", "driehoek-agenderen"])
        #expect(plan.start.map(\.reason.rule) == ["bb-geen-zicht", "bb-geen-zicht", "bb-driehoek"])
        #expect(plan.itemIDs.isSuperset(of: ["signalen-ophalen", "gegevens-omgevingsdienst", "driehoek-agenderen"]))
        #expect(plan.priority(of: "signalen-ophalen") == .high)
        #expect(plan.steps.first { $0.step.id == "driehoek-agenderen" }?.reasons.map(\.origin) == [.addition])
        #expect(plan.sources.first { $0.source.id == "veilig-thuis" }?.origin == .addition)
    }

    @Test func beginHereShowsAtMostThreeAndSkipsExcludedSteps() throws {
        let more = Self.extra + """

              - id: bb-meer
                when: thema == buitengebied
                because: er meer te doen is
                start: [borgen-ivp]
              - id: bb-weg
                when: signalen contains drugs
                because: het al loopt
                exclude: [signalen-ophalen]
            """
        let engine = Engine(rules: try Self.rules(more))
        func start(_ signals: [String]) -> [String] {
            engine.plan(engine.session([
                ("thema", .option("buitengebied")), ("gemeente", .text("Ede")), ("informatiepositie", .option("zwak")),
                ("locaties", .options([])), ("signalen", .options(signals)),
            ])).start.map(\.step.step.id)
        }
        #expect(start(["geen-zicht"]) == ["signalen-ophalen", "gegevens-omgevingsdienst", "driehoek-agenderen"])
        #expect(start(["drugs"]) == ["driehoek-agenderen", "borgen-ivp"])
    }

    @Test func exampleExpectsBeginHereAndRefusesExclusiveCombinations() {
        let more = Self.extra + """

        examples:
          - name: Geen zicht
            answers:
              thema: buitengebied
              gemeente: Ede
              informatiepositie: sterk
              locaties: []
              signalen: [geen-zicht]
            expect:
              start: [signalen-ophalen, driehoek-agenderen]
          - name: Geen zicht en drugs
            answers:
              thema: buitengebied
              gemeente: Ede
              informatiepositie: sterk
              locaties: []
              signalen: [drugs, geen-zicht]
            expect:
              start: [driehoek]
        """
        #expect(Fixture.problems(adding: more) == [
            "z.yaml:66:15: fout: voorbeeld \"Geen zicht\": «Begin hier» hoort [signalen-ophalen, driehoek-agenderen] te zijn, maar is [signalen-ophalen, gegevens-omgevingsdienst, driehoek-agenderen]: controleer de `start` en `priority` van de regels",
            "z.yaml:73:7: fout: voorbeeld \"Geen zicht en drugs\": «Geen zicht» gaat niet samen met andere antwoorden: kies «Geen zicht» alleen, of laat het weg",
        ])
    }
}

/// How each rendering shows «Begin hier», additions and the assigned vraagpunten.
@Suite struct AdviceRenderingTests {
    static func evaluation() throws -> (RuleSet, Evaluation) {
        let rules = try AdviceKeysTests.rules()
        let engine = Engine(rules: rules)
        let session = engine.session([
            ("thema", .option("buitengebied")), ("gemeente", .text("Ede")), ("informatiepositie", .option("sterk")),
            ("locaties", .options([])), ("signalen", .options(["geen-zicht"])),
        ])
        return (rules, engine.evaluate(session))
    }

    @Test func terminalOpensWithBeginHereAndMarksAdditions() throws {
        let (rules, evaluation) = try Self.evaluation()
        let text = PlanTextRenderer(rules: rules).render(evaluation)
        #expect(text.hasPrefix("""
            Vervolgplan — Weerbaar buitengebied (ondermijningsrisico's) — Ede
            =================================================================

            Begin hier
            ----------
              1. Haal de signalen op bij de wijkagent. (prioriteit)
                 Waarom: omdat je nog geen zicht op signalen hebt
              2. Vraag bij de Omgevingsdienst de gegevens over leegstand op. (prioriteit)
                 Waarom: omdat je nog geen zicht op signalen hebt
              3. Agendeer het beeld in de driehoek. (aanvulling op het Kompas)
                 Waarom: omdat de burgemeester het gezag over de openbare orde heeft
                 (aanvulling op het Kompas)

            Uitgangssituatie
            """))
        // High priority first within the phase, though its `order` is higher.
        #expect(text.contains("""
              Beeld vormen
              [ ] Vraag bij de Omgevingsdienst de gegevens over leegstand op. (prioriteit)
                  Waarom: omdat je nog geen zicht op signalen hebt
              [ ] Haal de signalen op bij de wijkagent. (prioriteit)
                  Waarom: omdat je nog geen zicht op signalen hebt
              [ ] Agendeer het beeld in de driehoek. (aanvulling op het Kompas)
            """))
        #expect(text.contains("""
              • De driehoek (aanvulling op het Kompas)
                Burgemeester, politie en OM stemmen de aanpak af.
                Vraagpunten (toegekend door kompas): L2
            """))
        #expect(text.hasSuffix("""

            Bron: CCV, Kompas informatiebronnen voor OOV-ers. Wat gemarkeerd is als
            «aanvulling op het Kompas» komt niet uit het Kompas: kompas voegde het toe.

            """))
    }

    @Test func markdownOpensWithBeginHereAndMarksAdditions() throws {
        let (rules, evaluation) = try Self.evaluation()
        let markdown = MarkdownRenderer.render(PlanDocument(rules: rules, evaluation: evaluation, date: "2025-03-14"))
        #expect(markdown.contains("""
            Het buitengebied van gemeenten is verhoogd kwetsbaar voor inmenging door georganiseerde criminaliteit.

            ## Begin hier

            1. **(prioriteit)** Haal de signalen op bij de wijkagent.
               - _Waarom:_ omdat je nog geen zicht op signalen hebt
            2. **(prioriteit)** Vraag bij de Omgevingsdienst de gegevens over leegstand op.
               - _Waarom:_ omdat je nog geen zicht op signalen hebt
            3. Agendeer het beeld in de driehoek. _(aanvulling op het Kompas)_
               - _Waarom:_ omdat de burgemeester het gezag over de openbare orde heeft \\(aanvulling op het Kompas\\)

            ## Uitgangssituatie
            """))
        #expect(markdown.contains("""
            - **De driehoek** _(aanvulling op het Kompas)_: Burgemeester, politie en OM stemmen de aanpak af.
              - _Vraagpunten (toegekend door kompas):_ L2
            """))
        #expect(markdown.contains("| De driehoek _(aanvulling op het Kompas)_ | Partner (extern) |"))
        #expect(markdown.hasSuffix("""
            ---

            Bron: CCV, Kompas informatiebronnen voor OOV-ers. Wat gemarkeerd is als «aanvulling op het Kompas» komt niet uit het Kompas: kompas voegde het toe.

            """))
    }

    @Test func jsonCarriesStartOriginAndAttribution() throws {
        let (rules, evaluation) = try Self.evaluation()
        let json = JSONRenderer.render(PlanDocument(rules: rules, evaluation: evaluation, date: "2025-03-14"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let start = try #require(object["start"] as? [[String: Any]])
        #expect(start.map { $0["step"] as? String } == ["signalen-ophalen", "gegevens-omgevingsdienst", "driehoek-agenderen"])
        #expect(start.map { ($0["reason"] as? [String: Any])?["rule"] as? String } == ["bb-geen-zicht", "bb-geen-zicht", "bb-driehoek"])
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.map { ($0["origin"] as? String) ?? "-" } == ["-", "-", "aanvulling", "-"])
        let sources = try #require(object["sources"] as? [[String: Any]])
        let driehoek = try #require(sources.first { $0["id"] as? String == "driehoek" })
        #expect(driehoek["origin"] as? String == "aanvulling")
        #expect(driehoek["questions_assigned_by"] as? String == "kompas")
        #expect(((driehoek["reasons"] as? [[String: Any]])?.first?["origin"]) as? String == "aanvulling")
        #expect(object["attribution"] as? String == "Bron: CCV, Kompas informatiebronnen voor OOV-ers. Wat gemarkeerd is als «aanvulling op het Kompas» komt niet uit het Kompas: kompas voegde het toe.")
    }

    @Test func howAndTermSayAddition() throws {
        let (rules, evaluation) = try Self.evaluation()
        let explainer = Explainer(rules: rules, evaluation: evaluation)
        #expect(explainer.how("driehoek-agenderen") == """
            «Agendeer het beeld in de driehoek.» (aanvulling op het Kompas) staat in je plan, ook onder «Begin hier»:
              • omdat de burgemeester het gezag over de openbare orde heeft (regel
                bb-driehoek, aanvulling op het Kompas — jouw antwoorden: Over welk thema wil
                je grip krijgen = Weerbaar buitengebied)
            """)
        #expect(explainer.term("driehoek") == "driehoek (aanvulling op het Kompas): Overleg van burgemeester, politie en OM.")
    }

    /// A theme not from the Kompas gets no CCV footer, and its additions are additions to its own source.
    @Test func aThemeNotFromTheKompasHasNoCCVFooter() throws {
        var (rules, evaluation) = try Self.evaluation()
        let basedOn = "Nieuwsbericht over explosies; geen thema van het Kompas"
        rules.themes[0].basedOn = basedOn
        evaluation.plan.theme?.basedOn = basedOn
        let text = PlanTextRenderer(rules: rules, width: 200).render(evaluation)
        #expect(!text.contains("CCV"))
        #expect(text.contains("Agendeer het beeld in de driehoek. (aanvulling op de bron van dit thema)"))
        #expect(text.hasSuffix("\nThema gebaseerd op: Nieuwsbericht over explosies; geen thema van het Kompas. Wat gemarkeerd is als «aanvulling op de bron van dit thema» komt niet uit die bron: kompas voegde het toe.\n"))
    }
}
