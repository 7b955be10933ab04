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
    mutating func location(_ location: SourceLocation) {
        if let number = files[location.file] {
            int(number)
        } else {
            files[location.file] = files.count
            int(files.count - 1)
            string(location.file)
        }
        int(location.line)
        int(location.column)
    }

    mutating func list<Item: CacheCodable>(_ items: [Item]) {
        int(items.count)
        for item in items { item.write(to: &self) }
    }

    mutating func item(_ item: some CacheCodable) { item.write(to: &self) }
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

    mutating func location() throws(CacheMiss) -> SourceLocation {
        let number = try int()
        if number == files.count {
            files.append(try string())
        } else if number < 0 || number > files.count {
            throw CacheMiss()
        }
        return SourceLocation(file: files[number], line: try int(), column: try int())
    }

    mutating func list<Item: CacheCodable>(_: Item.Type) throws(CacheMiss) -> [Item] {
        let count = try count()
        var items: [Item] = []
        items.reserveCapacity(count)
        for _ in 0..<count { items.append(try Item(from: &self)) }
        return items
    }

    mutating func item<Item: CacheCodable>(_: Item.Type) throws(CacheMiss) -> Item { try Item(from: &self) }
}

protocol CacheCodable {
    func write(to writer: inout CacheWriter)
    init(from reader: inout CacheReader) throws(CacheMiss)
}

extension RuleSet: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.list(oovQuestions)
        writer.list(themes)
        writer.list(phases)
        writer.list(questions)
        writer.list(sources)
        writer.list(steps)
        writer.list(rules)
        writer.list(glossary)
        writer.list(examples)
        writer.string(fingerprint)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init()
        oovQuestions = try reader.list(OOVQuestion.self)
        themes = try reader.list(Theme.self)
        phases = try reader.list(Phase.self)
        questions = try reader.list(Question.self)
        sources = try reader.list(Source.self)
        steps = try reader.list(Step.self)
        rules = try reader.list(Rule.self)
        glossary = try reader.list(GlossaryEntry.self)
        examples = try reader.list(Example.self)
        fingerprint = try reader.string()
        index()
    }
}

extension OOVQuestion: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(id)
        writer.string(group)
        writer.string(text)
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init(id: try reader.string(), group: try reader.string(), text: try reader.string(), location: try reader.location())
    }
}

extension Theme: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(id)
        writer.string(name)
        writer.string(introduction)
        writer.string(basedOn)
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init(
            id: try reader.string(), name: try reader.string(), introduction: try reader.string(),
            basedOn: try reader.optionalString(), location: try reader.location())
    }
}

extension Phase: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(id)
        writer.string(name)
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init(id: try reader.string(), name: try reader.string(), location: try reader.location())
    }
}

extension AnswerOption: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(id)
        writer.string(label)
        writer.string(help)
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init(id: try reader.string(), label: try reader.string(), help: try reader.optionalString(), location: try reader.location())
    }
}

extension Condition: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(text)
        writer.item(expression)
        writer.location(origin)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init(text: try reader.string(), expression: try reader.item(Expression.self), origin: try reader.location())
    }
}

/// The parsed tree, not the text parsed again: parsing was a third of reading the cache.
extension Expression: CacheCodable {
    func write(to writer: inout CacheWriter) {
        switch self {
        case .equals(let q, let o): writer.int(0); writer.item(q); writer.item(o)
        case .notEquals(let q, let o): writer.int(1); writer.item(q); writer.item(o)
        case .isIn(let q, let os): writer.int(2); writer.item(q); writer.list(os)
        case .contains(let q, let o): writer.int(3); writer.item(q); writer.item(o)
        case .answered(let q): writer.int(4); writer.item(q)
        case .not(let e): writer.int(5); writer.item(e)
        case .and(let l, let r): writer.int(6); writer.item(l); writer.item(r)
        case .or(let l, let r): writer.int(7); writer.item(l); writer.item(r)
        }
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        // Conditions nest shallowly; a corrupt payload could nest without end, so bound it.
        try reader.descend()
        defer { reader.ascend() }
        switch try reader.int() {
        case 0: self = .equals(try reader.item(Reference.self), try reader.item(Reference.self))
        case 1: self = .notEquals(try reader.item(Reference.self), try reader.item(Reference.self))
        case 2: self = .isIn(try reader.item(Reference.self), try reader.list(Reference.self))
        case 3: self = .contains(try reader.item(Reference.self), try reader.item(Reference.self))
        case 4: self = .answered(try reader.item(Reference.self))
        case 5: self = .not(try reader.item(Expression.self))
        case 6: self = .and(try reader.item(Expression.self), try reader.item(Expression.self))
        case 7: self = .or(try reader.item(Expression.self), try reader.item(Expression.self))
        default: throw CacheMiss()
        }
    }
}

