/// Checks what no single file can: ids, references, conditions against the questions they read,
/// cycles between questions, and finally the examples. Reports everything it finds. A class: its
/// checks hand themselves to closures, and a struct holding the rule set would be copied into each.
final class RuleValidator {
    let rules: RuleSet
    let bag: DiagnosticBag
    /// References to ids no file declares: when a file could not be read, they may be declared there.
    let references: DiagnosticBag
    let examples: RuleLoader.Examples
    /// Each question's option ids: the theme question has one per theme, and every rule names it.
    private let optionIDs: [Set<String>]

    init(rules: RuleSet, bag: DiagnosticBag, references: DiagnosticBag? = nil, examples: RuleLoader.Examples = .run) {
        self.rules = rules
        self.bag = bag
        self.references = references ?? bag
        self.examples = examples
        optionIDs = rules.questions.map { Set($0.options.map(\.id)) }
    }

    func validate() {
        checkUniqueIDs()
        checkRoles()
        checkQuestionConditions()
        checkQuestionCycles()
        checkSources()
        checkSteps()
        checkRules()
        guard examples == .run else { return }
        // Warnings for maintainers, not for a session's start.
        NearDuplicates(rules: rules, bag: bag).check()
        // Examples only mean something once the rules themselves are sound.
        if !bag.hasErrors, !references.hasErrors { ExampleChecker(rules: rules, bag: bag).check(with: Engine(rules: rules)) }
    }

    private func checkQuestionConditions() {
        for question in rules.questions {
            if let when = question.when { checkCondition(when, owner: "vraag \(question.id)") }
        }
    }

    private func checkUniqueIDs() {
        let r = rules
        unique(r.themes.count, r.themeIndex, "thema", id: { r.themes[$0].id }, location: { r.themes[$0].location })
        unique(rules.phases.map { ($0.id, $0.location) }, "fase")
        unique(r.questions.count, r.questionIndex, "vraag", id: { r.questions[$0].id }, location: { r.questions[$0].location })
        unique(r.sources.count, r.sourceIndex, "bron of stap", id: { r.sources[$0].id }, location: { r.sources[$0].location })
        // Sources and steps share one namespace: a step may repeat a source's id or an earlier step's.
        for i in r.steps.indices {
            let id = r.steps[i].id
            let earlier = r.sourceIndex[id].map { r.sources[$0].location } ?? r.stepIndex[id].flatMap { $0 == i ? nil : r.steps[$0].location }
            if let earlier { bag.add(r.steps[i].location, "bron of stap `\(id)` bestaat al (\(earlier)): geef dit onderdeel een eigen id") }
        }
        unique(r.rules.count, r.ruleIndex, "regel", id: { r.rules[$0].id }, location: { r.rules[$0].location })
        unique(rules.oovQuestions.map { ($0.id, $0.location) }, "vraagpunt")
        unique(rules.glossary.map { ($0.term.lowercased(), $0.location) }, "begrip")
        for question in rules.questions where question.type != .yesno {
            unique(question.options.map { ($0.id, $0.location) }, "optie van vraag \(question.id)")
        }
    }

    /// For the ids the rule set indexes: the index holds each id's first declaration, so a
    /// declaration it does not point at is a repeat.
    private func unique(
        _ count: Int, _ index: [String: Int], _ what: String, id: (Int) -> String, location: (Int) -> SourceLocation
    ) {
        for i in 0..<count {
            if let first = index[id(i)], first != i {
                bag.add(location(i), "\(what) `\(id(i))` bestaat al (\(location(first))): geef dit onderdeel een eigen id")
            }
        }
    }

    private func unique(_ items: [(String, SourceLocation)], _ what: String) {
        var first: [String: SourceLocation] = [:]
        for (id, location) in items {
            if let earlier = first[id] {
                bag.add(location, "\(what) `\(id)` bestaat al (\(earlier)): geef dit onderdeel een eigen id")
            } else {
                first[id] = location
            }
        }
    }

