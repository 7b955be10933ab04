import Dispatch

/// Checks what no single file can: ids, references, conditions against the questions they read,
/// cycles between questions, and finally the examples. Reports everything it finds.
/// A class: the checks hand themselves to closures, and a struct holding the whole rule set
/// would be copied into each (at 100× that was most of the rule checks' time).
final class RuleValidator {
    let rules: RuleSet
    let bag: DiagnosticBag
    let examples: RuleLoader.Examples
    /// Each question's option ids: the theme question has one per theme, and every rule names it.
    private let optionIDs: [Set<String>]

    /// Rules per task when the rule checks are split over the processor's cores.
    static let rulesPerTask = 2000

    init(rules: RuleSet, bag: DiagnosticBag, examples: RuleLoader.Examples = .run) {
        self.rules = rules
        self.bag = bag
        self.examples = examples
        optionIDs = rules.questions.map { Set($0.options.map(\.id)) }
    }

    /// Another validator over the same rules that reports into its own bag.
    private init(sharing other: RuleValidator) {
        rules = other.rules
        bag = DiagnosticBag()
        examples = other.examples
        optionIDs = other.optionIDs
    }

    func validate() {
        guard examples == .run else { return runSideBySide(checks) }
        // The examples need an engine, and building one only reads the rules: it is the first
        // task handed out beside the checks, and dropped if they find a problem. (On a thread of
        // its own it shared the cores with them and was still being built after them, alone: at
        // 100× checks and engine took 148 ms against 113 now, medians of eight busy runs.)
        // Written by that task, read once all tasks are done.
        nonisolated(unsafe) var engine: Engine?
        let rules = rules
        runSideBySide(checks, startingWith: { engine = Engine(rules: rules) })
        // Examples only mean something once the rules themselves are sound.
        if bag.isEmpty, let engine { ExampleChecker(rules: rules, bag: bag).check(with: engine) }
    }

    /// Every check, in the order its findings are reported; the rule checks in slices.
    private var checks: [@Sendable (RuleValidator) -> Void] {
        let slices = stride(from: 0, to: rules.rules.count, by: Self.rulesPerTask).map { start in
            start..<min(start + Self.rulesPerTask, rules.rules.count)
        }
        return [
            { $0.checkUniqueIDs() }, { $0.checkRoles() }, { $0.checkQuestionConditions() },
            { $0.checkQuestionCycles() }, { $0.checkSources() }, { $0.checkSteps() },
        ] + slices.map { slice -> @Sendable (RuleValidator) -> Void in { $0.checkRules(slice) } }
    }

    /// The checks only read the rules, so they run side by side, each into its own bag; the
    /// findings are joined in the order of `checks`, the same as running them one by one.
    /// `first`, when given, is the first task handed out: it starts before any check.
    private func runSideBySide(_ checks: [@Sendable (RuleValidator) -> Void], startingWith first: (@Sendable () -> Void)? = nil) {
        let offset = first == nil ? 0 : 1
        nonisolated(unsafe) var found = [[Diagnostic]](repeating: [], count: checks.count)
        nonisolated(unsafe) let validator = self
        found.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: checks.count + offset) { task in
                guard task >= offset else { return first!() }
                let own = RuleValidator(sharing: validator)
                checks[task - offset](own)
                buffer[task - offset] = own.bag.diagnostics
            }
        }
        found.joined().forEach(bag.add)
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
    /// declaration it does not point at is a repeat. No second table of all ids is built.
    private func unique(
        _ count: Int, _ index: [String: Int], _ what: String, id: (Int) -> String, location: (Int) -> SourceLocation
    ) {
        // As many ids in the index as declarations: none repeats, and none needs looking up.
        guard index.count < count else { return }
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
            bag.add(rules.questions.first?.location ?? anywhere, "geen vraag heeft `role: theme`: geef de vraag naar het thema `role: theme`")
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
            bag.add(option.location, "optie `\(option.id)` van de themavraag is geen thema: gebruik een id uit `themes`")
        }
        // The option ids as a set: asking the question for each theme's option searched its
        // options once per theme, which grows with the square (700 × 700 at 100×).
        let options = Set(question.options.map(\.id))
        for theme in rules.themes where !options.contains(theme.id) {
            bag.add(theme.location, "thema `\(theme.id)` ontbreekt bij de opties van vraag \(question.id): voeg het toe, anders kan niemand het kiezen")
        }
    }

    /// Question and option references, and operators that fit the question's type.
    /// `owner` is built only for a message: this runs for every condition of every rule.
    func checkCondition(_ condition: Condition, owner: @autoclosure () -> String) {
        // The visits capture where the condition stands, not the condition: the optimiser hands
        // what they capture down every level of the expression, and copying a condition there
        // was 2% of `kompas check` at 100×.
        let origin = condition.origin
        func location(ofOffset offset: Int) -> SourceLocation { Condition.location(ofOffset: offset, from: origin) }
        condition.expression.forEachTest { op, reference, options in
            guard let index = rules.questionIndex[reference.id] else {
                return bag.add(location(ofOffset: reference.offset), unknownQuestion(reference.id, owner: owner()))
            }
            if op == "answered" { return }
            // Only the question's type, not a copy of the whole question (its texts and options).
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
                    bag.add(entry.location, "bron \(source.id) noemt onbekend thema `\(theme)`: gebruik een id uit `themes`")
                }
            }
        }
    }

    private func checkSteps() {
        for step in rules.steps {
            if rules.phase(step.phase) == nil {
                let hint = Suggestion.closest(to: step.phase, among: rules.phases.map(\.id)).map { "bedoel je `\($0)`? " } ?? ""
                bag.add(step.location, "stap \(step.id) noemt onbekende fase `\(step.phase)`: \(hint)gebruik een id uit `phases`")
            }
            for id in step.sources where !rules.hasSource(id) {
                bag.add(step.referenceLocations["sources", id] ?? step.location, "stap \(step.id) noemt onbekende bron `\(id)`: \(hint(id, rules.sources.map(\.id)))")
            }
        }
    }

    private func checkRules(_ slice: Range<Int>) {
        for rule in rules.rules[slice] {
            checkCondition(rule.when, owner: "regel \(rule.id)")
            for id in rule.sources where !rules.hasSource(id) {
                let what = rules.hasStep(id) ? "`\(id)` is een stap: zet het onder `steps`" : "onbekende bron `\(id)`: \(hint(id, rules.sources.map(\.id)))"
                bag.add(rule.referenceLocations["sources", id] ?? rule.location, "regel \(rule.id): \(what)")
            }
            for id in rule.steps where !rules.hasStep(id) {
                let what = rules.hasSource(id) ? "`\(id)` is een bron: zet het onder `sources`" : "onbekende stap `\(id)`: \(hint(id, rules.steps.map(\.id)))"
                bag.add(rule.referenceLocations["steps", id] ?? rule.location, "regel \(rule.id): \(what)")
            }
            for id in rule.exclude where !rules.hasSource(id) && !rules.hasStep(id) {
                bag.add(rule.referenceLocations["exclude", id] ?? rule.location, "regel \(rule.id) sluit onbekend onderdeel `\(id)` uit: \(hint(id, rules.sources.map(\.id) + rules.steps.map(\.id)))")
            }
        }
    }

    func hint(_ id: String, _ known: [String]) -> String {
        Suggestion.closest(to: id, among: known).map { "bedoel je `\($0)`?" } ?? "controleer het id"
    }
}
