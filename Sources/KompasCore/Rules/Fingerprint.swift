/// A 64-bit FNV-1a over the composed YAML content: comments and layout do not count,
/// so a trainer's comment in a rule file does not make every transcript look outdated.
/// Each file gets its own digest; the rule set's fingerprint hashes those in file order.
struct Fingerprint {
    private var hash = FNV1a()

    var digest: UInt64 { hash.value }

    var value: String { hash.hex }

    mutating func add(_ digest: UInt64) { hash.add(String(digest, radix: 16)) }

    /// Each node before its children, keys before their values: a text as `s` and its text, a
    /// block as `m` and its number of keys, a list as `q` and its number of items.
    mutating func add(_ node: YAMLNode) {
        switch node.kind {
        case .scalar:
            hash.add("s")
            hash.add(node.text)
        case .mapping: hash.add("m\(node.children.count / 2)")
        case .sequence: hash.add("q\(node.children.count)")
        }
        for child in node.children { add(child) }
    }
}

/// 64-bit FNV-1a: fast, and good enough to tell edited files apart.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The value as 16 hexadecimal digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The text and a separator, so `ab` + `c` and `a` + `bc` differ.
    mutating func add(_ text: String) {
        for byte in text.utf8 { mix(byte) }
        mix(0xFF)
    }

    private mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x100_0000_01b3
    }
}