    private func checkRoles() {
        let themeQuestions = rules.questions.filter { $0.role == .theme }
        let anywhere = SourceLocation(file: rules.questions.first?.location.file ?? "regels", line: 1, column: 1)
        if themeQuestions.isEmpty, !rules.themes.isEmpty {
            references.add(rules.questions.first?.location ?? anywhere, "geen vraag heeft `role: theme`: geef de vraag naar het thema `role: theme`")
        }
        for extra in themeQuestions.dropFirst() {
            bag.add(extra.location, "vraag \(extra.id) is de tweede met `role: theme`: één vraag kiest het thema")
        }
        if let question = themeQuestions.first { checkThemeOptions(question) }
        for question in rules.questions where question.role == .municipality && question.type != .text {
            bag.add(question.location, "vraag \(question.id) heeft `role: municipality` en moet dus `type: text` zijn")
        }
        for extra in rules.questions.filter({ $0.role == .municipality }).dropFirst() {
            bag.add(extra.location, "vraag \(extra.id) is de tweede met `role: municipality`: één vraag noemt de gemeente")
        }
    }

    private func checkThemeOptions(_ question: Question) {
        guard question.type == .choice else {
            bag.add(question.location, "de themavraag \(question.id) moet `type: choice` zijn")
            return
        }
        for option in question.options where !rules.hasTheme(option.id) {
            references.add(option.location, "optie `\(option.id)` van de themavraag is geen thema: gebruik een id uit `themes`")
        }
        let options = Set(question.options.map(\.id))
        for theme in rules.themes where !options.contains(theme.id) {
            bag.add(theme.location, "thema `\(theme.id)` ontbreekt bij de opties van de themavraag \(question.id) (\(question.location.file):\(question.location.line)): voeg daar een optie `- id: \(theme.id)` met een `label` toe, anders kan niemand dit thema kiezen")
        }
    }

    /// Question and option references, and operators that fit the question's type.
    /// `owner` is built only for a message: this runs for every condition of every rule.
    func checkCondition(_ condition: Condition, owner: @autoclosure () -> String) {
        // A rule without a readable `when` has been reported already.
        if condition.text.isEmpty { return }
        let origin = condition.origin
        func location(ofOffset offset: Int) -> SourceLocation { Condition.location(ofOffset: offset, from: origin) }
        condition.expression.forEachTest { op, reference, options in
            guard let index = rules.questionIndex[reference.id] else {
                return references.add(location(ofOffset: reference.offset), unknownQuestion(reference.id, owner: owner()))
            }
            if op == "answered" || !rules.questions[index].typeIsKnown { return }
            let type = rules.questions[index].type, id = reference.id
            if let message = operatorProblem(op, type, id) {
                bag.add(location(ofOffset: reference.offset), "in \(owner()): \(message)")
            }
            for option in options where type != .text && !optionIDs[index].contains(option.id) {
                let known = rules.questions[index].options.map(\.id)
                let hint = Suggestion.closest(to: option.id, among: known).map { "bedoel je `\($0)`? " } ?? ""
                bag.add(location(ofOffset: option.offset), "in \(owner()): vraag \(id) heeft geen optie `\(option.id)`: \(hint)kies uit \(known.map { "`\($0)`" }.joined(separator: ", "))")
            }
        }
    }

    private func unknownQuestion(_ id: String, owner: String) -> String {
        let hint = Suggestion.closest(to: id, among: rules.questions.map(\.id)).map { ": bedoel je `\($0)`?" } ?? ": controleer het vraag-id"
        return "in \(owner): onbekende vraag `\(id)`\(hint)"
    }

    private func operatorProblem(_ op: String, _ type: QuestionType, _ id: String) -> String? {
        switch (type, op) {
        case (.multiple, "=="), (.multiple, "!="), (.multiple, "in"):
            return "`\(op)` past niet bij meerkeuzevraag \(id): gebruik `\(id) contains …`"
        case (.choice, "contains"), (.yesno, "contains"):
            return "`contains` past alleen bij meerkeuzevragen; vraag \(id) heeft één antwoord: gebruik `==` of `in [...]`"
        case (.text, _):
            return "vraag \(id) is een tekstvraag: gebruik `answered(\(id))`"
        default:
            return nil
        }
    }

