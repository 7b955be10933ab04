/// Runs the examples in the rule files as a user would: each question the engine asks is
/// answered from the example, until it asks one the example does not answer.
struct ExampleChecker {
    let rules: RuleSet
    let bag: DiagnosticBag

    func check(with engine: Engine) {
        for example in rules.examples { check(example, engine: engine) }
    }

    private func check(_ example: Example, engine: Engine) {
        guard let answers = answers(of: example) else { return }
        report(example, ExampleRun(engine: engine, answers: answers))
    }

    private func answers(of example: Example) -> [String: AnswerValue]? {
        var result: [String: AnswerValue] = [:]
        var ok = true
        for (id, value, location) in example.answers {
            guard let question = rules.question(id) else {
                bag.add(location, "voorbeeld \"\(example.name)\" beantwoordt onbekende vraag `\(id)`: \(RuleValidator(rules: rules, bag: bag).hint(id, rules.questions.map(\.id)))")
                ok = false
                continue
            }
            switch question.answer(from: value) {
            case .success(let answer): result[id] = answer
            case .failure(let problem):
                bag.add(location, "voorbeeld \"\(example.name)\": \(problem.message)")
                ok = false
            }
        }
        return ok ? result : nil
    }

    private func report(_ example: Example, _ run: ExampleRun) {
        let name = "voorbeeld \"\(example.name)\""
        var found: [Diagnostic] = []
        func fail(_ key: String, _ id: String, _ message: String) {
            found.append(Diagnostic(example.referenceLocations[key, id] ?? example.location, "\(name): \(message)"))
        }
        for (id, _, location) in example.answers where !run.asked.contains(id) {
            found.append(Diagnostic(location, "\(name) beantwoordt vraag \(id), maar die wordt met deze antwoorden niet gesteld: haal het antwoord weg of pas de voorwaarden aan"))
        }
        let plan = run.plan
        for id in example.include where !plan.itemIDs.contains(id) {
            fail("include", id, "`\(id)` hoort in het plan maar staat er niet in: controleer de regels die het noemen\(exclusion(id, plan))")
        }
        for id in example.exclude where plan.itemIDs.contains(id) {
            let rulesNaming = plan.reasons(for: id)?.map(\.rule).joined(separator: ", ") ?? ""
            fail("exclude", id, "`\(id)` mag niet in het plan maar staat er wel in (door regel \(rulesNaming))")
        }
        for id in example.high where plan.priority(of: id) != .high {
            fail("high", id, "`\(id)` hoort prioriteit hoog te hebben, maar heeft \(plan.priority(of: id)?.rawValue ?? "geen plek in het plan")")
        }
        for id in example.asked where !run.asked.contains(id) {
            fail("asked", id, "vraag `\(id)` hoort gesteld te worden maar wordt niet gesteld")
        }
        for id in example.notAsked where run.asked.contains(id) {
            fail("not_asked", id, "vraag `\(id)` hoort niet gesteld te worden maar wordt wel gesteld")
        }
        if let start = example.start, start != plan.start.map(\.step.step.id) {
            let actual = plan.start.map(\.step.step.id)
            found.append(Diagnostic(example.referenceLocations["start", start.first ?? ""] ?? example.location, "\(name): «Begin hier» hoort [\(start.joined(separator: ", "))] te zijn, maar is [\(actual.joined(separator: ", "))]: controleer de `start` en `priority` van de regels"))
        }
        let noteRules = Set(plan.notes.map(\.reason.rule))
        for id in example.notes where !noteRules.contains(id) {
            fail("notes", id, "de notitie van regel `\(id)` hoort in het plan maar staat er niet in")
        }
        // A question the example does not answer stops the run, and what fails follows from that:
        // the cause alone is reported (unless the example stops there on purpose, expecting it asked).
        if !found.isEmpty, !run.isComplete, let open = run.asked.last, !example.asked.contains(open) {
            bag.add(example.location, "\(name) beantwoordt vraag \(open) niet, die nu gesteld wordt: voeg een antwoord toe")
        } else {
            found.forEach(bag.add)
        }
        checkReferences(example)
    }

    private func exclusion(_ id: String, _ plan: Plan) -> String {
        guard let item = plan.excluded.first(where: { $0.id == id }) else { return "" }
        return " (uitgesloten door regel \(item.reasons.map(\.rule).joined(separator: ", ")))"
    }

    private func checkReferences(_ example: Example) {
        let located = { (key: String, id: String) in example.referenceLocations[key, id] ?? example.location }
        for (key, ids) in [("include", example.include), ("exclude", example.exclude), ("high", example.high)] {
            for id in ids where !rules.hasSource(id) && !rules.hasStep(id) {
                bag.add(located(key, id), "voorbeeld \"\(example.name)\" noemt onbekend onderdeel `\(id)`: gebruik het id van een bron of stap")
            }
        }
        for id in example.start ?? [] where !rules.hasStep(id) {
            bag.add(located("start", id), "voorbeeld \"\(example.name)\" noemt onder `start` onbekende stap `\(id)`: «Begin hier» noemt alleen stappen")
        }
        for (key, ids) in [("asked", example.asked), ("not_asked", example.notAsked)] {
            for id in ids where !rules.hasQuestion(id) {
                bag.add(located(key, id), "voorbeeld \"\(example.name)\" noemt onbekende vraag `\(id)`")
            }
        }
        for id in example.notes where rules.rule(id) == nil {
            bag.add(located("notes", id), "voorbeeld \"\(example.name)\" noemt onbekende regel `\(id)`")
        }
    }
}

/// A scripted session: answers what the engine asks, in the engine's order.
public struct ExampleRun: Sendable {
    public private(set) var asked: [String] = []
    public private(set) var plan: Plan
    /// Whether the engine had no question left to ask.
    public private(set) var isComplete: Bool
    public private(set) var session = Session()

    public init(engine: Engine, answers: [String: AnswerValue]) {
        var next = engine.nextQuestion(session)
        while let question = next, let answer = answers[question.id], !asked.contains(question.id) {
            asked.append(question.id)
            session.record(.answered(question: question.id, value: answer))
            next = engine.nextQuestion(session)
        }
        if let next { asked.append(next.id) }
        isComplete = next == nil
        plan = engine.plan(session)
    }
}
