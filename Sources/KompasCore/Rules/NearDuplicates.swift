/// Ids of one kind that differ only by a plural ending or a `-`/`_` (`woningcorporatie`,
/// `woningcorporaties`) are most likely one thing named twice: a warning, since both may be meant.
struct NearDuplicates {
    let rules: RuleSet
    let bag: DiagnosticBag

    /// Endings that make a Dutch or English plural of an id.
    static let pluralEndings = ["s", "n", "en", "es"]

    func check() {
        check(rules.themes.map { ("thema", $0.id, $0.location) })
        check(rules.phases.map { ("fase", $0.id, $0.location) })
        check(rules.questions.map { ("vraag", $0.id, $0.location) })
        // Sources and steps share one namespace.
        check(rules.sources.map { ("bron", $0.id, $0.location) } + rules.steps.map { ("stap", $0.id, $0.location) })
        check(rules.rules.map { ("regel", $0.id, $0.location) })
    }

    private func check(_ items: [(kind: String, id: String, location: SourceLocation)]) {
        var byKey: [String: Int] = [:]
        for (index, item) in items.enumerated() where byKey[Self.key(item.id)] == nil { byKey[Self.key(item.id)] = index }
        for item in items {
            let key = Self.key(item.id)
            let stems = Self.pluralEndings.filter { key.count > $0.count + 2 && key.hasSuffix($0) }.map { String(key.dropLast($0.count)) }
            // The same key is an exact repeat or a spelling with `-`/`_`; a stem, a plural.
            let candidates = [key] + stems
            guard let other = candidates.lazy.compactMap({ byKey[$0] }).first(where: { items[$0].id != item.id }) else { continue }
            // Each pair once: a same-key pair at its later item, a plural at the plural.
            if Self.key(items[other].id) == key, items[other].location > item.location { continue }
            let first = items[other]
            bag.add(
                item.location,
                "\(item.kind) `\(item.id)` lijkt op \(first.kind) `\(first.id)` (\(first.location)): bedoel je hetzelfde, gebruik dan één id; zo niet, kies een id dat duidelijker verschilt",
                severity: .warning)
        }
    }

    /// Lower case without `-` and `_`.
    static func key(_ id: String) -> String {
        String(id.lowercased().filter { $0 != "-" && $0 != "_" })
    }
}
