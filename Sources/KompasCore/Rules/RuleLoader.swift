import Dispatch
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Loads every `*.yaml` file of a rules directory into one validated `RuleSet`.
public enum RuleLoader {
    /// Larger files are refused before parsing: no rule file comes near this, a stray dump does.
    public static let maximumFileSize = 4 * 1024 * 1024
    /// Deeper nesting than this is refused while reading, so the tree builder's recursion stays bounded.
    static let maximumNesting = 64

    /// Whether validation runs the rule files' examples: `kompas check` and the tests do; a session
    /// skips them, since they test the rules and cost more than everything else in loading.
    public enum Examples: Sendable {
        case run, skip
    }

    /// Loads and validates; throws every problem found, in file order.
    public static func load(directory: String, examples: Examples = .run) throws(DiagnosticList) -> RuleSet {
        let (rules, diagnostics) = try check(directory: directory, examples: examples)
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        return rules
    }

    /// For a session: the cached rule set when the files and the program are unchanged, else
    /// `load(files:examples: .skip)`, whose result is then cached. Problems are never cached.
    public static func load(directory: String, cache: RuleCache) throws(DiagnosticList) -> RuleSet {
        let files = try ruleFiles(in: directory).map { (path: $0, contents: FileManager.default.contents(atPath: $0)) }
        let key = cache.key(files)
        if let rules = cache.read(key: key) { return rules }
        let rules = try load(files: files, examples: .skip)
        cache.write(rules, key: key)
        return rules
    }

    /// `check(files:)` on a directory's rule files, each read on the thread that parses it;
    /// throws only when the directory has no rule files.
    public static func check(directory: String, examples: Examples = .run) throws(DiagnosticList) -> (RuleSet, [Diagnostic]) {
        let paths = try ruleFiles(in: directory)
        return check(count: paths.count, examples: examples) { i in (paths[i], FileManager.default.contents(atPath: paths[i])) }
    }

    /// Loads from bytes already read (a session behind the cache, tests, fuzzing, benchmarks);
    /// `nil` contents means unreadable.
    public static func load(files: [(path: String, contents: Data?)], examples: Examples = .run) throws(DiagnosticList) -> RuleSet {
        let (rules, diagnostics) = check(files: files, examples: examples)
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        return rules
    }

    /// Everything that loaded, and every problem: `kompas check` reports both.
    public static func check(files: [(path: String, contents: Data?)], examples: Examples = .run) -> (RuleSet, [Diagnostic]) {
        check(count: files.count, examples: examples) { files[$0] }
    }

    /// `file(i)` gives the i-th file's path and bytes.
    private static func check(
        count: Int, examples: Examples, file: @Sendable (Int) -> (path: String, contents: Data?)
    ) -> (RuleSet, [Diagnostic]) {
        // Files are independent until validation: read and parse them side by side, then join
        // them in file order, so the result is the same as reading them one after another.
        nonisolated(unsafe) var parts = [FilePart](repeating: FilePart(), count: count)
        parts.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: count) { i in
                let (path, contents) = file(i)
                buffer[i] = read(path, contents)
            }
        }
        let bag = DiagnosticBag()
        var hasher = Fingerprint()
        for part in parts {
            part.diagnostics.forEach(bag.add)
            if let digest = part.digest { hasher.add(digest) }
        }
        var rules = RuleSet(joining: parts.map(\.rules))
        rules.fingerprint = hasher.value
        RuleValidator(rules: rules, bag: bag, examples: examples).validate()
        return (rules, bag.diagnostics)
    }

    /// What one file contributes: its declarations, its problems, and a digest of its content.
    struct FilePart: Sendable {
        var rules = RuleSet()
        var diagnostics: [Diagnostic] = []
        var digest: UInt64?
    }

    static func read(_ path: String, _ contents: Data?) -> FilePart {
        let bag = DiagnosticBag()
        var part = FilePart()
        if let contents {
            if let node = parseDocument(path: path, data: contents, bag: bag) {
                var hasher = Fingerprint()
                hasher.add(node)
                part.digest = hasher.digest
                SectionReader(reader: YAMLReader(file: path, bag: bag)).read(node, into: &part.rules)
            }
        } else {
            bag.add(SourceLocation(file: path, line: 1, column: 1), "kan dit bestand niet lezen: controleer of het bestaat en leesbaar is")
        }
        part.diagnostics = bag.diagnostics
        return part
    }

    /// The rule files of a directory, sorted by name so the question order is stable.
    public static func ruleFiles(in directory: String) throws(DiagnosticList) -> [String] {
        let here = SourceLocation(file: directory, line: 1, column: 1)
        var status = stat()
        guard stat(directory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw DiagnosticList([Diagnostic(here, "de map met regels bestaat niet: geef een bestaande map met --rules")])
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let yaml = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        guard !yaml.isEmpty else {
            throw DiagnosticList([Diagnostic(here, "de map bevat geen regelbestanden (*.yaml): zet de regels hier of wijs met --rules een andere map aan")])
        }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return yaml.map { prefix + $0 }
    }

    static func parseDocument(path: String, data: Data, bag: DiagnosticBag) -> YAMLNode? {
        let start = SourceLocation(file: path, line: 1, column: 1)
        guard data.count <= maximumFileSize else {
            bag.add(start, "het bestand is \(data.count / 1024 / 1024) MB; een regelbestand mag hoogstens \(maximumFileSize / 1024 / 1024) MB zijn: splits het of controleer of dit wel een regelbestand is")
            return nil
        }
        // libyaml checks the UTF-8 as it reads, so the bytes go to it unchecked and uncopied;
        // only a file it refuses is checked here, so invalid UTF-8 gets its own message.
        let parsed = data.withUnsafeBytes { raw in
            let bytes = withoutByteOrderMark(raw.bindMemory(to: UInt8.self))
            return Result { () throws(YAMLSyntaxError) in try YAMLTree.parse(bytes, maximumDepth: maximumNesting) }
        }
        switch parsed {
        case .success(let node?):
            return node
        case .success(nil):
            bag.add(start, "het bestand is leeg: vul het met regels of haal het weg")
        case .failure(let error):
            bag.add(invalidUTF8(path: path, data: data) ?? yamlDiagnostic(error, path: path))
        }
        return nil
    }

    private static func withoutByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[(bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)...])
    }

    /// Where the first byte that is not UTF-8 is, if there is one.
    static func invalidUTF8(path: String, data: Data) -> Diagnostic? {
        let bytes = data.withUnsafeBytes { Array(withoutByteOrderMark($0.bindMemory(to: UInt8.self))) }
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        let (line, column) = TextScan.firstInvalidUTF8(bytes)
        return Diagnostic(
            SourceLocation(file: path, line: line, column: column),
            "het bestand is geen geldige UTF-8: sla het op als UTF-8 (in de meeste editors: Opslaan als… → Codering UTF-8)")
    }

    static func yamlDiagnostic(_ error: YAMLSyntaxError, path: String) -> Diagnostic {
        let at = SourceLocation(file: path, line: error.mark.line, column: error.mark.column)
        switch error.kind {
        case .syntax(let problem):
            return Diagnostic(at, "ongeldige YAML: " + YAMLProblem.message(problem))
        case .tab:
            return Diagnostic(at, "ongeldige YAML: " + YAMLProblem.tab)
        case .tooDeep:
            return Diagnostic(at, "de YAML is hier dieper genest dan \(maximumNesting) niveaus: regelbestanden zijn vlak, controleer de inspringing en haakjes")
        case .alias:
            return Diagnostic(at, "een alias (`*naam`) kan niet in een regelbestand: schrijf de waarde voluit")
        case .severalDocuments:
            return Diagnostic(at, "hier begint een tweede YAML-document (`---`): een regelbestand is één document, haal de `---` weg of zet de rest in een eigen bestand")
        }
    }
}

