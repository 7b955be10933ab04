import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import KompasCore

/// The HTML page read back by an XML parser: it is written well-formed (void elements closed with
/// `/>`), so a stray `<` or an unclosed tag from a text fails the parse itself.
final class PageTree: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []

    static func parse(_ html: String) throws -> PageTree {
        let tree = PageTree()
        let parser = XMLParser(data: Data(html.utf8))
        parser.delegate = tree
        #expect(parser.parse(), "geen goed gevormde pagina: \(parser.parserError.map { "\($0)" } ?? "")")
        return tree
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        open.append(elements.count)
        elements.append(Element(name: name, attributes: attributes))
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { open.removeLast() }

    /// Text belongs to every element it stands in, so a section's text is all of its text.
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        for index in open { elements[index].text += string }
    }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    var counts: [String: Int] { Dictionary(elements.map { ($0.name, 1) }, uniquingKeysWith: +) }
}

@Suite struct HTMLRendererTests {
    static func commented(municipality: String = "Ede", comment: String = "Let op de informatiepositie.") throws -> PlanDocument {
        var document = try RenderFixture.enriched(municipality: municipality, note: "Niets.")
        document.comments = [.init(question: "informatiepositie", lines: [comment]), .init(question: nil, lines: ["Tot volgende week."])]
        return document
    }