extension Reference: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(id)
        writer.int(offset)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init(id: try reader.string(), offset: try reader.int())
    }
}

extension Question: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(id)
        writer.string(text)
        writer.string(help)
        writer.raw(type)
        writer.list(options)
        writer.list(when.map { [$0] } ?? [])
        writer.raw(role)
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        let id = try reader.string(), text = try reader.string(), help = try reader.optionalString()
        let type = try reader.raw(QuestionType.self)
        let options = try reader.list(AnswerOption.self)
        let when = try reader.list(Condition.self)
        guard when.count <= 1 else { throw CacheMiss() }
        self.init(
            id: id, text: text, help: help, type: type, options: options, when: when.first,
            role: try reader.optionalRaw(QuestionRole.self), location: try reader.location())
    }
}

extension SourceEntry: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(theme)
        writer.string(title)
        writer.raw(kind)
        writer.raw(scope)
        writer.string(url)
        writer.string(insight)
        writer.strings(questions.map(\.rawValue))
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        let theme = try reader.optionalString(), title = try reader.optionalString()
        let kind = try reader.raw(SourceKind.self), scope = try reader.optionalRaw(Scope.self)
        let url = try reader.optionalString(), insight = try reader.string()
        var questions: [OOVQuestionID] = []
        for text in try reader.strings() {
            guard let question = OOVQuestionID(rawValue: text) else { throw CacheMiss() }
            questions.append(question)
        }
        self.init(
            theme: theme, title: title, kind: kind, scope: scope, url: url, insight: insight, questions: questions,
            location: try reader.location())
    }
}

extension Source: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(id)
        writer.string(name)
        writer.list(entries)
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init(id: try reader.string(), name: try reader.string(), entries: try reader.list(SourceEntry.self), location: try reader.location())
    }
}

extension Step: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(id)
        writer.string(text)
        writer.string(phase)
        writer.int(order)
        writer.strings(sources)
        writer.item(referenceLocations)
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init(
            id: try reader.string(), text: try reader.string(), phase: try reader.string(), order: try reader.int(),
            sources: try reader.strings(), referenceLocations: try reader.item(ReferenceLocations.self),
            location: try reader.location())
    }
}

extension Rule: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(id)
        writer.item(when)
        writer.string(because)
        writer.strings(sources)
        writer.strings(steps)
        writer.strings(exclude)
        writer.raw(priority)
        writer.string(note)
        writer.item(referenceLocations)
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init(
            id: try reader.string(), when: try reader.item(Condition.self), because: try reader.string(),
            sources: try reader.strings(), steps: try reader.strings(), exclude: try reader.strings(),
            priority: try reader.raw(Priority.self), note: try reader.optionalString(),
            referenceLocations: try reader.item(ReferenceLocations.self), location: try reader.location())
    }
}

extension GlossaryEntry: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(term)
        writer.string(meaning)
        writer.string(explanation)
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init(term: try reader.string(), meaning: try reader.string(), explanation: try reader.optionalString(), location: try reader.location())
    }
}

extension Example: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(name)
        writer.int(answers.count)
        for answer in answers {
            writer.string(answer.question)
            switch answer.value {
            case .scalar(let text):
                writer.string(text)
            case .list(let texts):
                writer.string(nil)
                writer.strings(texts)
            }
            writer.location(answer.location)
        }
        for list in [include, exclude, high, asked, notAsked, notes] { writer.strings(list) }
        writer.item(referenceLocations)
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        let name = try reader.string()
        var answers: [(question: String, value: ExampleValue, location: SourceLocation)] = []
        for _ in 0..<(try reader.count()) {
            let question = try reader.string()
            let value: ExampleValue
            if let text = try reader.optionalString() {
                value = .scalar(text)
            } else {
                value = .list(try reader.strings())
            }
            answers.append((question, value, try reader.location()))
        }
        self.init(
            name: name, answers: answers, include: try reader.strings(), exclude: try reader.strings(),
            high: try reader.strings(), asked: try reader.strings(), notAsked: try reader.strings(),
            notes: try reader.strings(), referenceLocations: try reader.item(ReferenceLocations.self),
            location: try reader.location())
    }
}
