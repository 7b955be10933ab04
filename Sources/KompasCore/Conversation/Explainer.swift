/// Answers "why do you ask this?", "why is this in my plan?", "what does this term mean?"
/// and "what did I answer?" from the rules and the current evaluation.
struct Explainer {
    let rules: RuleSet
    let evaluation: Evaluation
    var width = 80

    /// WHY: the rules and questions still waiting on the active question's answer.
    func why(_ question: Question?) -> String {
        guard let question else { return "Er staat geen vraag open." }
        let knowledge = evaluation.knowledge
        let waiting = rules.rules.filter { rule in
            rule.when.questionIDs.contains(question.id) && rule.when.expression.evaluate(knowledge) != .no
        }
        let dependent = rules.questions.filter { other in
            other.when?.questionIDs.contains(question.id) == true && evaluation.statuses[other.id] != .skipped
        }
        var lines = ["Je antwoord op deze vraag bepaalt:"]
        for rule in waiting {
            lines += TextLayout.wrap("\(consequence(rule)), als \(rule.because) (regel \(rule.id))", width: width, indent: "  • ", hanging: "    ")
        }
        for other in dependent {
            lines += TextLayout.wrap("of de vraag «\(other.text)» gesteld wordt", width: width, indent: "  • ", hanging: "    ")
        }
        if waiting.isEmpty && dependent.isEmpty {
            lines = question.role == .municipality || question.type == .text
                ? ["Je antwoord komt in de titel en de uitgangssituatie van je plan."]
                : ["Deze vraag bepaalt het thema: daarmee kiest kompas de vragen, bronnen en stappen die erbij horen."]
        }
        return lines.joined(separator: "\n")
    }

    private func consequence(_ rule: Rule) -> String {
        var parts: [String] = []
        let sources = rule.sources.compactMap { rules.source($0)?.name }
        let steps = rule.steps.compactMap { rules.step($0)?.text }
        if !sources.isEmpty { parts.append("bron\(sources.count > 1 ? "nen" : "") \(sources.joined(separator: ", "))") }
        if !steps.isEmpty { parts.append("stap «\(steps.joined(separator: "», «"))»") }
        if rule.note != nil { parts.append("een notitie") }
        if !rule.exclude.isEmpty { parts.append("het weglaten van \(rule.exclude.joined(separator: ", "))") }
        return parts.joined(separator: " en ")
    }

    /// HOW: the rules that put an item in the plan, or left it out, with the answers they read.
    func how(_ argument: String?) -> String {
        guard let argument, !argument.isEmpty else {
            return "Typ :hoe gevolgd door een bron of stap uit je plan, bijvoorbeeld :hoe \(evaluation.plan.sources.first?.source.id ?? "riec")."
        }
        guard let id = itemID(argument) else {
            return "«\(argument.prefix(40))» ken ik niet als bron of stap. Tab vult de namen uit je plan aan."
        }
        let name = rules.source(id)?.name ?? rules.step(id)?.text ?? id
        let plan = evaluation.plan
        if let reasons = plan.reasons(for: id) {
            let origin = plan.steps.first { $0.step.id == id }?.origin ?? plan.sources.first { $0.source.id == id }?.origin
            let start = plan.start.contains { $0.step.step.id == id } ? ", ook onder «Begin hier»" : ""
            return (["«\(name)»\(plan.attribution.mark(origin)) staat in je plan\(start):"] + reasons.flatMap(describe)).joined(separator: "\n")
        }
        if let excluded = evaluation.plan.excluded.first(where: { $0.id == id }) {
            return (["«\(name)» staat niet in je plan, omdat een regel het uitsluit:"] + excluded.reasons.flatMap(describe)).joined(separator: "\n")
        }
        return "«\(name)» staat (nog) niet in je plan: geen regel noemt het bij je antwoorden tot nu toe."
    }

    private func describe(_ reason: Provenance) -> [String] {
        let answers = reason.answers.map { read in
            let question = rules.question(read.question)
            return "\(question?.shortLabel ?? read.question) = \(question?.display(read.value) ?? "")"
        }
        let read = answers.isEmpty ? "" : " — jouw antwoorden: \(answers.joined(separator: "; "))"
        let mark = reason.origin == .addition ? ", \(evaluation.plan.attribution.additionMark)" : ""
        return TextLayout.wrap("omdat \(reason.because) (regel \(reason.rule)\(mark)\(read))", width: width, indent: "  • ", hanging: "    ")
    }

