/// Reads the typed fields of YAML nodes (texts, numbers, lists, enum values), reporting every
/// mismatch with its position instead of stopping at the first, so `kompas check` lists them all.
/// Descriptions (`what`) are built only when there is a problem to report.
struct FieldReader {
    let file: String
    let bag: DiagnosticBag

    func location(_ node: YAMLNode) -> SourceLocation { location(node.mark) }

    func location(_ mark: YAMLMark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }

    /// A block's values by key; reports unknown keys (with a suggestion), duplicates and missing keys.
    /// `named` is what a missing-field message calls the block, e.g. `regel r` where `what` is `een regel`.
    func fields<Key: FieldKey>(
        _ node: YAMLNode, what: @autoclosure () -> String, named: @autoclosure () -> String? = nil, allowed: [Key] = Key.allCases,
        required: [Key]
    ) -> Fields<Key>? {
        guard node.kind == .mapping else {
            bag.add(location(node), "\(what()) moet een lijst van sleutels met waarden zijn (zoals `id: …`), niet \(describe(node))")
            return nil
        }
        var fields = Fields<Key>()
        for (keyNode, value) in node.pairs {
            guard let key = allowed.first(where: { keyNode.hasText($0.rawValue) }) else {
                if let key = keyNode.scalar?.string {
                    bag.add(location(keyNode), unknownKeyMessage(key, what: what(), allowed: allowed.map(\.rawValue)))
                } else {
                    bag.add(location(keyNode), "een sleutel in \(what()) moet een woord zijn")
                }
                continue
            }
            if fields[key] != nil {
                bag.add(location(keyNode), "`\(key.rawValue)` staat twee keer in \(what()): haal er één weg")
                continue
            }
            fields.values[key.position] = (keyNode, value)
        }
        for key in required where fields[key] == nil {
            bag.add(location(node), "\(named() ?? what()) mist het verplichte veld `\(key.rawValue)`: voeg `\(key.rawValue): …` toe")
        }
        return fields
    }

    private func unknownKeyMessage(_ key: String, what: String, allowed: [String]) -> String {
        let known = allowed.map { "`\($0)`" }.joined(separator: ", ")
        if let suggestion = Suggestion.closest(to: key, among: allowed) {
            return "onbekende sleutel `\(key)` in \(what): bedoel je `\(suggestion)`? (bekend: \(known))"
        }
        return "onbekende sleutel `\(key)` in \(what): gebruik een van \(known)"
    }