    @Test func onePagePerPartInOrder() throws {
        let document = try Self.commented()
        let page = try PageTree.parse(HTMLRenderer.render(document))
        #expect(page.all("section").map { $0.attributes["id"] ?? "" } == [
            "uitgangssituatie", "stappenplan", "partners", "registraties", "publicaties", "notities",
            "bronnen-per-vraagpunt", "overzicht", "commentaar",
        ])
        #expect(page.all("section").filter { $0.attributes["class"] == "nieuwe-pagina" }.map { $0.attributes["id"] ?? "" }
            == ["stappenplan", "partners", "bronnen-per-vraagpunt", "commentaar"])
        #expect(page.all("title").map(\.text) == ["Vervolgplan: Weerbaar buitengebied (ondermijningsrisico's) — Ede"])
        #expect(page.all("h3").map(\.text) == ["Beeld vormen", "Borgen", "Intern", "Extern", "Extern"])
        // Self-contained: one stylesheet inline, nothing loaded, nothing run.
        #expect(page.all("style").count == 1)
        for name in ["script", "link", "img", "iframe", "object", "embed"] { #expect(page.all(name).isEmpty, "\(name)") }
        #expect(page.elements.filter { $0.attributes["src"] != nil || $0.attributes.keys.contains { $0.hasPrefix("on") } }.isEmpty)
    }

    @Test func stepsAreCheckboxesWithTheirReasons() throws {
        let document = try Self.commented()
        let page = try PageTree.parse(HTMLRenderer.render(document))
        #expect(page.all("input").count == document.plan.steps.count)
        #expect(page.all("input").allSatisfy { $0.attributes == ["type": "checkbox"] })
        let steps = page.all("ul").filter { $0.attributes["class"] == "stappen" }.map(\.text)
        #expect(steps.count == 2)
        #expect(steps.contains { $0.contains("(prioriteit) Vraag bij de Omgevingsdienst") })
        // Two rules give the same reason for this step: it is said once.
        #expect(steps.contains { $0.contains("Borg de aanpak in het integraal veiligheidsplan.Waarom: omdat je het buitengebied als thema koos") && !$0.contains("koos; omdat je het buitengebied") })
    }

    @Test func sourcesLinkedTableAndOverview() throws {
        let document = try Self.commented()
        let html = HTMLRenderer.render(document)
        let page = try PageTree.parse(html)
        #expect(page.all("a").map { $0.attributes["href"] ?? "" } == ["https://example.org/toezicht?a=1&b=%282%29", "https://hetccv.nl/kompas"])
        #expect(html.contains("<a href=\"https://example.org/toezicht?a=1&amp;b=%282%29\">Team toezicht en handhaving</a>"))
        let rows = page.all("tr")
        #expect(rows.count == document.plan.sources.count + 1)
        #expect(rows.first?.text == "BronSoortA1A2A3L1L2L3")
        #expect(rows.contains { $0.text == "Team toezicht en handhavingPartner (intern)●" })
        #expect(page.all("dt").map(\.text) == ["A1", "A2", "A3", "L1", "L2", "L3"])
        let overview = try #require(page.all("ul").first { $0.attributes["class"] == "overzicht" })
        #expect(overview.text.split(separator: "\n").filter { !$0.isEmpty } == [
            "Weerbaar buitengebied (ondermijningsrisico's)", "Partners intern", "Team toezicht en handhaving",
            "Partners extern", "Omgevingsdienst", "Lokale vereniging agrarische sector", "Registraties extern", "Kamer van Koophandel", "Omgevingsdienst",
        ])
        #expect(html.contains("<footer><p>Bron: CCV, Kompas informatiebronnen voor OOV-ers. Thema gebaseerd op: Kompas van het CCV, thema Weerbaar buitengebied.</p></footer>"))
    }

    @Test func commentsUnderTheirQuestion() throws {
        let page = try PageTree.parse(HTMLRenderer.render(try Self.commented()))
        let comments = page.all("ul").filter { $0.attributes["class"] == "commentaar" }.flatMap { $0.text.split(separator: "\n") }
        #expect(comments == ["Hoe krachtig is de lokale informatiepositie?Let op de informatiepositie.", "Tot slotTot volgende week."])
        #expect(try PageTree.parse(HTMLRenderer.render(try RenderFixture.enriched())).all("section").allSatisfy { $0.attributes["id"] != "commentaar" })
    }

    /// «Begin hier» comes first; what kompas added beyond the seeds says so, reasons included.
    @Test func beginHereAndAdditions() throws {
        var rules = try RenderFixture.enrichedRules()
        let rule = try #require(rules.rules.firstIndex { $0.id == "extra-basis" })
        rules.rules[rule].start = ["borgen-ivp"]
        rules.rules[rule].origin = .addition
        let source = try #require(rules.sources.firstIndex { $0.id == "team-toezicht" })
        rules.sources[source].entries[0].origin = .addition
        let page = try PageTree.parse(HTMLRenderer.render(try RenderFixture.enriched(rules: rules)))
        #expect(page.all("section").first?.attributes["id"] == "begin-hier")
        #expect(page.all("ol").map { $0.text.trimmingCharacters(in: .newlines) } == ["Borg de aanpak in het integraal veiligheidsplan.Waarom: omdat je het buitengebied als thema koos (aanvulling)"])
        #expect(page.all("li").contains { $0.text.hasPrefix("Team toezicht en handhaving (aanvulling): Ziet wat er") })
        #expect(page.all("li").contains { $0.text == "Bespreek het plan met je team. (aanvulling)Waarom: omdat je het buitengebied als thema koos (aanvulling)" })
        let plain = try PageTree.parse(HTMLRenderer.render(try RenderFixture.enriched()))
        #expect(plain.all("ol").isEmpty)
        #expect(!plain.elements.contains { $0.attributes["class"] == "aanvulling" })
    }

    @Test func printStylesheet() {
        let style = HTMLRenderer.style
        let print = style.components(separatedBy: "@media print {").dropFirst().joined()
        #expect(print.contains("section.nieuwe-pagina { break-before: page; }"))
        #expect(print.contains("a[href]::after { content: \" (\" attr(href) \")\";"))
        #expect(print.contains("color: #000;"))
        #expect(!print.contains("background: #"))
    }

    static let typed = "<script>alert(\"x\")</script> & 'Ede' </section><p onclick=\"x\">"

    @Test func typedTextStaysText() throws {
        let baseline = try PageTree.parse(HTMLRenderer.render(try Self.commented()))
        let html = HTMLRenderer.render(try Self.commented(municipality: Self.typed, comment: Self.typed))
        let page = try PageTree.parse(html)
        #expect(page.counts == baseline.counts)
        #expect(page.all("h1").map(\.text) == ["Vervolgplan: Weerbaar buitengebied (ondermijningsrisico's) — " + Self.typed])
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Ede&#39; &lt;/section&gt;&lt;p onclick=&quot;x&quot;&gt;"))
        #expect(!html.contains("<script"))
        #expect(page.all("ul").filter { $0.attributes["class"] == "commentaar" }.map(\.text).first?.contains(Self.typed) == true)
    }

    /// Rule files are edited by hand; a slip there must not break the page either.
    @Test func hostileRuleTextsAddNoMarkup() throws {
        let text = MarkdownRendererTests.hostile.joined(separator: " ") + " " + Self.typed
        let rules = try RenderFixture.enrichedRules(everyTextSetTo: text)
        let page = try PageTree.parse(HTMLRenderer.render(try RenderFixture.enriched(rules: rules)))
        #expect(page.counts == (try PageTree.parse(HTMLRenderer.render(try RenderFixture.enriched()))).counts)
    }

    @Test func emptyPlan() throws {
        let rules = try Fixture.mini()
        let page = try PageTree.parse(HTMLRenderer.render(RenderFixture.document(rules, [])))
        #expect(page.all("h1").map(\.text) == ["Vervolgplan"])
        #expect(page.all("section").map { $0.attributes["id"] ?? "" } == ["uitgangssituatie", "stappenplan"])
        #expect(page.all("p").map(\.text).contains("Nog geen stappen: beantwoord meer vragen."))
    }

    @Test func markdownCarriesTheCommentsToo() throws {
        let markdown = MarkdownRenderer.render(try Self.commented(comment: "Zie *ook* [dit]"))
        #expect(markdown.contains("## Commentaar van de trainer\n\n- _Hoe krachtig is de lokale informatiepositie?_: Zie \\*ook\\* \\[dit\\]\n- _Tot slot_: Tot volgende week.\n"))
        #expect(!MarkdownRenderer.render(try RenderFixture.enriched()).contains("Commentaar van de trainer"))
    }
}
