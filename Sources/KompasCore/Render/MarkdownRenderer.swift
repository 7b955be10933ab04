/// The plan as a GitHub-flavoured Markdown document, in Dutch. Every text from answers or rules
/// goes through `MarkdownEscaping`, so it cannot add markup of its own.
public enum MarkdownRenderer {
    static let priorityMark = "**(prioriteit)**"

    public static func render(_ document: PlanDocument) -> String {
        let blocks = [
            header(document), start(document), situation(document), stepPlan(document),
            sourceSection(document, .partner), sourceSection(document, .registry), sourceSection(document, .publication),
            notes(document), questionTable(document), diagram(document), comments(document), closing(document),
        ].flatMap { $0 }
        return withoutTrailingSpaces(blocks.joined(separator: "\n\n")) + "\n"
    }

    /// Every piece guards against empty texts already; this makes sure no line ends in spaces,
    /// which Markdown would read as a hard line break.
    private static func withoutTrailingSpaces(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var line = line
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    private static func esc(_ text: String) -> String { MarkdownEscaping.text(text) }

    // MARK: Title and situation

    static func header(_ document: PlanDocument) -> [String] {
        let plan = document.plan
        let subject = [plan.theme?.name, plan.municipality].compactMap { $0 }.map(esc).filter { !$0.isEmpty }
        let heading = "# Vervolgplan" + (subject.isEmpty ? "" : ": " + subject.joined(separator: " — "))
        var blocks = [heading, "Opgesteld op \(esc(document.date)) · Regelset \(esc(document.rules.fingerprint))"]
        if let introduction = plan.theme?.introduction, !introduction.isEmpty { blocks.append(esc(introduction)) }
        return blocks
    }

    /// The answers that shaped the plan; theme and municipality are already in the title.
    static func situation(_ document: PlanDocument) -> [String] {
        let lines = document.answers.filter { $0.question.role == nil }.map { answer in
            let shown = esc(answer.question.display(answer.value))
            return "- \(esc(answer.question.text)) → \(shown.isEmpty ? "(leeg)" : shown)"
        }
        return ["## Uitgangssituatie", lines.isEmpty ? "Nog geen antwoorden." : lines.joined(separator: "\n")]
    }

    // MARK: Steps, sources, notes

    /// «Begin hier»: the steps rules propose to take first, each with the reason of its rule.
    static func start(_ document: PlanDocument) -> [String] {
        let plan = document.plan
        guard !plan.start.isEmpty else { return [] }
        let items = plan.start.enumerated().map { number, item in
            ["\(number + 1). \(stepText(item.step, plan.attribution))"] + reasonLine([item.reason], plan.attribution, indent: "   ")
        }
        return ["## " + PlanWording.startTitle, items.map { $0.joined(separator: "\n") }.joined(separator: "\n")]
    }

    private static func stepText(_ step: PlanStep, _ attribution: Attribution) -> String {
        let mark = step.priority == .high ? priorityMark + " " : ""
        return mark + esc(step.step.text) + additionMark(step.origin, attribution)
    }

    /// " _(aanvulling op het Kompas)_" for an addition.
    private static func additionMark(_ origin: Origin?, _ attribution: Attribution) -> String {
        origin == .addition ? " _(\(esc(attribution.additionMark)))_" : ""
    }

    static func stepPlan(_ document: PlanDocument) -> [String] {
        guard !document.plan.steps.isEmpty else { return ["## Stappenplan", "Nog geen stappen: beantwoord meer vragen."] }
        return ["## Stappenplan"] + document.stepsByPhase.flatMap { phase, steps in
            ["### " + esc(phase.name), steps.map { stepItem($0, document.plan.attribution) }.joined(separator: "\n")]
        }
    }

    private static func stepItem(_ step: PlanStep, _ attribution: Attribution) -> String {
        (["- [ ] " + stepText(step, attribution)] + reasonLine(step.reasons, attribution)).joined(separator: "\n")
    }

    /// "_Waarom:_ omdat …; omdat …" as a nested item, so it renders on a line of its own.
    private static func reasonLine(_ reasons: [Provenance], _ attribution: Attribution, indent: String = "  ") -> [String] {
        let because = Provenance.distinctBecause(reasons, attribution).map(esc).filter { !$0.isEmpty }
        guard !because.isEmpty else { return [] }
        return [indent + "- _Waarom:_ " + because.map { "omdat " + $0 }.joined(separator: "; ")]
    }

    static func sourceSection(_ document: PlanDocument, _ kind: SourceKind) -> [String] {
        let groups = document.sourceGroups(kind)
        guard !groups.isEmpty else { return [] }
        return ["## " + PlanWording.sectionTitle(kind)] + groups.flatMap { scope, sources in
            (scope.map { ["### " + PlanWording.scopeName($0)] } ?? []) + [sourceList(sources, document.plan.attribution)]
        }
    }

    private static func sourceList(_ sources: [PlanSource], _ attribution: Attribution) -> String {
        sources.map { sourceItem($0, attribution) }.joined(separator: "\n")
    }

    private static func sourceItem(_ source: PlanSource, _ attribution: Attribution) -> String {
        var name = esc(source.title)
        // Only addresses from the rules become links, and only http(s) ones.
        if let url = source.entry.url, let destination = MarkdownEscaping.linkDestination(url) {
            name = "[\(name)](\(destination))"
        }
        let mark = additionMark(source.origin, attribution) + (source.priority == .high ? " " + priorityMark : "")
        let insight = esc(source.entry.insight)
        var lines = ["- **\(name)**\(mark)" + (insight.isEmpty ? "" : ": " + insight)]
        if !source.entry.questions.isEmpty {
            lines.append("  - _Vraagpunten (\(Attribution.questionsAssigned)):_ " + source.entry.questions.map(\.rawValue).joined(separator: ", "))
        }
        return (lines + reasonLine(source.reasons, attribution)).joined(separator: "\n")
    }

    static func notes(_ document: PlanDocument) -> [String] {
        let notes = document.plan.notes
        guard !notes.isEmpty else { return [] }
        let items = notes.map { (["- \(esc($0.text))"] + reasonLine([$0.reason], document.plan.attribution)).joined(separator: "\n") }
        return ["## Notities", items.joined(separator: "\n")]
    }

    // MARK: Table, diagram, closing

    /// Which of the Kompas' six questions each source helps answer.
    static func questionTable(_ document: PlanDocument) -> [String] {
        let sources = document.plan.sources
        guard !sources.isEmpty else { return [] }
        let ids = OOVQuestionID.allCases
        let header = tableRow(["Bron", "Soort"] + ids.map(\.rawValue))
        let alignment = tableRow(["---", "---"] + ids.map { _ in ":-:" })
        let rows = sources.map { source in
            tableRow([esc(source.title) + additionMark(source.origin, document.plan.attribution), PlanWording.kindName(source.entry)] + ids.map { source.entry.questions.contains($0) ? "●" : "" })
        }
        return [
            "## Bronnen per vraagpunt", esc(Attribution.questionsExplained), ([header, alignment] + rows).joined(separator: "\n"),
            legend(document.rules),
        ]
    }

    /// Cells are already escaped (`|` included), so none can add a column.
    private static func tableRow(_ cells: [String]) -> String {
        "|" + cells.map { $0.isEmpty ? " " : " \($0) " }.joined(separator: "|") + "|"
    }

    private static func legend(_ rules: RuleSet) -> String {
        let texts = PlanWording.legend(rules).map { "- **\($0.id)**: " + esc($0.text) }
        guard !texts.isEmpty else { return PlanWording.legendFallback }
        return "Vraagpunten:\n\n" + texts.joined(separator: "\n")
    }

    /// The theme with its partners and registrations around it, grouped in subgraphs.
    static func diagram(_ document: PlanDocument) -> [String] {
        let groups = document.overviewGroups
        guard !groups.isEmpty else { return [] }
        var lines = ["```mermaid", "flowchart LR"]
        var counter = 0
        func nextID() -> String { counter += 1; return "n\(counter)" }
        let root = nextID()
        lines.append("    \(root)[\"\(MarkdownEscaping.mermaidLabel(document.plan.theme?.name ?? "Vervolgplan"))\"]")
        var members: [String] = []
        for (title, sources) in groups {
            lines.append("    subgraph \(nextID()) [\"\(MarkdownEscaping.mermaidLabel(title))\"]")
            for source in sources {
                let id = nextID()
                members.append(id)
                lines.append("        \(id)[\"\(MarkdownEscaping.mermaidLabel(source.title))\"]")
            }
            lines.append("    end")
        }
        lines += members.map { "    \(root) --> \($0)" }
        lines.append("```")
        return ["## Overzicht", lines.joined(separator: "\n")]
    }

    /// The trainer's comments (`--met-commentaar`), under the question they stood before.
    static func comments(_ document: PlanDocument) -> [String] {
        guard !document.comments.isEmpty else { return [] }
        let items = document.comments.map { comment in
            "- _\(esc(document.commentHeading(comment)))_: " + comment.lines.map(esc).joined(separator: " ")
        }
        return ["## " + PlanWording.commentTitle, items.joined(separator: "\n")]
    }

    static func closing(_ document: PlanDocument) -> [String] {
        ["---", esc(document.plan.footer)]
    }
}
