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
        out += start(plan)
        out += situation(evaluation)
        out += steps(plan)
        for kind in SourceKind.allCases { out += sources(plan, kind) }
        out += notes(plan)
        if plan.isEmpty {
            out += ["", "Het plan is nog leeg: beantwoord de vragen, dan vult het zich."]
        } else {
            out += [""] + TextLayout.wrap(plan.footer, width: width)
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

    /// «Begin hier»: the steps rules propose to take first, numbered, each with its reason.
    private func start(_ plan: Plan) -> [String] {
        guard !plan.start.isEmpty else { return [] }
        return section("Begin hier") + plan.start.enumerated().flatMap { number, item in
            TextLayout.wrap(stepText(item.step, plan.attribution), width: width, indent: "  \(number + 1). ", hanging: "     ")
                + TextLayout.wrap(Self.because([item.reason], plan.attribution), width: width, indent: "     ")
        }
    }

    private func stepText(_ item: PlanStep, _ attribution: Attribution) -> String {
        item.step.text + attribution.mark(item.origin) + (item.priority == .high ? " (prioriteit)" : "")
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
            out += TextLayout.wrap(stepText(item, plan.attribution), width: width, indent: "  [ ] ", hanging: "      ")
            out += TextLayout.wrap(Self.because(item.reasons, plan.attribution), width: width, indent: "      ", hanging: "      ")
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
            for item in group { out += source(item, plan.attribution) }
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

    private func source(_ item: PlanSource, _ attribution: Attribution) -> [String] {
        let title = item.title + attribution.mark(item.origin) + (item.priority == .high ? " (prioriteit)" : "")
        var out = [""] + TextLayout.wrap(title, width: width, indent: "  • ", hanging: "    ")
        out += TextLayout.wrap(item.entry.insight, width: width, indent: "    ")
        if let url = item.entry.url { out += ["    " + url] }
        let questions = item.entry.questions.map(\.rawValue).joined(separator: ", ")
        if !questions.isEmpty { out += ["    Vraagpunten (\(Attribution.questionsAssigned)): " + questions] }
        out += TextLayout.wrap(Self.because(item.reasons, attribution), width: width, indent: "    ")
        return out
    }

    private func notes(_ plan: Plan) -> [String] {
        guard !plan.notes.isEmpty else { return [] }
        return section("Notities") + plan.notes.flatMap { note in
            [""] + TextLayout.wrap(note.text, width: width, indent: "  • ", hanging: "    ")
                + TextLayout.wrap(Self.because([note.reason], plan.attribution), width: width, indent: "    ")
        }
    }

    /// "Waarom: omdat …; omdat … (aanvulling op het Kompas)", each reason once.
    public static func because(_ reasons: [Provenance], _ attribution: Attribution = Attribution(theme: nil)) -> String {
        "Waarom: " + Provenance.distinctBecause(reasons, attribution).map { "omdat \($0)" }.joined(separator: "; ")
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
