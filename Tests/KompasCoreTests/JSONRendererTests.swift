import Foundation
import Testing
@testable import KompasCore

@Suite struct JSONRendererTests {
    func parse(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test func parsesBackWithTheDocumentedTopLevelKeys() throws {
        let json = JSONRenderer.render(try RenderFixture.mini())
        let object = try parse(json)
        #expect(object.keys.sorted() == [
            "answers", "attribution", "date", "excluded", "municipality", "notes", "oov_questions", "rules_fingerprint",
            "schema", "sources", "start", "steps", "theme", "version",
        ])
        #expect(object["schema"] as? String == "kompas-plan")
        #expect(object["version"] as? Int == 1)
        #expect(object["date"] as? String == "2025-03-14")
        #expect(object["municipality"] as? String == "Súdwest-Fryslân")
        #expect(json.hasSuffix("}\n"))
    }

    @Test func sameInputSameBytes() throws {
        #expect(JSONRenderer.render(try RenderFixture.enriched()) == JSONRenderer.render(try RenderFixture.enriched()))
    }

    @Test func stepsSourcesAndAnswersCarryTheirReasons() throws {
        let object = try parse(JSONRenderer.render(try RenderFixture.mini()))
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.map { $0["id"] as? String } == ["gegevens-omgevingsdienst", "borgen-ivp"])
        #expect(steps.map { $0["priority"] as? String } == ["hoog", "normaal"])
        #expect((steps[0]["phase"] as? [String: String]) == ["id": "beeld-vormen", "name": "Beeld vormen"])
        let reason = try #require((steps[0]["reasons"] as? [[String: Any]])?.first)
        #expect(reason["rule"] as? String == "bb-zwak")
        #expect(reason["because"] as? String == "je informatiepositie nog zwak is")
        #expect((reason["answers"] as? [[String: String]]) == [
            ["question": "thema", "value": "buitengebied"], ["question": "informatiepositie", "value": "zwak"],
        ])
        let sources = try #require(object["sources"] as? [[String: Any]])
        #expect(sources.map { "\($0["id"]!):\($0["kind"]!):\($0["scope"]!)" } == [
            "omgevingsdienst:partner:extern", "agrarische-vereniging:partner:extern",
            "kamer-van-koophandel:registratie:extern", "omgevingsdienst:registratie:extern",
        ])
        #expect(sources[0]["url"] is NSNull)
        #expect(sources[0]["questions"] as? [String] == ["L1", "L3"])
        let answers = try #require(object["answers"] as? [[String: Any]])
        #expect(answers.map { $0["question"] as? String } == ["thema", "gemeente", "informatiepositie", "locaties", "lto-bekend"])
        #expect(answers[3]["value"] as? [String] == ["agrarisch"])
        #expect(answers[3]["display"] as? String == "(Voormalige) agrarische bebouwing")
        #expect(answers[1]["value"] as? String == "Súdwest-Fryslân")
    }

    @Test func enrichedPlanHasUrlsNotesAndTheme() throws {
        let object = try parse(JSONRenderer.render(try RenderFixture.enriched(municipality: "\"Ede\"\n</script>")))
        #expect(object["municipality"] as? String == "\"Ede\"\n</script>")
        let theme = try #require(object["theme"] as? [String: Any])
        #expect(theme["id"] as? String == "buitengebied")
        #expect(theme["based_on"] as? String == "Kompas van het CCV, thema Weerbaar buitengebied")
        let sources = try #require(object["sources"] as? [[String: Any]])
        #expect(sources.compactMap { $0["url"] as? String } == ["https://example.org/toezicht?a=1&b=(2)", "https://hetccv.nl/kompas"])
        #expect(sources.last?["scope"] is NSNull)
        let notes = try #require(object["notes"] as? [[String: Any]])
        #expect(notes.map { $0["text"] as? String } == ["Bespreek het plan met je team."])
        #expect((notes[0]["reason"] as? [String: Any])?["rule"] as? String == "extra-basis")
        #expect((object["oov_questions"] as? [[String: String]])?.first == ["id": "A1", "group": "algemeen", "text": "Wat is het probleem?"])
    }

    @Test func excludedItemsAndAnEmptyPlan() throws {
        let rules = try Fixture.mini()
        let strong = RenderFixture.document(rules, [("thema", .option("buitengebied")), ("informatiepositie", .option("sterk"))])
        let excluded = try #require(try parse(JSONRenderer.render(strong))["excluded"] as? [[String: Any]])
        #expect(excluded.map { $0["id"] as? String } == ["kamer-van-koophandel"])
        let json = JSONRenderer.render(RenderFixture.document(rules, []))
        let empty = try parse(json)
        #expect(empty["theme"] is NSNull)
        #expect(empty["municipality"] is NSNull)
        #expect(json.contains("  \"steps\" : [],\n"))
    }

    /// The layout of Foundation's pretty printer, which the exports had before kompas wrote its
    /// own JSON: keys sorted, `"key" : value`, empty lists on one line.
    @Test func writesFoundationsLayoutAndEscapes() {
        let value: JSON = [
            "b": .array([.string("["), .int(-3), .null]), "a": .array([]), "c": ["z": .object([:]), "y": .string("x")],
            "d": .string("\"q\" \\ / é\n\t\r\u{8}\u{C}\u{1}\u{1F}\u{7F}"),
        ]
        var output = ""
        value.write(to: &output, indent: "")
        #expect(output == """
            {
              "a" : [],
              "b" : [
                "[",
                -3,
                null
              ],
              "c" : {
                "y" : "x",
                "z" : {}
              },
              "d" : "\\"q\\" \\\\ / é\\n\\t\\r\\u0008\\u000c\\u0001\\u001f\\u007f"
            }
            """)
        let parsed = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        #expect(parsed?["d"] as? String == "\"q\" \\ / é\n\t\r\u{8}\u{C}\u{1}\u{1F}\u{7F}")
    }
}