/// Byte and text scans, after the YAML parser stopped: where the first invalid UTF-8 is, where nesting became too deep.
enum TextScan {
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0, index = 0
        while index < bytes.count {
            let width = utf8Width(bytes, at: index)
            if width == 0 {
                let prefix = String(decoding: bytes[lineStart..<index], as: UTF8.self)
                return (line, prefix.unicodeScalars.count + 1)
            }
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += width
        }
        return (line, 1)
    }

    /// Width of the valid UTF-8 sequence at `index`, or 0 when it is invalid.
    private static func utf8Width(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let width: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: width = 2
        case 0xE0...0xEF: width = 3
        case 0xF0...0xF4: width = 4
        default: return 0
        }
        guard index + width <= bytes.count else { return 0 }
        let slice = Array(bytes[index..<index + width])
        return String(validating: slice, as: UTF8.self) == nil ? 0 : width
    }

    /// The first place where flow brackets or block indentation nest deeper than `limit`: where
    /// libyaml stops on deep nesting, it has read far ahead, so its own position is not the place.
    static func deepNesting(_ text: String, limit: Int) -> (line: Int, column: Int)? {
        // Over the UTF-8 bytes: the structure characters are ASCII, and columns count only the
        // first byte of each character.
        var line = 1, column = 0, depth = 0, atLineStart = true, indent = 0
        for byte in text.utf8 {
            if byte & 0xC0 == 0x80 { continue }
            column += 1
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                column = 0
                atLineStart = true
                indent = 0
                continue
            case UInt8(ascii: " ") where atLineStart:
                indent += 1
                // Block nesting needs at least one space per level, plus `- ` for sequences.
                if indent > limit * 4 { return (line, column) }
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return (line, column) }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
            default:
                break
            }
            atLineStart = false
        }
        return nil
    }
}

/// A 64-bit FNV-1a over the composed YAML content: comments and layout do not count,
/// so a trainer's comment in a rule file does not make every transcript look outdated.
/// Each file gets its own digest; the rule set's fingerprint hashes those in file order.
struct Fingerprint {
    private var hash = FNV1a()

    var digest: UInt64 { hash.value }

    mutating func add(_ digest: UInt64) { add(String(digest, radix: 16)) }

    /// Each node before its children, keys before their values: a text as `s`, its bytes and a
    /// separator, a block as `m` and its number of keys, a list as `q` and its number of items.
    mutating func add(_ node: YAMLNode) {
        node.forEachInOrder { kind, text, children in
            switch kind {
            case .scalar:
                // The same bytes as `add("s")` (a tag and a separator) without a string's walk.
                hash.mix(UInt8(ascii: "s"))
                hash.mix(0xFF)
                hash.add(UnsafeRawBufferPointer(text))
                hash.mix(0xFF)
            case .mapping: add(tag: "m", count: children / 2)
            case .sequence: add(tag: "q", count: children)
            }
        }
    }

    mutating func add(_ text: String) { hash.add(text) }

    /// The same bytes as `add("m\(count)")`, without building the string.
    private mutating func add(tag: Unicode.Scalar, count: Int) {
        hash.mix(UInt8(ascii: tag))
        var divisor = 1
        while count / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            hash.mix(UInt8(ascii: "0") + UInt8(count / divisor % 10))
            divisor /= 10
        }
        hash.mix(0xFF)
    }

    var value: String { hash.hex }
}
