/// The rule set's fingerprint: a hash of its files' digests, in file order. A file's digest
/// (`YAMLDocument.digest`) covers its content, not layout or comments, so a trainer's comment in
/// a rule file does not make every transcript look outdated.
struct Fingerprint {
    private var hash = FNV1a()

    var value: String { hash.hex }

    mutating func add(_ digest: UInt64) { hash.add(String(digest, radix: 16)) }
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

    /// A tag and bytes, then a separator.
    mutating func add(_ tag: UInt8, _ bytes: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)) {
        mix(tag)
        for byte in bytes { mix(byte) }
        mix(0xFF)
    }

    private mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x100_0000_01b3
    }
}