    /// An item by id, or by an unambiguous beginning of its name, ignoring case and accents.
    private func itemID(_ text: String) -> String? {
        if rules.source(text) != nil || rules.step(text) != nil { return text }
        let folded = AnswerMatcher.fold(text)
        let names = rules.sources.map { ($0.id, $0.name) } + rules.sources.flatMap { s in s.entries.compactMap { e in e.title.map { (s.id, $0) } } }
        let matches = Set(names.filter { AnswerMatcher.fold($0.1).hasPrefix(folded) }.map(\.0))
        return matches.count == 1 ? matches.first : nil
    }

    func term(_ argument: String?) -> String {
        guard let argument, !argument.isEmpty else {
            return "Begrippen: " + rules.glossary.map(\.term).joined(separator: ", ") + ".\nTyp :begrip TERM, bijvoorbeeld :begrip \(rules.glossary.first?.term ?? "RIEC")."
        }
        let folded = AnswerMatcher.fold(argument)
        let matches = rules.glossary.filter { AnswerMatcher.fold($0.term) == folded }
            + rules.glossary.filter { AnswerMatcher.fold($0.term) != folded && AnswerMatcher.fold($0.term).hasPrefix(folded) }
        guard let entry = matches.first else {
            return "«\(argument.prefix(40))» staat niet in de begrippenlijst. :begrip zonder term toont de lijst."
        }
        let text = "\(entry.term)\(evaluation.plan.attribution.mark(entry.origin)): \(entry.meaning)." + (entry.explanation.map { " " + $0 } ?? "")
        return TextLayout.wrap(text, width: width).joined(separator: "\n")
    }

    func overview(_ session: Session) -> String {
        let answered = rules.questions.filter { evaluation.effectiveAnswers[$0.id] != nil }
        guard !answered.isEmpty else { return "Je hebt nog geen vragen beantwoord." }
        var lines = ["Je antwoorden (:wijzig NUMMER past er een aan):"]
        for (number, question) in answered.enumerated() {
            lines += TextLayout.wrap("\(question.shortLabel): \(question.display(evaluation.effectiveAnswers[question.id]!)) [\(question.id)]", width: width, indent: "  \(number + 1). ", hanging: "     ")
        }
        let aside = rules.questions.filter { session.answers[$0.id] != nil && evaluation.effectiveAnswers[$0.id] == nil }
        if !aside.isEmpty {
            lines += TextLayout.wrap("Opzij gezet (die vragen gelden nu niet; ze komen terug als je het eerdere antwoord herstelt):", width: width)
            lines += aside.flatMap { TextLayout.wrap("\($0.shortLabel): \($0.display(session.answers[$0.id]!))", width: width, indent: "  - ", hanging: "    ") }
        }
        return lines.joined(separator: "\n")
    }
}

extension Evaluation {
    /// What is known of each answer, as the conditions read it.
    var knowledge: (String) -> Knowledge {
        let statuses = self.statuses
        return { id in
            switch statuses[id] {
            case .answered(let value): .answered(value)
            case .pending, .undecided: .unknown
            case .skipped, nil: .absent
            }
        }
    }
}

struct Completer {
    let rules: RuleSet
    let evaluation: Evaluation
    let question: Question?

    func candidates(_ before: String) -> [String] {
        let word = before.split(separator: " ", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let head = before.dropLast(word.count).trimmingCharacters(in: " ")
        let pool: [String]
        switch head.lowercased() {
        case "" where word.hasPrefix(":"): pool = MetaCommand.allCases.map { ":" + $0.rawValue }
        case ":wijzig", ":change": pool = rules.questions.filter { evaluation.effectiveAnswers[$0.id] != nil }.map(\.id)
        case ":hoe", ":how": pool = evaluation.plan.sources.map(\.source.id) + evaluation.plan.steps.map(\.step.id)
        case ":begrip", ":term": pool = rules.glossary.map(\.term)
        default: pool = question.map { q in q.options.map(\.id) + q.options.compactMap { $0.label.split(separator: " ").first.map(String.init) } } ?? []
        }
        let folded = AnswerMatcher.fold(word)
        var seen = Set<String>()
        // An option id and its label's first word often differ only in case: offer it once.
        return pool.filter { AnswerMatcher.fold($0).hasPrefix(folded) && seen.insert(AnswerMatcher.fold($0)).inserted }
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
