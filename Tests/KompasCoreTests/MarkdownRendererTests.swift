import Foundation
import Testing
@testable import KompasCore

/// Plans to render: the mini fixture as is, and enriched with what it lacks (links, the six
/// vraagpunten, a publication, an internal partner, a note, a free-text question, `based_on`).
enum RenderFixture {
    static let buitengebied: [(String, AnswerValue)] = [
        ("thema", .option("buitengebied")), ("gemeente", .text("Súdwest-Fryslân")),
        ("informatiepositie", .option("zwak")), ("locaties", .options(["agrarisch"])), ("lto-bekend", .option("nee")),
    ]

    static let extra = """
        oov_questions:
          - {id: A1, group: algemeen, text: Wat is het probleem?}
          - {id: A2, group: algemeen, text: Wie zijn de betrokkenen?}
          - {id: A3, group: algemeen, text: Welke aanpak werkt?}
          - {id: L1, group: lokaal, text: Waar speelt het in de gemeente?}
          - {id: L2, group: lokaal, text: Wat doet de gemeente al?}
          - {id: L3, group: lokaal, text: Hoe groot is het lokale risico?}
        questions:
          - id: toelichting
            text: Wat wil je verder kwijt?
            type: text
        sources:
          - id: ccv-kompas
            name: CCV Kompas
            kind: publicatie
            url: https://hetccv.nl/kompas
            insight: Overzicht van informatiebronnen per thema.
            questions: [A1, A2]
          - id: team-toezicht
            name: Team toezicht en handhaving
            kind: partner
            scope: intern
            url: https://example.org/toezicht?a=1&b=(2)
            insight: Ziet wat er in het buitengebied gebeurt.
            questions: [L2]
        rules:
          - id: extra-basis
            when: thema == buitengebied
            because: je het buitengebied als thema koos
            sources: [ccv-kompas, team-toezicht]
            steps: [borgen-ivp]
            note: Bespreek het plan met je team.
        """

    static func enrichedRules() throws -> RuleSet {
        let dir = Fixture.directory + "/mini/"
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".yaml") }.sorted()
        var files = names.map { (path: dir + $0, contents: FileManager.default.contents(atPath: dir + $0)) }
        files.append((path: "zz-extra.yaml", contents: Data(extra.utf8)))
        var rules = try RuleLoader.load(files: files)
        rules.themes[0].basedOn = "Kompas van het CCV, thema Weerbaar buitengebied"
        return rules
    }

    /// The enriched rules with every text a plan shows from a rule file replaced by `text`.
    static func enrichedRules(everyTextSetTo text: String) throws -> RuleSet {
        var rules = try enrichedRules()
        rules.themes[0].name = text
        rules.themes[0].introduction = text
        rules.themes[0].basedOn = text
        rules.phases[0].name = text
        rules.steps[0].text = text
        rules.questions[2].text = text
        rules.questions[2].options[1].label = text
        for index in rules.sources.indices {
            rules.sources[index].name = text
            for entry in rules.sources[index].entries.indices { rules.sources[index].entries[entry].insight = text }
        }
        for index in rules.rules.indices {
            rules.rules[index].because = text
            rules.rules[index].note = rules.rules[index].note.map { _ in text }
        }
        for index in rules.oovQuestions.indices { rules.oovQuestions[index].text = text }
        return rules
    }

    static func document(_ rules: RuleSet, _ answers: [(String, AnswerValue)]) -> PlanDocument {
        let engine = Engine(rules: rules)
        return PlanDocument(rules: rules, evaluation: engine.evaluate(engine.session(answers)), date: "2025-03-14")
    }

    static func mini() throws -> PlanDocument { document(try Fixture.mini(), buitengebied) }

    /// The enriched plan with a municipality and a free-text answer of the caller's choosing.
    static func enriched(municipality: String = "Ede", note: String = "Niets.", rules: RuleSet? = nil) throws -> PlanDocument {
        let answers = buitengebied.map { $0.0 == "gemeente" ? ($0.0, .text(municipality)) : $0 } + [("toelichting", .text(note))]
        return document(try rules ?? enrichedRules(), answers)
    }
}

