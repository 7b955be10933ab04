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
        var named: [(sources: [Int], steps: [Int])] = []
        named.reserveCapacity(rules.rules.count)
        let sourceIndex = rules.sourceIndex, stepIndex = rules.stepIndex
        for (index, rule) in rules.rules.enumerated() {
            named.append(Self.named(by: rule, sourceIndex, stepIndex))
            guard let gate = Self.gate(rule.when.expression, theme.id) else {
                ungated.append(index)
                continue
            }
            for option in gate { Self.add(index, to: &byTheme[option, default: []]) }
        }
        let ungatedSlice = Self.slice(ungated, named)
        self.ungated = ungatedSlice
        // Every theme's slice holds the ungated rules too: merge their slice in once made,
        // rather than collect it again for each theme (700 themes at 100×).
        self.byTheme = byTheme.mapValues { own in
            let slice = Self.slice(own, named)
            return Slice(
                rules: Self.merge(own, ungatedSlice.rules), sources: Self.merge(slice.sources, ungatedSlice.sources),
                steps: Self.merge(slice.steps, ungatedSlice.steps))
        }
    }

    /// The sources and steps (by index) a rule names or excludes; unknown ids are left out.
    private static func named(by rule: Rule, _ sourceIndex: [String: Int], _ stepIndex: [String: Int]) -> (sources: [Int], steps: [Int]) {
        var sources: [Int] = [], steps: [Int] = []
        for id in rule.sources { if let i = sourceIndex[id] { sources.append(i) } }
        for id in rule.steps { if let i = stepIndex[id] { steps.append(i) } }
        for id in rule.exclude {
            if let i = sourceIndex[id] { sources.append(i) }
            if let i = stepIndex[id] { steps.append(i) }
        }
        return (sources, steps)
    }

    /// The rules (ascending indices), with the sources and steps they name, ascending.
    private static func slice(_ indices: [Int], _ named: [(sources: [Int], steps: [Int])]) -> Slice {
        Slice(rules: indices, sources: ascending(indices.flatMap { named[$0].sources }), steps: ascending(indices.flatMap { named[$0].steps }))
    }

    /// Sorted and without repeats.
    private static func ascending(_ indices: [Int]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(indices.count)
        for index in indices.sorted() where result.last != index { result.append(index) }
        return result
    }

    /// The union of two ascending lists without repeats, ascending.
    static func merge(_ a: [Int], _ b: [Int]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) {
                result.append(a[i])
                i += 1
            } else if i == a.count || b[j] < a[i] {
                result.append(b[j])
                j += 1
            } else {
                result.append(a[i])
                i += 1
                j += 1
            }
        }
        return result
    }

    /// The rules worth evaluating given what is known of the theme; nil means all of them.
    func candidates(_ theme: Knowledge) -> Slice? {
        switch theme {
        case .answered(.option(let id)): byTheme[id] ?? ungated
        case .absent: ungated
        case .answered, .unknown: nil
        }
    }

    /// Adds an index to a list unless it is already its last: each rule or question files its
    /// index under all its options at once, so one named twice (`thema in [a, a]`) adds it once.
    static func add(_ index: Int, to list: inout [Int]) {
        if list.last != index { list.append(index) }
    }

    /// The theme options a condition requires, or nil when it does not pick a theme; it may
    /// repeat an option.
    static func gate(_ expression: Expression, _ theme: String) -> [String]? {
        switch expression {
        case .equals(let q, let o) where q.id == theme: return [o.id]
        case .isIn(let q, let os) where q.id == theme: return os.map(\.id)
        case .and(let l, let r):
            switch (gate(l, theme), gate(r, theme)) {
            case (let a?, let b?): return a.filter(b.contains)
            case (let a?, nil): return a
            case (nil, let b?): return b
            case (nil, nil): return nil
            }
        default: return nil
        }
    }
}