    func string(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar else {
            bag.add(location(node), "\(what()) moet tekst zijn, niet \(describe(node))")
            return nil
        }
        // A control character (`"\e[2J"` in quotes) would reach every terminal that shows the text;
        // the text is still returned, so the block it stands in is checked on.
        // Every C0 and C1 control starts with a byte below 0x20, 0x7F or 0xC2: look closer only then.
        let suspect = { (bytes: UnsafeBufferPointer<UInt8>) in bytes.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 } }
        if scalar.string.utf8.withContiguousStorageIfAvailable(suspect) ?? true,
            let control = scalar.string.unicodeScalars.first(where: { TerminalText.isControl($0) && $0 != "\t" }) {
            let code = String(control.value, radix: 16, uppercase: true)
            bag.add(location(node), "\(what()) bevat het stuurteken U+\(String(repeating: "0", count: 4 - code.count) + code): haal het weg (een stuurteken, zoals `\\e` of `\\x1b` tussen aanhalingstekens, stuurt de terminal van de lezer aan)")
        }
        return scalar.string
    }

    /// Non-empty text; an empty value is reported as missing.
    func text(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> String? {
        guard let node, let value = string(node, what()) else { return nil }
        let trimmed = value.trimmingWhitespace
        if trimmed.isEmpty {
            bag.add(location(node), "\(what()) is leeg: vul een tekst in")
            return nil
        }
        return trimmed
    }

    func int(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> Int? {
        guard let node, let value = string(node, what()) else { return nil }
        guard let number = Int(value) else {
            bag.add(location(node), "\(what()) moet een geheel getal zijn, niet `\(value)`")
            return nil
        }
        return number
    }

    /// `true` or `false`, as YAML writes them.
    func bool(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> Bool? {
        guard let node, let value = string(node, what()) else { return nil }
        switch value {
        case "true": return true
        case "false": return false
        default:
            bag.add(location(node), "\(what()) moet `true` of `false` zijn, niet `\(value)`")
            return nil
        }
    }

    func list(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> [YAMLNode] {
        items(node, what()) ?? []
    }

    /// Nil when there is no list: absent, written empty (`~`), or a value that is no list (reported).
    private func items(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> [YAMLNode]? {
        guard let node else { return nil }
        if node.kind == .sequence { return node.children }
        if let scalar = node.scalar, scalar.style == .plain, ["", "~", "null"].contains(scalar.string) { return nil }
        bag.add(location(node), "\(what()) moet een lijst zijn (regels die met `- ` beginnen of `[a, b]`), niet \(describe(node))")
        return nil
    }

    func stringList(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> LocatedStrings {
        var result = LocatedStrings()
        guard let items = items(node, what()) else { return result }
        for item in items {
            guard let value = string(item, "een onderdeel van \(what())") else { continue }
            result.values.append(value)
            result.marks.append(item.mark)
        }
        return result
    }

    func enumValue<T: RawRepresentable & CaseIterable>(_ node: YAMLNode?, _ what: @autoclosure () -> String, _: T.Type) -> T?
    where T.RawValue == String {
        guard let node, let value = string(node, what()) else { return nil }
        if let result = T(rawValue: value) { return result }
        let allowed = T.allCases.map(\.rawValue)
        let hint = Suggestion.closest(to: value, among: allowed).map { "bedoel je `\($0)`? " } ?? ""
        bag.add(location(node), "\(what()) kan niet `\(value)` zijn: \(hint)kies uit \(allowed.map { "`\($0)`" }.joined(separator: ", "))")
        return nil
    }

    func describe(_ node: YAMLNode) -> String {
        if let text = node.scalar?.string { return text.isEmpty ? "een lege waarde" : "de tekst `\(text.prefix(40))`" }
        return node.kind == .mapping ? "een blok met sleutels" : "een lijst"
    }
}

/// A list's texts and where each was written: two plain arrays, since the texts become the
/// model's own list and the positions are read only for a message.
struct LocatedStrings {
    var values: [String] = []
    var marks: [YAMLMark] = []
}

/// The keys one kind of block may have, as written in the rule files, in the order a message
/// lists them. Typed, so a misspelt key in the readers does not compile.
protocol FieldKey: RawRepresentable<String>, CaseIterable, Equatable where AllCases == [Self] {}

extension FieldKey {
    /// Where a block's value for this key is kept.
    var position: Int { Self.allCases.firstIndex(of: self)! }
}

/// A block's keys and values, for the keys its reader knows, a slot per key.
struct Fields<Key: FieldKey> {
    fileprivate var values = [(key: YAMLNode, value: YAMLNode)?](repeating: nil, count: Key.allCases.count)

    subscript(key: Key) -> YAMLNode? { values[key.position]?.value }

    /// The key as written, for a message about its value.
    func keyNode(_ key: Key) -> YAMLNode? { values[key.position]?.key }
}

enum Suggestion {
    /// The closest known word within a small edit distance, for "bedoel je …?".
    static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, word.count / 3) ? best.0 : nil
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension String {
    /// Without leading and trailing white space (also the line editor's and the answers').
    package var trimmingWhitespace: String {
        // Most texts start and end with a visible ASCII character: nothing to trim.
        let visible = 0x21...0x7E as ClosedRange<UInt8>
        if let first = utf8.first, let last = utf8.last, visible.contains(first), visible.contains(last) { return self }
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
