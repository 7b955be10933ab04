/// What `kompas check --coverage` finds: rules, sources and steps no answers can bring into a
/// plan (found from the conditions), those no example brings into one, and answers that change
/// nothing. Each finding says where it is and what to do.
public struct Coverage: Sendable {
    public enum Kind: String, Sendable {
        case unreachable = "onbereikbaar", untested = "niet getest", inert = "zonder effect"
    }

    public struct Finding: Sendable, CustomStringConvertible {
        public var kind: Kind
        public var location: SourceLocation
        public var message: String
        public var description: String { "\(location): \(kind.rawValue): \(message)" }
    }

    /// How many sources, steps and rules the examples bring into a plan.
    public var sources: (covered: Int, total: Int)
    public var steps: (covered: Int, total: Int)
    public var rules: (covered: Int, total: Int)
    /// Sorted by file and line.
    public var findings: [Finding]

    public var isComplete: Bool { findings.isEmpty }

    public init(rules ruleSet: RuleSet) {
        let reached = Self.reachedByExamples(ruleSet)
        let reachability = Reachability(rules: ruleSet)
        var findings: [Finding] = []
        var liveRules = Set<String>()
        for rule in ruleSet.rules {
            if reachability.canHold(rule.when.expression) {
                liveRules.insert(rule.id)
                if !reached.rules.contains(rule.id) {
                    findings.append(Finding(kind: .untested, location: rule.location, message: "regel \(rule.id) geldt in geen enkel voorbeeld: voeg een voorbeeld toe met antwoorden waarvoor `\(rule.when.text)` geldt"))
                }
            } else {
                findings.append(Finding(kind: .unreachable, location: rule.location, message: "regel \(rule.id) kan nooit gelden: geen antwoorden maken `\(rule.when.text)` waar (denk aan twee antwoorden op één vraag, of een vraag die onder deze antwoorden niet gesteld wordt); pas de voorwaarde aan of haal de regel weg"))
            }
        }
        // Per source or step id, the rules that name it and those that exclude it, in rule order.
        var includers: [String: [Rule]] = [:], excluders: [String: [Rule]] = [:]
        for rule in ruleSet.rules {
            for id in Set(rule.sources + rule.steps + rule.start) { includers[id, default: []].append(rule) }
            for id in Set(rule.exclude) { excluders[id, default: []].append(rule) }
        }
        let items = ruleSet.sources.map { ("bron", $0.id, $0.location) } + ruleSet.steps.map { ("stap", $0.id, $0.location) }
        for (kind, id, location) in items {
            let including = includers[id] ?? [], excluding = excluders[id] ?? []
            if including.isEmpty {
                findings.append(Finding(kind: .unreachable, location: location, message: "\(kind) \(id) wordt door geen regel genoemd: noem het in de `\(kind == "bron" ? "sources" : "steps")` van een regel, of haal het weg"))
            } else if !including.contains(where: { liveRules.contains($0.id) }) {
                findings.append(Finding(kind: .unreachable, location: location, message: "\(kind) \(id) wordt alleen genoemd door regels die nooit gelden (\(including.map(\.id).joined(separator: ", "))): herstel die regels, of haal het weg"))
            } else if !reachability.canHold(Self.brought(by: including, unless: excluding)) {
                findings.append(Finding(kind: .unreachable, location: location, message: "\(kind) \(id) wordt altijd uitgesloten als een regel het noemt (door \(excluding.map(\.id).joined(separator: ", "))): pas de `exclude` of de voorwaarden aan, of haal het weg"))
            } else if !reached.items.contains(id) {
                findings.append(Finding(kind: .untested, location: location, message: "\(kind) \(id) staat in het plan van geen enkel voorbeeld: voeg een voorbeeld toe dat het in het plan zet"))
            }
        }
        findings += Inertness(rules: ruleSet).findings
        self.findings = findings.indices.sorted { a, b in
            findings[a].location != findings[b].location ? findings[a].location < findings[b].location : a < b
        }.map { findings[$0] }
        let coveredItems = { (ids: [String]) in ids.filter(reached.items.contains).count }
        sources = (coveredItems(ruleSet.sources.map(\.id)), ruleSet.sources.count)
        steps = (coveredItems(ruleSet.steps.map(\.id)), ruleSet.steps.count)
        rules = (ruleSet.rules.filter { reached.rules.contains($0.id) }.count, ruleSet.rules.count)
    }

    /// Some including rule holds and no excluding rule does: the item is in the plan.
    private static func brought(by including: [Rule], unless excluding: [Rule]) -> Expression {
        let any = including.dropFirst().reduce(including[0].when.expression) { .or($0, $1.when.expression) }
        guard let first = excluding.first else { return any }
        return .and(any, .not(excluding.dropFirst().reduce(first.when.expression) { .or($0, $1.when.expression) }))
    }

    /// The items the examples' plans hold and the rules that hold in them.
    private static func reachedByExamples(_ ruleSet: RuleSet) -> (items: Set<String>, rules: Set<String>) {
        let engine = Engine(rules: ruleSet)
        var items = Set<String>(), fired = Set<String>()
        for example in ruleSet.examples {
            var answers: [String: AnswerValue] = [:]
            for (id, value, _) in example.answers {
                if let question = ruleSet.question(id), case .success(let answer) = question.answer(from: value) { answers[id] = answer }
            }
            let plan = ExampleRun(engine: engine, answers: answers).plan
            items.formUnion(plan.itemIDs)
            let reasons = plan.sources.flatMap(\.reasons) + plan.steps.flatMap(\.reasons) + plan.notes.map(\.reason) + plan.excluded.flatMap(\.reasons)
            fired.formUnion(reasons.map(\.rule))
        }
        return (items, fired)
    }
}
