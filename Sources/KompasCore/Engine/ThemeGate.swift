/// Rules whose condition requires the theme (a top-level `and` term `thema == t` or
/// `thema in [t, …]`) are `no` for every other theme and when no theme is chosen: Kleene `and`
/// is `no` as soon as one term is. So once the theme is known, only its rules and the rules
/// that do not pick a theme need evaluating; at 100 copies of the rules that is 1 in 100.
struct ThemeGate: Sendable {
    /// Rules (declared order) that may apply, and the sources and steps they name (declared order).
    struct Slice: Sendable {
        var rules: [Int]
        var sources: [Int]
        var steps: [Int]
    }

    let question: String
    /// Per theme option: the rules that may apply once it is chosen.
    let byTheme: [String: Slice]
    /// The rules that require no theme.
    let ungated: Slice

    init?(_ rules: RuleSet) {
        guard let theme = rules.themeQuestion else { return nil }
        question = theme.id
        var byTheme: [String: [Int]] = [:], ungated: [Int] = []
        for (index, rule) in rules.rules.enumerated() {
            guard let gate = Self.gate(rule.when.expression, theme.id) else {
                ungated.append(index)
                continue
            }
            for option in gate { byTheme[option, default: []].append(index) }
        }
        func slice(_ indices: [Int]) -> Slice {
            var sources = Set<Int>(), steps = Set<Int>()
            for index in indices {
                let rule = rules.rules[index]
                for id in rule.sources + rule.exclude { if let i = rules.sourceIndex[id] { sources.insert(i) } }
                for id in rule.steps + rule.exclude { if let i = rules.stepIndex[id] { steps.insert(i) } }
            }
            return Slice(rules: indices, sources: sources.sorted(), steps: steps.sorted())
        }
        self.ungated = slice(ungated)
        self.byTheme = byTheme.mapValues { slice(($0 + ungated).sorted()) }
    }

    /// The rules worth evaluating given what is known of the theme; nil means all of them.
    func candidates(_ theme: Knowledge) -> Slice? {
        switch theme {
        case .answered(.option(let id)): byTheme[id] ?? ungated
        case .absent: ungated
        case .answered, .unknown: nil
        }
    }

    /// The theme options a condition requires, or nil when it does not pick a theme.
    static func gate(_ expression: Expression, _ theme: String) -> Set<String>? {
        switch expression {
        case .equals(let q, let o) where q.id == theme: return [o.id]
        case .isIn(let q, let os) where q.id == theme: return Set(os.map(\.id))
        case .and(let l, let r):
            switch (gate(l, theme), gate(r, theme)) {
            case (let a?, let b?): return a.intersection(b)
            case (let a?, nil): return a
            case (nil, let b?): return b
            case (nil, nil): return nil
            }
        default: return nil
        }
    }
}