/// Runs the real GitHub-flavoured Markdown parser, as GitHub would render an exported plan.
enum CMark {
    static func html(_ markdown: String) throws -> String {
        let executable = try #require(
            locate("cmark-gfm"),
            "cmark-gfm ontbreekt: installeer het met `apt-get install cmark-gfm` (`make test` doet dat zelf)")
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("kompas-render-\(UUID().uuidString).md")
        try markdown.write(to: input, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--extension", "table", "--extension", "tasklist", "--extension", "autolink", "-t", "html", input.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "cmark-gfm stopte met status \(process.terminationStatus)")
        return String(decoding: data, as: UTF8.self)
    }

    private static func locate(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// How often each kind of element occurs: hostile text must not change any of these.
    static let tags = [
        "<h", "<a ", "<img", "<script", "<strong", "<em", "<del", "<code", "<pre", "<table", "<thead", "<tbody", "<tr", "<th>", "<th ", "<td>", "<td ",
        "<input", "<ul", "<ol", "<li", "<p>", "<blockquote", "<hr", "<br",
    ]

    static func tagCounts(_ html: String) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: tags.map { ($0, html.lowercased().components(separatedBy: $0).count - 1) })
    }

    /// The number of cells in each table row, header included.
    static func rowWidths(_ html: String) -> [Int] {
        html.components(separatedBy: "<tr>").dropFirst().map { row in
            let row = row.components(separatedBy: "</tr>")[0]
            return ["<th>", "<th ", "<td>", "<td "].map { row.components(separatedBy: $0).count - 1 }.reduce(0, +)
        }
    }

    static func hrefs(_ html: String) -> [String] {
        html.components(separatedBy: "<a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }
}

@Suite struct MarkdownRendererTests {
    @Test func miniPlanMatchesTheGolden() throws {
        let document = try RenderFixture.mini()
        #expect(MarkdownRenderer.render(document) == Self.golden(fingerprint: document.rules.fingerprint))
    }

    @Test func sameInputSameBytes() throws {
        let first = MarkdownRenderer.render(try RenderFixture.enriched())
        #expect(MarkdownRenderer.render(try RenderFixture.enriched()) == first)
    }

    @Test func noTrailingSpacesAndOneFinalNewline() throws {
        for document in [try RenderFixture.mini(), try RenderFixture.enriched(municipality: "Ede  ", note: "x \n y\t")] {
            let markdown = MarkdownRenderer.render(document)
            #expect(markdown.hasSuffix("\n") && !markdown.hasSuffix("\n\n"))
            #expect(markdown.split(separator: "\n").filter { $0.hasSuffix(" ") || $0.hasSuffix("\t") } == [])
        }
    }

    @Test func emptyTextAnswers() throws {
        let markdown = MarkdownRenderer.render(try RenderFixture.enriched(municipality: " ", note: "\n"))
        #expect(markdown.hasPrefix("# Vervolgplan: Weerbaar buitengebied \\(ondermijningsrisico's\\)\n"))
        #expect(markdown.contains("- Wat wil je verder kwijt? → (leeg)\n"))
    }

    @Test func titleWithoutMunicipalityOrTheme() throws {
        let rules = try Fixture.mini()
        let noMunicipality = RenderFixture.document(rules, [("thema", .option("cybercrime"))])
        #expect(MarkdownRenderer.render(noMunicipality).hasPrefix("# Vervolgplan: Gedigitaliseerde criminaliteit/cybercrime\n"))
        let empty = RenderFixture.document(rules, [])
        let markdown = MarkdownRenderer.render(empty)
        #expect(markdown.hasPrefix("# Vervolgplan\n\nOpgesteld op 2025-03-14 · Regelset \(rules.fingerprint)\n"))
        #expect(markdown.contains("## Stappenplan\n\nNog geen stappen: beantwoord meer vragen.\n"))
        #expect(!markdown.contains("```mermaid"))
    }

    @Test func enrichedPlanHasLinksLegendNotesAndAttribution() throws {
        let markdown = MarkdownRenderer.render(try RenderFixture.enriched())
        #expect(markdown.contains("""
            ### Intern

            - **[Team toezicht en handhaving](https://example.org/toezicht?a=1&b=%282%29)**: Ziet wat er in het buitengebied gebeurt.
            """))
        #expect(markdown.contains("""
            ## Publicaties en websites

            - **[CCV Kompas](https://hetccv.nl/kompas)**: Overzicht van informatiebronnen per thema.
            """))
        // Two rules give the same reason for this step: it is said once.
        #expect(markdown.contains("- [ ] Borg de aanpak in het integraal veiligheidsplan.\n  - _Waarom:_ omdat je het buitengebied als thema koos\n"))
        #expect(markdown.contains("## Notities\n\n- Bespreek het plan met je team.\n  - _Waarom:_ omdat je het buitengebied als thema koos\n"))
        #expect(markdown.contains("- Wat wil je verder kwijt? → Niets.\n"))
        #expect(markdown.contains("Vraagpunten:\n\n- **A1**: Wat is het probleem?\n- **A2**: Wie zijn de betrokkenen?\n"))
        #expect(markdown.contains("| Team toezicht en handhaving | Partner (intern) | | | | | ● | |\n"))
        #expect(markdown.contains("    subgraph n2 [\"Partners intern\"]\n        n3[\"Team toezicht en handhaving\"]\n    end\n"))
        #expect(markdown.hasSuffix("---\n\nBron: CCV, Kompas informatiebronnen voor OOV-ers. Thema gebaseerd op: Kompas van het CCV, thema Weerbaar buitengebied.\n"))
    }

    // MARK: Through a real GFM parser

    @Test func rendersAsGitHubFlavouredMarkdown() throws {
        let html = try CMark.html(MarkdownRenderer.render(try RenderFixture.enriched()))
        for heading in ["<h1>Vervolgplan: Weerbaar buitengebied (ondermijningsrisico's) — Ede</h1>", "<h2>Uitgangssituatie</h2>",
            "<h2>Stappenplan</h2>", "<h3>Beeld vormen</h3>", "<h2>Partners</h2>", "<h3>Intern</h3>", "<h3>Extern</h3>",
            "<h2>Registraties en databases</h2>", "<h2>Publicaties en websites</h2>", "<h2>Notities</h2>"]
        {
            #expect(html.contains(heading), "\(heading)")
        }
        #expect(html.contains("<table>"))
        #expect(CMark.rowWidths(html) == Array(repeating: 8, count: 7))
        #expect(html.contains("<li><input type=\"checkbox\" disabled=\"\" /> <strong>(prioriteit)</strong> Vraag bij de Omgevingsdienst"))
        #expect(CMark.tagCounts(html)["<input"] == 2)
        #expect(CMark.hrefs(html) == ["https://example.org/toezicht?a=1&amp;b=%282%29", "https://hetccv.nl/kompas"])
        #expect(html.contains("<pre><code class=\"language-mermaid\">flowchart LR\n"))
    }

    static let hostile = [
        "<script>alert(1)</script>", "[x](javascript:alert(1))", "| a | b |", "# kop", "**vet**", "http://evil.example",
        "www.evil.example", "mail@evil.example", "![img](https://evil.example/x.png)", "<https://evil.example>",
        "1. lijst", "- lijst", "> citaat", "`code`", "~~weg~~", "_schuin_", "&lt;script&gt;", "&#60;b&#62;",
        "regel\n# kop\n\n| a | b |\n|---|---|", "a\\", "x|\u{301} y", "[ref]: https://evil.example",
    ]

    @Test(arguments: hostile) func hostileAnswersAddNoMarkup(_ text: String) throws {
        let baseline = try CMark.html(MarkdownRenderer.render(try RenderFixture.enriched()))
        let html = try CMark.html(MarkdownRenderer.render(try RenderFixture.enriched(municipality: text, note: text)))
        #expect(CMark.tagCounts(html) == CMark.tagCounts(baseline))
        #expect(!html.lowercased().contains("<script"))
        #expect(CMark.hrefs(html) == CMark.hrefs(baseline))
        #expect(CMark.tagCounts(html)["<a "] == 2)
        #expect(CMark.rowWidths(html) == CMark.rowWidths(baseline))
    }

    @Test func allHostileAnswersAtOnce() throws {
        let text = Self.hostile.joined(separator: " ")
        let baseline = try CMark.html(MarkdownRenderer.render(try RenderFixture.enriched()))
        let html = try CMark.html(MarkdownRenderer.render(try RenderFixture.enriched(municipality: text, note: text)))
        #expect(CMark.tagCounts(html) == CMark.tagCounts(baseline))
        // The text survives, as text.
        #expect(html.contains("<h1>Vervolgplan: Weerbaar buitengebied (ondermijningsrisico's) — &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) | a | b | # kop **vet** http://evil.example"))
    }

    /// Rule files are edited by hand; a slip there must not break the document either.
    @Test func hostileRuleTextsAddNoMarkup() throws {
        let text = Self.hostile.joined(separator: " ") + " \"]; click n1 href \"javascript:alert(1)\" %%{init: {}}%% end"
        let rules = try RenderFixture.enrichedRules(everyTextSetTo: text)
        let markdown = MarkdownRenderer.render(try RenderFixture.enriched(rules: rules))
        let html = try CMark.html(markdown)
        #expect(CMark.tagCounts(html) == CMark.tagCounts(try CMark.html(MarkdownRenderer.render(try RenderFixture.enriched()))))
        #expect(mermaidLines(markdown).filter { !Self.isSafeMermaid($0) } == [])
    }

    private func mermaidLines(_ markdown: String) -> [Substring] {
        guard let start = markdown.range(of: "```mermaid\nflowchart LR\n") else { return ["geen diagram"] }
        return Array(markdown[start.upperBound...].split(separator: "\n").prefix { $0 != "```" })
    }

    /// The only line shapes the diagram may have; a label can never end its quotes.
    private static func isSafeMermaid(_ line: Substring) -> Bool {
        let label = #""[^"\[\]]*""#
        return [#"^    n[0-9]+\["# + label + #"\]$"#, #"^    subgraph n[0-9]+ \["# + label + #"\]$"#,
            #"^        n[0-9]+\["# + label + #"\]$"#, "^    end$", "^    n1 --> n[0-9]+$"]
            .contains { line.range(of: $0, options: .regularExpression) != nil }
            && !line.contains("%%")
    }

    // MARK: Escaping

    @Test func escapesMarkdownPunctuation() {
        #expect(MarkdownEscaping.text(##"a\b`c*d_e[f]g(h)i#j!k|l{m}n~o"##) == ##"a\\b\`c\*d\_e\[f\]g\(h\)i\#j\!k\|l\{m\}n\~o"##)
        #expect(MarkdownEscaping.text("<b> & &amp; R&D") == "&lt;b&gt; & \\&amp; R\\&D")
        #expect(MarkdownEscaping.text("12. x") == "12\\. x")
        #expect(MarkdownEscaping.text("- x + y") == "\\- x + y")
        #expect(MarkdownEscaping.text("Súdwest-Fryslân") == "Súdwest-Fryslân")
        #expect(MarkdownEscaping.text("  a\n\tb\u{2028}c  ") == "a  b c")
        #expect(MarkdownEscaping.text("x|\u{301}") == "x\\|\u{301}")
    }

    @Test func neutralisesAutolinks() {
        #expect(MarkdownEscaping.text("http://evil.example") == "http\\://evil.example")
        #expect(MarkdownEscaping.text("WWW.evil.example") == "WWW\\.evil.example")
        #expect(MarkdownEscaping.text("mail@evil.example") == "mail&#8288;@evil.example")
    }

    @Test func linkDestinationsAreHTTPOnlyAndEncoded() {
        #expect(MarkdownEscaping.linkDestination("javascript:alert(1)") == nil)
        #expect(MarkdownEscaping.linkDestination("https://a.nl/x y)<z>\"é") == "https://a.nl/x%20y%29%3Cz%3E%22%C3%A9")
    }

    @Test func mermaidLabelsCannotEndTheirQuotes() {
        #expect(MarkdownEscaping.mermaidLabel("a \"b\" #c <d> & `e` %%f (g) [h]") == "a #34;b#34; #35;c #60;d#62; #38; #96;e#96; #37;#37;f (g) #91;h#93;")
    }

    // MARK: Golden

    static func golden(fingerprint: String) -> String {
        #"""
        # Vervolgplan: Weerbaar buitengebied \(ondermijningsrisico's\) — Súdwest-Fryslân

        Opgesteld op 2025-03-14 · Regelset \#(fingerprint)

        Het buitengebied van gemeenten is verhoogd kwetsbaar voor inmenging door georganiseerde criminaliteit.

        ## Uitgangssituatie

        - Hoe krachtig is de lokale informatiepositie? → Zwak
        - Welke kwetsbare locaties liggen in je buitengebied? → \(Voormalige\) agrarische bebouwing
        - Ken je de lokale vereniging van de agrarische sector? → Nee

        ## Stappenplan

        ### Beeld vormen

        - [ ] **(prioriteit)** Vraag bij de Omgevingsdienst de gegevens over leegstand op.
          - _Waarom:_ omdat je informatiepositie nog zwak is

        ### Borgen

        - [ ] Borg de aanpak in het integraal veiligheidsplan.
          - _Waarom:_ omdat je het buitengebied als thema koos

        ## Partners

        ### Extern

        - **Omgevingsdienst**: Heeft zicht op leegstand en stoppende ondernemers.
          - _Vraagpunten (toegekend door kompas):_ L1, L3
          - _Waarom:_ omdat je het buitengebied als thema koos
        - **Lokale vereniging agrarische sector**: Heeft zicht op de weerbaarheid van agrarische ondernemers.
          - _Vraagpunten (toegekend door kompas):_ A2, L1
          - _Waarom:_ omdat er \(voormalige\) agrarische bebouwing is en je de vereniging nog niet kent

        ## Registraties en databases

        ### Extern

        - **Kamer van Koophandel** **(prioriteit)**: Database bedrijvigheid.
          - _Vraagpunten (toegekend door kompas):_ L1
          - _Waarom:_ omdat je informatiepositie nog zwak is
        - **Omgevingsdienst**: Database met indicatoren voor ondermijningsanalyse.
          - _Vraagpunten (toegekend door kompas):_ L3
          - _Waarom:_ omdat je het buitengebied als thema koos

        ## Bronnen per vraagpunt

        De vraagpunten \(A1–L3\) per bron zijn toegekend door kompas: de markeringen in het Kompas gingen verloren in de PDF.

        | Bron | Soort | A1 | A2 | A3 | L1 | L2 | L3 |
        | --- | --- | :-: | :-: | :-: | :-: | :-: | :-: |
        | Omgevingsdienst | Partner (extern) | | | | ● | | ● |
        | Lokale vereniging agrarische sector | Partner (extern) | | ● | | ● | | |
        | Kamer van Koophandel | Registratie (extern) | | | | ● | | |
        | Omgevingsdienst | Registratie (extern) | | | | | | ● |

        A1–A3 zijn de algemene vraagpunten van het Kompas, L1–L3 die over de lokale situatie.

        ## Overzicht

        ```mermaid
        flowchart LR
            n1["Weerbaar buitengebied (ondermijningsrisico's)"]
            subgraph n2 ["Partners extern"]
                n3["Omgevingsdienst"]
                n4["Lokale vereniging agrarische sector"]
            end
            subgraph n5 ["Registraties extern"]
                n6["Kamer van Koophandel"]
                n7["Omgevingsdienst"]
            end
            n1 --> n3
            n1 --> n4
            n1 --> n6
            n1 --> n7
        ```

        ---

        Bron: CCV, Kompas informatiebronnen voor OOV-ers.

        """#
    }
}
