import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A rule set that passed validation, saved in binary form so a session does not parse and
/// check unchanged rule files at every start (more than half of the start-up's work).
///
/// It cannot fall out of step with the rules: its key hashes every rule file's path and bytes
/// together with the program that wrote it, so any edit, any new build, reads the files again.
/// A file that does not read back exactly (truncated, corrupt, another key) is a miss, never an
/// error: the rules are then loaded from the files and the cache is written anew.
public struct RuleCache: Sendable {
    /// Where the cache file is.
    public var path: String
    /// Identifies the program (e.g. its file's inode, size and time): another build may read
    /// the rule files differently.
    public var program: String

    public init(path: String, program: String) {
        self.path = path
        self.program = program
    }

    /// One file per rules directory, named after its resolved path, so switching between two
    /// rule sets keeps both cached and a new version of one replaces its own file.
    public static func path(forRules directory: String, in cacheDirectory: String) -> String {
        var hash = FNV1a()
        hash.add(realpath(directory, nil).map { resolved in
            defer { free(resolved) }
            return String(cString: resolved)
        } ?? directory)
        return cacheDirectory + "/regels-" + hash.hex + ".cache"
    }

    static let magic = Array("KOMPAS-R".utf8)
    /// 2: reference locations as lists of ids with positions and their file once.
    static let formatVersion = 2

    /// The key for these files: a 64-bit FNV-1a over the program, the format and each file.
    public func key(_ files: [(path: String, contents: Data?)]) -> UInt64 {
        var hash = FNV1a()
        hash.add(program)
        hash.add(String(Self.formatVersion))
        for (path, contents) in files {
            hash.add(path)
            guard let contents else {
                hash.add("-")
                continue
            }
            hash.add(String(contents.count))
            contents.withUnsafeBytes { hash.add($0) }
        }
        return hash.value
    }

    /// The cached rule set when the file holds one for exactly this key.
    public func read(key: UInt64) -> RuleSet? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return Self.decode([UInt8](data), key: key)
    }

    /// Saves the rule set under the key; a cache that cannot be written costs only speed, so
    /// the reason is returned for whoever wants it, not thrown.
    @discardableResult
    public func write(_ rules: RuleSet, key: UInt64) -> AtomicFile.WriteError? {
        do {
            try AtomicFile.write(bytes: Self.encode(rules, key: key), to: path, createDirectories: true, durable: false)
            return nil
        } catch {
            return error
        }
    }

    /// Magic, format, key, a checksum of the payload, then the payload.
    public static func encode(_ rules: RuleSet, key: UInt64) -> [UInt8] {
        var payload = CacheWriter()
        payload.item(rules)
        var checksum = FNV1a()
        payload.bytes.withUnsafeBytes { checksum.add($0) }
        var header = CacheWriter()
        header.int(formatVersion)
        return magic + header.bytes + bytes(of: key) + bytes(of: checksum.value) + payload.bytes
    }

    public static func decode(_ bytes: [UInt8], key: UInt64) -> RuleSet? {
        guard bytes.starts(with: magic), bytes.count >= magic.count + 17 else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> RuleSet? in
            var header = CacheReader(UnsafeBufferPointer(rebasing: buffer[magic.count...]))
            guard (try? header.int()) == formatVersion else { return nil }
            let start = buffer.count - header.remaining
            guard header.remaining >= 16, integer(buffer, at: start) == key else { return nil }
            let payload = UnsafeBufferPointer(rebasing: buffer[(start + 16)...])
            var checksum = FNV1a()
            checksum.add(UnsafeRawBufferPointer(payload))
            guard integer(buffer, at: start + 8) == checksum.value else { return nil }
            return decodePayload(payload)
        }
    }

    /// The payload alone, without the checksum that guards it: what the corruption tests
    /// exercise, since damage they make past the checksum is what the checksum would catch.
    static func decodePayload(_ payload: UnsafeBufferPointer<UInt8>) -> RuleSet? {
        var reader = CacheReader(payload)
        guard let rules = try? reader.item(RuleSet.self), reader.isAtEnd else { return nil }
        return rules
    }

    private static func bytes(of value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }

    private static func integer(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        (0..<8).reduce(0) { $0 | UInt64(buffer[offset + $1]) << ($1 * 8) }
    }
}

/// 64-bit FNV-1a: fast, and good enough to tell edited files apart; not a defence against
/// someone who can write the cache directory, who could as well replace the rules.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The value as 16 hexadecimal digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x100_0000_01b3
    }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes { mix(byte) }
    }

    /// The text and a separator, so `ab` + `c` and `a` + `bc` differ.
    mutating func add(_ text: String) {
        // Native strings (all of a parsed file's) hand out their bytes without a copy.
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { add(UnsafeRawBufferPointer($0)) }
        if hashed == nil {
            for byte in text.utf8 { mix(byte) }
        }
        mix(0xFF)
    }
}
