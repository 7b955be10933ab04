/// The plan as the terminal shows it: plain text within `width` columns, no Markdown symbols,
/// no escape codes, so it reads the same on a screen, in a pipe and in a log.
public struct PlanTextRenderer {
    public let rules: RuleSet
    public let width: Int

    public init(rules: RuleSet, width: Int = 80) {
        self.rules = rules
        self.width = max(40, width)
    }

    public func render(_ evaluation: Evaluation) -> String {
        let plan = evaluation.plan
        var out = title(plan)
        out += situation(evaluation)
        out += steps(plan)
        for kind in SourceKind.allCases { out += sources(plan, kind) }
        out += notes(plan)
        if plan.isEmpty {
            out += ["", "Het plan is nog leeg: beantwoord de vragen, dan vult het zich."]
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func title(_ plan: Plan) -> [String] {
        var parts = ["Vervolgplan"]
        if let theme = plan.theme { parts.append(theme.name) }
        if let municipality = plan.municipality { parts.append(municipality) }
        let heading = TextLayout.wrap(parts.joined(separator: " — "), width: width)
        return heading + [String(repeating: "=", count: min(width, heading.map(\.count).max() ?? 0))]
    }

    private func section(_ name: String) -> [String] { ["", name, String(repeating: "-", count: name.count)] }

    private func situation(_ evaluation: Evaluation) -> [String] {
        let lines = rules.questions.filter { $0.role == nil }.compactMap { question -> [String]? in
            guard let value = evaluation.effectiveAnswers[question.id] else { return nil }
            return TextLayout.wrap("\(question.shortLabel): \(question.display(value))", width: width, indent: "  ", hanging: "    ")
        }
        return lines.isEmpty ? [] : section("Uitgangssituatie") + lines.flatMap { $0 }
    }

    private func steps(_ plan: Plan) -> [String] {
        guard !plan.steps.isEmpty else { return [] }
        var out = section("Stappenplan")
        var phase: String?
        for item in plan.steps {
            if item.phase.id != phase {
                phase = item.phase.id
                out += ["", "  \(item.phase.name)"]
            }
            let marker = item.priority == .high ? " (prioriteit)" : ""
            out += TextLayout.wrap(item.step.text + marker, width: width, indent: "  [ ] ", hanging: "      ")
            out += TextLayout.wrap(Self.because(item.reasons), width: width, indent: "      ", hanging: "      ")
        }
        return out
    }

    private func sources(_ plan: Plan, _ kind: SourceKind) -> [String] {
        let items = plan.sources.filter { $0.entry.kind == kind }
        guard !items.isEmpty else { return [] }
        var out: [String] = []
        for scope in [Scope.internal, .external, nil] {
            let group = items.filter { $0.entry.scope == scope }
            guard !group.isEmpty else { continue }
            out += section(Self.heading(kind, scope))
            for item in group { out += source(item) }
        }
        return out
    }

    static func heading(_ kind: SourceKind, _ scope: Scope?) -> String {
        let name = switch kind {
        case .partner: "Partners"
        case .registry: "Registraties en databases"
        case .publication: "Publicaties en websites"
        }
        return scope.map { "\(name) — \($0.rawValue)" } ?? name
    }

    private func source(_ item: PlanSource) -> [String] {
        var out = [""] + TextLayout.wrap(item.title + (item.priority == .high ? " (prioriteit)" : ""), width: width, indent: "  • ", hanging: "    ")
        out += TextLayout.wrap(item.entry.insight, width: width, indent: "    ")
        if let url = item.entry.url { out += ["    " + url] }
        let questions = item.entry.questions.map(\.rawValue).joined(separator: ", ")
        if !questions.isEmpty { out += ["    Vraagpunten: " + questions] }
        out += TextLayout.wrap(Self.because(item.reasons), width: width, indent: "    ")
        return out
    }

    private func notes(_ plan: Plan) -> [String] {
        guard !plan.notes.isEmpty else { return [] }
        return section("Notities") + plan.notes.flatMap { note in
            [""] + TextLayout.wrap(note.text, width: width, indent: "  • ", hanging: "    ")
                + TextLayout.wrap(Self.because([note.reason]), width: width, indent: "    ")
        }
    }

    /// "Waarom: omdat …; omdat …", each reason once.
    public static func because(_ reasons: [Provenance]) -> String {
        var seen = Set<String>()
        let clauses = reasons.map(\.because).filter { seen.insert($0).inserted }
        return "Waarom: " + clauses.map { "omdat \($0)" }.joined(separator: "; ")
    }
}

extension Question {
    /// The question text without its question mark, for lists of answers.
    var shortLabel: String {
        var text = self.text
        while text.hasSuffix("?") || text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