    /// Questions whose `when` conditions read each other in a circle can never be asked.
    private func checkQuestionCycles() {
        var state: [String: Int] = [:]  // 1 = on the path, 2 = done
        var path: [String] = []
        func visit(_ id: String) {
            guard let question = rules.question(id) else { return }
            state[id] = 1
            path.append(id)
            for next in question.when?.questionIDs ?? [] {
                if state[next] == 1 {
                    let cycle = path.drop { $0 != next } + [next]
                    bag.add(question.when!.origin, "de voorwaarden van deze vragen wachten op elkaar in een kring (\(cycle.joined(separator: " → "))): geen ervan kan gesteld worden; haal één verwijzing weg")
                } else if state[next] == nil {
                    visit(next)
                }
            }
            path.removeLast()
            state[id] = 2
        }
        for question in rules.questions where state[question.id] == nil { visit(question.id) }
    }

    private func checkSources() {
        for source in rules.sources {
            for entry in source.entries {
                if let theme = entry.theme, !rules.hasTheme(theme) {
                    references.add(entry.location, "bron \(source.id) noemt onbekend thema `\(theme)`: gebruik een id uit `themes`")
                }
            }
        }
    }

    private func checkSteps() {
        for step in rules.steps {
            if !step.phase.isEmpty, rules.phase(step.phase) == nil {
                let phases = rules.phases.map(\.id)
                let hint = Suggestion.closest(to: step.phase, among: phases).map { "bedoel je `\($0)`? " } ?? ""
                let known = phases.isEmpty ? "voeg eerst fasen toe onder `phases`" : "kies uit \(phases.map { "`\($0)`" }.joined(separator: ", "))"
                references.add(step.location, "stap \(step.id) noemt onbekende fase `\(step.phase)`: \(hint)\(known)")
            }
            for id in step.sources where !rules.hasSource(id) {
                references.add(step.referenceLocations["sources", id] ?? step.location, "stap \(step.id) noemt onbekende bron `\(id)`: \(hint(id, rules.sources.map(\.id)))")
            }
        }
    }

    private func checkRules() {
        for rule in rules.rules {
            checkCondition(rule.when, owner: "regel \(rule.id)")
            for id in rule.sources where !rules.hasSource(id) {
                let what = rules.hasStep(id) ? "`\(id)` is een stap: zet het onder `steps`" : "onbekende bron `\(id)`: \(hint(id, rules.sources.map(\.id)))"
                references.add(rule.referenceLocations["sources", id] ?? rule.location, "regel \(rule.id): \(what)")
            }
            for id in rule.steps where !rules.hasStep(id) {
                let what = rules.hasSource(id) ? "`\(id)` is een bron: zet het onder `sources`" : "onbekende stap `\(id)`: \(hint(id, rules.steps.map(\.id)))"
                references.add(rule.referenceLocations["steps", id] ?? rule.location, "regel \(rule.id): \(what)")
            }
            for id in rule.start where !rules.hasStep(id) {
                let what = rules.hasSource(id) ? "`\(id)` is een bron, en «Begin hier» noemt alleen stappen: zet het onder `sources`" : "onbekende stap `\(id)`: \(hint(id, rules.steps.map(\.id)))"
                bag.add(rule.referenceLocations["start", id] ?? rule.location, "regel \(rule.id), `start`: \(what)")
            }
            for id in rule.exclude where !rules.hasSource(id) && !rules.hasStep(id) {
                references.add(rule.referenceLocations["exclude", id] ?? rule.location, "regel \(rule.id) sluit onbekend onderdeel `\(id)` uit: \(hint(id, rules.sources.map(\.id) + rules.steps.map(\.id)))")
            }
        }
    }

    func hint(_ id: String, _ known: [String]) -> String {
        Suggestion.closest(to: id, among: known).map { "bedoel je `\($0)`?" } ?? "controleer het id"
    }
}
