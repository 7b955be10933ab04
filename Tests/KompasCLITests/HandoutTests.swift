import Foundation
import Testing

/// `kompas plan` as a printable handout: the format follows `-o`, comments come along on request,
/// and a real browser prints it.
@Suite struct HandoutTests {
    static let typed = "<script>alert(\"x\")</script> & 'Ede'"

    /// A session recorded through the binary, with a typed municipality and a trainer's comment.
    func recorded(_ dir: String, municipality: String = "Súdwest-Fryslân") throws -> String {
        let path = dir + "/sessie.transcript"
        let result = try BinaryRunner.run(["--rules", BinaryRunner.mini, "--transcript", path], input: "buitengebied\n\(municipality)\nzwak\n2\n2\nn\n")
        #expect(result.status == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let commented = text.replacingOccurrences(of: "\nantwoord informatiepositie ", with: "\n# Trainer: \(Self.typed) — vraag door.\nantwoord informatiepositie ")
        #expect(commented != text)
        try commented.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func outputExtensionPicksTheFormat() throws {
        let dir = try BinaryRunner.temporaryDirectory()
        let transcript = try recorded(dir)
        func written(_ name: String, _ extra: [String] = []) throws -> String {
            let result = try BinaryRunner.run(["plan", "--rules", BinaryRunner.mini, transcript, "-o", dir + "/" + name] + extra)
            #expect(result.status == 0)
            #expect(result.stdout == "")
            return try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
        }
        #expect(try written("plan.html").hasPrefix("<!DOCTYPE html>\n<html lang=\"nl\">\n"))
        #expect(try written("PLAN.HTM").hasPrefix("<!DOCTYPE html>\n"))
        #expect(try JSONSerialization.jsonObject(with: Data(try written("plan.json").utf8)) is [String: Any])
        #expect(try written("plan.md").hasPrefix("# Vervolgplan: "))
        #expect(try written("plan.txt").hasPrefix("# Vervolgplan: "))
        // An explicit --format wins over the name.
        #expect(try written("ander.html", ["--format", "markdown"]).hasPrefix("# Vervolgplan: "))
        let piped = try BinaryRunner.run(["plan", "--rules", BinaryRunner.mini, transcript, "--format", "html"])
        #expect(piped.status == 0)
        #expect(piped.stdout == (try written("plan.html", ["--force"])))
    }

    @Test func commentsOnlyWhenAskedAndTypedTextEscaped() throws {
        let dir = try BinaryRunner.temporaryDirectory()
        let transcript = try recorded(dir, municipality: Self.typed)
        let plain = try BinaryRunner.run(["plan", "--rules", BinaryRunner.mini, transcript, "--format", "html"])
        #expect(plain.status == 0)
        #expect(!plain.stdout.contains("Commentaar van de trainer"))
        let html = try BinaryRunner.run(["plan", "--rules", BinaryRunner.mini, transcript, "--format", "html", "--met-commentaar"])
        #expect(html.status == 0)
        let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Ede&#39;"
        #expect(html.stdout.contains("<title>Vervolgplan: Weerbaar buitengebied (ondermijningsrisico&#39;s) — \(escaped)</title>"))
        #expect(html.stdout.contains("<li><em>Hoe krachtig is de lokale informatiepositie?</em><p>Trainer: \(escaped) — vraag door.</p></li>"))
        #expect(!html.stdout.contains("<script"))
        let markdown = try BinaryRunner.run(["plan", "--rules", BinaryRunner.mini, transcript, "--met-commentaar"])
        #expect(markdown.stdout.contains("## Commentaar van de trainer\n\n- _Hoe krachtig is de lokale informatiepositie?_: Trainer: &lt;script&gt;alert\\(\"x\"\\)&lt;/script&gt; & 'Ede' — vraag door.\n"))
    }

    static let chromium = ["chromium", "chromium-browser"].lazy.compactMap(locate).first
    static let pdftotext = locate("pdftotext")

    static func locate(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// What a trainer gets on paper: headless Chromium prints the page, pdftotext reads it back.
    @Test(.enabled(if: chromium != nil && pdftotext != nil,
        "Chromium of pdftotext ontbreekt: installeer ze met `apt-get install chromium poppler-utils` (`make test` doet dat zelf)"))
    func printsInChromium() throws {
        let dir = try BinaryRunner.temporaryDirectory()
        let html = dir + "/handout.html", pdf = dir + "/handout.pdf"
        let rules = BinaryRunner.repository + "/rules"
        let transcript = BinaryRunner.repository + "/transcripts/01-buitengebied-zwakke-informatiepositie.transcript"
        let made = try BinaryRunner.run(["plan", "--rules", rules, transcript, "--met-commentaar", "-o", html])
        #expect(made.status == 0, "\(made.stderr)")
        let printed = try BinaryRunner.run(
            ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(dir)/profiel",
             "--print-to-pdf=\(pdf)", URL(fileURLWithPath: html).absoluteString],
            environment: ["HOME": dir], executable: try #require(Self.chromium))
        #expect(FileManager.default.fileExists(atPath: pdf), "Chromium maakte geen PDF: \(printed.stderr)")
        let text = try BinaryRunner.run(["-layout", pdf, "-"], executable: try #require(Self.pdftotext)).stdout
        let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map { $0.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        // Each part that starts a page is the first thing on its page.
        #expect(pages.first?.first == "Vervolgplan: Weerbaar buitengebied")
        for heading in ["Stappenplan", "Partners", "Bronnen per vraagpunt", "Commentaar van de trainer"] {
            #expect(pages.contains { $0.first == heading }, "\(heading) begint geen pagina")
        }
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("Uitgangssituatie Waar heb je als eerste antwoord op nodig?"))
        // Links are printed with their address.
        #expect(flat.contains("Kennisplatform Ondermijning: kennisbank (http://www.kennisplatformondermijning.nl/kennisbank/pagina/8)"))
        #expect(flat.contains("Bron Soort A1 A2 A3 L1 L2 L3"))
        #expect(flat.contains("Overzicht Weerbaar buitengebied (ondermijningsrisico’s) Partners intern"))
        #expect(flat.contains("Hoe krachtig is de lokale informatiepositie op dit thema? Let op: omdat de informatiepositie zwak is"))
        #expect(flat.contains("Bron: CCV, Kompas informatiebronnen voor OOV-ers."))
    }
}
