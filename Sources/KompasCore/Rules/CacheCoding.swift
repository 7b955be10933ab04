/// The rule cache's encoding: zigzag varints, length-prefixed UTF-8, and file paths written once
/// (every location names one of a dozen files). Plain and positional, since the same program
/// writes and reads it: the cache key includes the program's identity.
struct CacheWriter {
    private(set) var bytes: [UInt8] = []
    private var files: [String: Int] = [:]

    mutating func int(_ value: Int) {
        var rest = UInt64(bitPattern: Int64(value) << 1 ^ Int64(value) >> 63)
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func string(_ text: String) {
        int(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    mutating func string(_ text: String?) {
        guard let text else { return int(-1) }
        string(text)
    }

    mutating func strings(_ texts: [String]) {
        int(texts.count)
        for text in texts { string(text) }
    }

    mutating func raw<Value: RawRepresentable<String>>(_ value: Value?) {
        string(value?.rawValue)
    }

    /// A new file gets the next number and its path; a known one only its number.
    mutating func file(_ path: String) {
        if let number = files[path] {
            int(number)
        } else {
            files[path] = files.count
            int(files.count - 1)
            string(path)
        }
    }

    mutating func location(_ location: SourceLocation) {
        file(location.file)
        int(location.line)
        int(location.column)
    }

    mutating func list<Item: CacheCodable>(_ items: [Item]) {
        int(items.count)
        for item in items { item.write(to: &self) }
    }

    mutating func item(_ item: some CacheCodable) { item.write(to: &self) }

    /// 0 for none, 1 followed by the item.
    mutating func optional(_ item: (some CacheCodable)?) {
        guard let item else { return int(0) }
        int(1)
        item.write(to: &self)
    }
}

/// Anything that does not read back exactly as written: the cache is then rebuilt from the files.
struct CacheMiss: Error {}

/// Reads within `bytes`, which must outlive it (`RuleCache.decode` reads inside `withUnsafeBufferPointer`).
struct CacheReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var files: [String] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private var depth = 0
    /// Deeper than any condition the parser accepts from a rule file (one line of text).
    private static let maximumDepth = 1000

    var isAtEnd: Bool { offset == bytes.count }

    mutating func descend() throws(CacheMiss) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw CacheMiss() }
    }

    mutating func ascend() { depth -= 1 }
    var remaining: Int { bytes.count - offset }

    mutating func int() throws(CacheMiss) -> Int {
        var value: UInt64 = 0, shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw CacheMiss() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1))
    }

    /// A count of things that each take at least one byte, so a corrupt count cannot ask for more
    /// than the file holds.
    mutating func count() throws(CacheMiss) -> Int {
        let count = try int()
        guard count >= 0, count <= bytes.count - offset else { throw CacheMiss() }
        return count
    }

    mutating func string() throws(CacheMiss) -> String {
        guard let text = try optionalString() else { throw CacheMiss() }
        return text
    }

    mutating func optionalString() throws(CacheMiss) -> String? {
        let length = try int()
        if length == -1 { return nil }
        guard length >= 0, length <= bytes.count - offset else { throw CacheMiss() }
        // Decoding, not validating: the checksum already vouches for the bytes, and a corrupt
        // payload (the fuzzer's) still gives a valid string, with U+FFFD where bytes were wrong.
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
        offset += length
        return text
    }

    mutating func strings() throws(CacheMiss) -> [String] {
        let count = try count()
        var texts: [String] = []
        texts.reserveCapacity(count)
        for _ in 0..<count { texts.append(try string()) }
        return texts
    }

    mutating func raw<Value: RawRepresentable<String>>(_: Value.Type) throws(CacheMiss) -> Value {
        guard let value = try optionalRaw(Value.self) else { throw CacheMiss() }
        return value
    }

    mutating func optionalRaw<Value: RawRepresentable<String>>(_: Value.Type) throws(CacheMiss) -> Value? {
        guard let text = try optionalString() else { return nil }
        guard let value = Value(rawValue: text) else { throw CacheMiss() }
        return value
    }

    mutating func file() throws(CacheMiss) -> String {
        let number = try int()
        if number == files.count {
            files.append(try string())
        } else if number < 0 || number > files.count {
            throw CacheMiss()
        }
        return files[number]
    }

    mutating func location() throws(CacheMiss) -> SourceLocation {
        SourceLocation(file: try file(), line: try int(), column: try int())
    }

    mutating func list<Item: CacheCodable>(_: Item.Type) throws(CacheMiss) -> [Item] {
        let count = try count()
        var items: [Item] = []
        items.reserveCapacity(count)
        for _ in 0..<count { items.append(try Item(from: &self)) }
        return items
    }

    mutating func item<Item: CacheCodable>(_: Item.Type) throws(CacheMiss) -> Item { try Item(from: &self) }

    mutating func optional<Item: CacheCodable>(_: Item.Type) throws(CacheMiss) -> Item? {
        switch try int() {
        case 0: return nil
        case 1: return try Item(from: &self)
        default: throw CacheMiss()
        }
    }
}

protocol CacheCodable {
    func write(to writer: inout CacheWriter)
    init(from reader: inout CacheReader) throws(CacheMiss)
}
