/// The plan as one self-contained HTML page, in Dutch, for printing or mailing: inline CSS, no
/// scripts, nothing loaded from elsewhere. Every text from answers or rules goes through `esc`.
public enum HTMLRenderer {
    public static func render(_ document: PlanDocument) -> String {
        let sections = [
            start(document), situation(document), stepPlan(document),
            sourceSection(document, .partner), sourceSection(document, .registry), sourceSection(document, .publication),
            notes(document), questionTable(document), overview(document), comments(document),
        ].compactMap { $0 }
        return """
            <!DOCTYPE html>
            <html lang="nl">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>\(title(document))</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            \(header(document))
            \(sections.joined(separator: "\n"))
            \(footer(document))
            </body>
            </html>

            """
    }

    /// Text content or an attribute value: one line, `&`, `<`, `>` and both quotes as entities.
    static func esc(_ raw: String) -> String {
        var out = ""
        for scalar in MarkdownEscaping.singleLine(raw).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func section(_ id: String, _ title: String, newPage: Bool = false, _ body: [String]) -> String {
        let attributes = "id=\"\(id)\"" + (newPage ? " class=\"nieuwe-pagina\"" : "")
        return (["<section \(attributes)>", "<h2>\(esc(title))</h2>"] + body + ["</section>"]).joined(separator: "\n")
    }

    private static func list(_ items: [String], class name: String? = nil) -> String {
        let open = name.map { "<ul class=\"\($0)\">" } ?? "<ul>"
        return ([open] + items.map { "<li>\($0)</li>" } + ["</ul>"]).joined(separator: "\n")
    }

    // MARK: Title and situation

    private static func title(_ document: PlanDocument) -> String {
        let subject = [document.plan.theme?.name, document.plan.municipality].compactMap { $0 }.map(esc).filter { !$0.isEmpty }
        return "Vervolgplan" + (subject.isEmpty ? "" : ": " + subject.joined(separator: " — "))
    }

    private static func header(_ document: PlanDocument) -> String {
        var lines = ["<header>", "<h1>\(title(document))</h1>",
                     "<p class=\"meta\">Opgesteld op \(esc(document.date)) · Regelset \(esc(document.rules.fingerprint))</p>"]
        if let introduction = document.plan.theme?.introduction, !esc(introduction).isEmpty {
            lines.append("<p>\(esc(introduction))</p>")
        }
        return (lines + ["</header>"]).joined(separator: "\n")
    }

    private static func situation(_ document: PlanDocument) -> String {
        let items = document.answers.filter { $0.question.role == nil }.map { answer in
            let shown = esc(answer.question.display(answer.value))
            return "\(esc(answer.question.text)) → <strong>\(shown.isEmpty ? "(leeg)" : shown)</strong>"
        }
        return section("uitgangssituatie", "Uitgangssituatie", [items.isEmpty ? "<p>Nog geen antwoorden.</p>" : list(items)])
    }

    /// «Begin hier»: the one to three steps to take first, before anything else.
    private static func start(_ document: PlanDocument) -> String? {
        let start = document.plan.start
        guard !start.isEmpty else { return nil }
        let items = start.map { esc($0.step.step.text) + additionMark($0.step.origin) + reasons([$0.reason]) }
        return section("begin-hier", PlanWording.startTitle, ["<ol class=\"begin\">"] + items.map { "<li>\($0)</li>" } + ["</ol>"])
    }

    // MARK: Steps, sources, notes

    private static func stepPlan(_ document: PlanDocument) -> String {
        guard !document.plan.steps.isEmpty else {
            return section("stappenplan", "Stappenplan", newPage: true, ["<p>Nog geen stappen: beantwoord meer vragen.</p>"])
        }
        let body = document.stepsByPhase.flatMap { phase, steps in
            ["<h3>\(esc(phase.name))</h3>", list(steps.map(stepItem), class: "stappen")]
        }
        return section("stappenplan", "Stappenplan", newPage: true, body)
    }

    /// A checkbox to tick on screen and an empty box on paper.
    private static func stepItem(_ step: PlanStep) -> String {
        "<label><input type=\"checkbox\" /> " + priorityMark(step.priority) + esc(step.step.text) + additionMark(step.origin) + "</label>" + reasons(step.reasons)
    }

    private static func priorityMark(_ priority: Priority) -> String {
        priority == .high ? "<strong class=\"prioriteit\">(prioriteit)</strong> " : ""
    }

    /// Content that is not from the seeds says so, wherever it appears.
    private static func additionMark(_ origin: Origin?) -> String {
        origin == .addition ? " <span class=\"aanvulling\">(\(PlanWording.additionMark))</span>" : ""
    }

    private static func reasons(_ reasons: [Provenance]) -> String {
        let because = Provenance.distinctBecause(reasons).filter { !esc($0).isEmpty }.map { text in
            "omdat " + esc(text) + additionMark(reasons.contains { $0.because == text && $0.origin == .addition } ? .addition : nil)
        }
        guard !because.isEmpty else { return "" }
        return "<p class=\"waarom\"><em>Waarom:</em> " + because.joined(separator: "; ") + "</p>"
    }

    private static func sourceSection(_ document: PlanDocument, _ kind: SourceKind) -> String? {
        let groups = document.sourceGroups(kind)
        guard !groups.isEmpty else { return nil }
        let body = groups.flatMap { scope, sources in
            (scope.map { ["<h3>\(PlanWording.scopeName($0))</h3>"] } ?? []) + [list(sources.map(sourceItem), class: "bronnen")]
        }
        let id = switch kind {
        case .partner: "partners"
        case .registry: "registraties"
        case .publication: "publicaties"
        }
        return section(id, PlanWording.sectionTitle(kind), newPage: kind == .partner, body)
    }

    private static func sourceItem(_ source: PlanSource) -> String {
        var name = esc(source.title)
        // Only http(s) addresses from the rules become links.
        if let url = source.entry.url, let destination = MarkdownEscaping.linkDestination(url) {
            name = "<a href=\"\(esc(destination))\">\(name)</a>"
        }
        let insight = esc(source.entry.insight)
        var text = "<strong>\(name)</strong>" + additionMark(source.origin) + (source.priority == .high ? " <strong class=\"prioriteit\">(prioriteit)</strong>" : "")
        text += insight.isEmpty ? "" : ": " + insight
        if !source.entry.questions.isEmpty {
            text += "<p class=\"vraagpunten\"><em>Vraagpunten (\(Attribution.questionsAssigned)):</em> " + source.entry.questions.map(\.rawValue).joined(separator: ", ") + "</p>"
        }
        return text + reasons(source.reasons)
    }

    private static func notes(_ document: PlanDocument) -> String? {
        let notes = document.plan.notes
        guard !notes.isEmpty else { return nil }
        return section("notities", "Notities", [list(notes.map { esc($0.text) + additionMark($0.reason.origin) + reasons([$0.reason]) })])
    }

    // MARK: Table, overview, comments, footer

    private static func questionTable(_ document: PlanDocument) -> String? {
        let sources = document.plan.sources
        guard !sources.isEmpty else { return nil }
        let ids = OOVQuestionID.allCases.map(\.rawValue)
        let head = "<tr><th scope=\"col\">Bron</th><th scope=\"col\">Soort</th>" + ids.map { "<th scope=\"col\" class=\"punt\">\($0)</th>" }.joined() + "</tr>"
        let rows = sources.map { source in
            "<tr><th scope=\"row\">\(esc(source.title))</th><td>\(PlanWording.kindName(source.entry))</td>"
                + OOVQuestionID.allCases.map { source.entry.questions.contains($0) ? "<td class=\"punt\">●</td>" : "<td class=\"punt\"></td>" }.joined() + "</tr>"
        }
        let table = (["<table>", "<thead>", head, "</thead>", "<tbody>"] + rows + ["</tbody>", "</table>"]).joined(separator: "\n")
        let legend = PlanWording.legend(document.rules)
        let explained = legend.isEmpty
            ? "<p>\(PlanWording.legendFallback)</p>"
            : (["<dl class=\"legenda\">"] + legend.map { "<dt>\($0.id)</dt><dd>\(esc($0.text))</dd>" } + ["</dl>"]).joined(separator: "\n")
        return section("bronnen-per-vraagpunt", "Bronnen per vraagpunt", newPage: true, [table, explained])
    }

    /// The Markdown's diagram as a nested list: the theme, its groups, their sources.
    private static func overview(_ document: PlanDocument) -> String? {
        let groups = document.overviewGroups
        guard !groups.isEmpty else { return nil }
        let inner = list(groups.map { title, sources in esc(title) + "\n" + list(sources.map { esc($0.title) }) })
        let root = list([esc(document.plan.theme?.name ?? "Vervolgplan") + "\n" + inner], class: "overzicht")
        return section("overzicht", "Overzicht", [root])
    }

    private static func comments(_ document: PlanDocument) -> String? {
        guard !document.comments.isEmpty else { return nil }
        let items = document.comments.map { comment in
            "<em>\(esc(document.commentHeading(comment)))</em>" + comment.lines.map { "<p>\(esc($0))</p>" }.joined()
        }
        return section("commentaar", PlanWording.commentTitle, newPage: true, [list(items, class: "commentaar")])
    }

    private static func footer(_ document: PlanDocument) -> String {
        "<footer><p>\(esc(document.plan.footer))</p></footer>"
    }

    /// Plain on screen, black on white on paper; every section after the first page starts a page
    /// and every link is printed with its address, since paper cannot be clicked.
    static let style = """
        body { font-family: system-ui, sans-serif; line-height: 1.45; max-width: 48em; margin: 2em auto; padding: 0 1em; color: #1a1a1a; }
        h1 { font-size: 1.6em; margin-bottom: 0.2em; }
        h2 { border-bottom: 2px solid #2b5d8a; padding-bottom: 0.15em; margin-top: 1.8em; }
        h3 { margin-bottom: 0.3em; }
        .meta { color: #555; margin-top: 0; }
        ul.stappen, ul.overzicht { list-style: none; padding-left: 0; }
        ul.overzicht ul { list-style: none; padding-left: 1.5em; border-left: 2px solid #ccc; margin-left: 0.4em; }
        ul.stappen > li, ul.bronnen > li, ul.commentaar > li { margin-bottom: 0.6em; }
        ul.stappen label { display: block; padding-left: 1.6em; text-indent: -1.6em; }
        input[type=checkbox] { width: 1em; height: 1em; margin: 0 0.6em 0 0; vertical-align: -0.1em; }
        .waarom, .vraagpunten { margin: 0.15em 0 0 1.6em; font-size: 0.92em; color: #444; }
        ul.bronnen .waarom, ul.bronnen .vraagpunten { margin-left: 0; }
        .prioriteit { color: #a33; }
        .aanvulling { font-size: 0.85em; font-style: italic; color: #555; }
        #begin-hier { border: 2px solid #2b5d8a; border-radius: 6px; padding: 0 1em 0.5em; margin-top: 1.5em; }
        #begin-hier h2 { border: none; margin-top: 0.6em; }
        ol.begin > li { margin-bottom: 0.5em; font-weight: bold; }
        ol.begin .waarom, ol.begin .aanvulling { font-weight: normal; margin-left: 0; }
        table { border-collapse: collapse; width: calc(100% - 1px); margin: 0.5em 0 1em; }
        th, td { border: 1px solid #bbb; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
        thead th { background: #eef3f8; }
        th.punt, td.punt { width: 1.8em; padding: 0.25em 0.2em; text-align: center; }
        dl.legenda { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; }
        dl.legenda dt { font-weight: bold; }
        dl.legenda dd { margin: 0; }
        footer { margin-top: 3em; border-top: 1px solid #bbb; font-size: 0.9em; color: #555; }
        @media print {
          @page { margin: 18mm 16mm; }
          body { max-width: none; margin: 0; padding: 0; color: #000; font-size: 11pt; }
          table { font-size: 10pt; }
          h2 { border-bottom: 1px solid #000; break-after: avoid; }
          h3 { break-after: avoid; }
          section.nieuwe-pagina { break-before: page; }
          li, tr, dl.legenda { break-inside: avoid; }
          thead { display: table-header-group; }
          thead th { background: none; }
          .meta, .waarom, .vraagpunten, .prioriteit, .aanvulling, footer { color: #000; }
          #begin-hier { border: 1px solid #000; break-inside: avoid; }
          a { color: #000; text-decoration: none; }
          a[href]::after { content: " (" attr(href) ")"; font-weight: normal; font-size: 0.9em; overflow-wrap: anywhere; }
        }
        """
}
