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

    /// Whether validation runs the rule files' examples and the near-duplicate warnings: `kompas
    /// check` and the tests do; a session skips them, since they are for whoever maintains the rules.
    public enum Examples: Sendable {
        case run, skip
    }

    /// Loads and validates; throws every problem found, in file order.
    public static func load(directory: String, examples: Examples = .run) throws(DiagnosticList) -> RuleSet {
        let (rules, diagnostics) = try check(directory: directory, examples: examples)
        if diagnostics.contains(where: \.isError) { throw DiagnosticList(diagnostics) }
        return rules
    }

    /// Every rule file of a directory; throws only when the directory has no rule files.
    public static func check(directory: String, examples: Examples = .run) throws(DiagnosticList) -> (RuleSet, [Diagnostic]) {
        let files = try ruleFiles(in: directory).map { (path: $0, contents: FileManager.default.contents(atPath: $0)) }
        return check(files: files, examples: examples)
    }

    /// Loads from bytes already read (tests, fuzzing, benchmarks); `nil` contents means unreadable.
    public static func load(files: [(path: String, contents: Data?)], examples: Examples = .run) throws(DiagnosticList) -> RuleSet {
        let (rules, diagnostics) = check(files: files, examples: examples)
        if diagnostics.contains(where: \.isError) { throw DiagnosticList(diagnostics) }
        return rules
    }

    /// As `load(directory:)`, with the files read and parsed side by side (most of loading), so a
    /// session's first question comes sooner.
    public static func load(directory: String, examples: Examples = .run) async throws(DiagnosticList) -> RuleSet {
        let paths = try ruleFiles(in: directory)
        let files = paths.map { FileManager.default.contents(atPath: $0) }
        let parts = await withTaskGroup(of: (Int, FilePart).self) { group in
            // The largest first, so the cores finish together.
            for index in paths.indices.sorted(by: { (files[$0]?.count ?? 0) > (files[$1]?.count ?? 0) }) {
                group.addTask { (index, read(paths[index], files[index])) }
            }
            var parts = [FilePart](repeating: FilePart(), count: paths.count)
            for await (index, part) in group { parts[index] = part }
            return parts
        }
        let (rules, diagnostics) = check(parts, examples: examples)
        if diagnostics.contains(where: \.isError) { throw DiagnosticList(diagnostics) }
        return rules
    }

    /// Everything that loaded, and every problem, sorted by file and line: `kompas check` reports both.
    public static func check(files: [(path: String, contents: Data?)], examples: Examples = .run) -> (RuleSet, [Diagnostic]) {
        check(files.map { read($0.path, $0.contents) }, examples: examples)
    }

    /// The files' parts joined in file order, then validated.
    private static func check(_ parts: [FilePart], examples: Examples) -> (RuleSet, [Diagnostic]) {
        let bag = DiagnosticBag(), references = DiagnosticBag()
        var hasher = Fingerprint()
        for part in parts {
            part.diagnostics.forEach(bag.add)
            if let digest = part.digest { hasher.add(digest) }
        }
        var rules = RuleSet(joining: parts.map(\.rules))
        rules.fingerprint = hasher.value
        RuleValidator(rules: rules, bag: bag, references: references, examples: examples).validate()
        // What an unreadable file declares is unknown: a reference to it is no mistake of its own.
        if let unread = parts.first(where: \.isUnread)?.diagnostics.first, !references.diagnostics.isEmpty {
            let count = references.diagnostics.count
            let left = count == 1 ? "1 melding over onderdelen die in een onleesbaar bestand kunnen staan is" : "\(count) meldingen over onderdelen die in een onleesbaar bestand kunnen staan zijn"
            bag.add(unread.location, "\(left) weggelaten: herstel eerst de fout hierboven en controleer dan opnieuw", severity: .remark)
        } else {
            references.diagnostics.forEach(bag.add)
        }
        return (rules, sorted(bag.diagnostics))
    }

    /// By file and line; in the order found where they share a place.
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.indices.sorted { a, b in
            let la = diagnostics[a].location, lb = diagnostics[b].location
            return la != lb ? la < lb : a < b
        }.map { diagnostics[$0] }
    }

    /// What one file contributes: its declarations, its problems, and a digest of its content.
    struct FilePart: Sendable {
        var rules = RuleSet()
        var diagnostics: [Diagnostic] = []
        var digest: UInt64?
        /// Whether the file could not be read or parsed, so its declarations are unknown.
        var isUnread = false
    }

    static func read(_ path: String, _ contents: Data?) -> FilePart {
        let bag = DiagnosticBag()
        var part = FilePart()
        if let contents {
            switch parseDocument(path: path, data: contents, bag: bag) {
            case .document(let document):
                part.digest = document.digest
                SectionReader(reader: FieldReader(file: path, bag: bag)).read(document.root, into: &part.rules)
            case .empty: break
            case .unread: part.isUnread = true
            }
        } else {
            bag.add(SourceLocation(file: path, line: 1, column: 1), "kan dit bestand niet lezen: controleer of het bestaat en leesbaar is")
            part.isUnread = true
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

    enum Parsed {
        case document(YAMLDocument)
        /// No document: nothing is declared, so nothing is hidden.
        case empty
        /// Too large or no YAML: what it declares is unknown.
        case unread
    }

    static func parseDocument(path: String, data: Data, bag: DiagnosticBag) -> Parsed {
        let start = SourceLocation(file: path, line: 1, column: 1)
        guard data.count <= maximumFileSize else {
            bag.add(start, "het bestand is \(data.count / 1024 / 1024) MB; een regelbestand mag hoogstens \(maximumFileSize / 1024 / 1024) MB zijn: splits het of controleer of dit wel een regelbestand is")
            return .unread
        }
        // libyaml checks the UTF-8 as it reads; only a file it refuses is checked here, so
        // invalid UTF-8 gets its own message.
        let parsed = data.withUnsafeBytes { raw in
            let bytes = withoutByteOrderMark(raw.bindMemory(to: UInt8.self))
            return Result { () throws(YAMLSyntaxError) in try YAMLTree.parse(bytes, maximumDepth: maximumNesting) }
        }
        switch parsed {
        case .success(let document?):
            return .document(document)
        case .success(nil):
            bag.add(start, "het bestand is leeg: vul het met regels of haal het weg")
            return .empty
        case .failure(let error):
            bag.add(invalidUTF8(path: path, data: data) ?? yamlDiagnostic(error, path: path, data: data))
            return .unread
        }
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

    static func yamlDiagnostic(_ error: YAMLSyntaxError, path: String, data: Data) -> Diagnostic {
        let at = SourceLocation(file: path, line: error.mark.line, column: error.mark.column)
        switch error.kind {
        case .syntax(let problem):
            let text = String(decoding: data, as: UTF8.self)
            guard let indented = YAMLProblem.indentation(problem, in: text, line: error.mark.line) else {
                return Diagnostic(at, "ongeldige YAML: " + (YAMLProblem.outdentation(problem, in: text, line: error.mark.line) ?? YAMLProblem.message(problem)))
            }
            return Diagnostic(SourceLocation(file: path, line: error.mark.line, column: indented.column), "ongeldige YAML: " + indented.message)
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
