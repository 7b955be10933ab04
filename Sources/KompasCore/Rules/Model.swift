import Dispatch

/// The validated rule set: what the rule files declare, in declared order.
public struct RuleSet: Sendable {
    public var oovQuestions: [OOVQuestion] = []
    public var themes: [Theme] = []
    public var phases: [Phase] = []
    public var questions: [Question] = []
    public var sources: [Source] = []
    public var steps: [Step] = []
    public var rules: [Rule] = []
    public var glossary: [GlossaryEntry] = []
    public var examples: [Example] = []
    /// Hash of the rule files' bytes, so a transcript can tell the rules changed since it was made.
    public var fingerprint: String = ""

    public init() {}

    public func question(_ id: String) -> Question? { questionIndex[id].map { questions[$0] } }
    public func source(_ id: String) -> Source? { sourceIndex[id].map { sources[$0] } }
    public func step(_ id: String) -> Step? { stepIndex[id].map { steps[$0] } }
    public func theme(_ id: String) -> Theme? { themeIndex[id].map { themes[$0] } }
    public func phase(_ id: String) -> Phase? { phases.first { $0.id == id } }
    public func rule(_ id: String) -> Rule? { ruleIndex[id].map { rules[$0] } }
    public var themeQuestion: Question? { questions.first { $0.role == .theme } }
    public var municipalityQuestion: Question? { questions.first { $0.role == .municipality } }

    var questionIndex: [String: Int] = [:]
    var themeIndex: [String: Int] = [:]
    var sourceIndex: [String: Int] = [:]
    var stepIndex: [String: Int] = [:]
    var ruleIndex: [String: Int] = [:]

    /// The files' declarations one after another, in file order, with the lookup tables.
    init(joining parts: [RuleSet], sideBySideFrom threshold: Int = sideBySide) {
        self.init()
        let size = parts.reduce(0) { $0 + $1.size }
        forEachColumn(sideBySide: size >= threshold) { set, column in set.join(column, of: parts) }
    }

    /// Rebuilds the lookup tables (after reading the cache).
    mutating func index(sideBySideFrom threshold: Int = sideBySide) {
        forEachColumn(sideBySide: size >= threshold) { set, column in set.index(column) }
    }

    /// Declarations from which the lists are joined and indexed side by side: the shipped rules
    /// have some 450, for which starting threads costs more than the work (a session waited for
    /// them). At 100× joining and indexing one list after another took 27 ms, both cores waiting.
    static let sideBySide = 5_000

    private var size: Int { questions.count + sources.count + steps.count + rules.count }

    /// The lists one task joins and indexes: the three longest each alone, the rest together.
    private enum Column: CaseIterable {
        case rules, steps, sources, rest
    }

    /// `work` for each column, here or side by side on copies whose columns are then taken over.
    private mutating func forEachColumn(sideBySide: Bool, _ work: @Sendable (inout RuleSet, Column) -> Void) {
        guard sideBySide else {
            for column in Column.allCases { work(&self, column) }
            return
        }
        nonisolated(unsafe) var copies = [RuleSet](repeating: self, count: Column.allCases.count)
        copies.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: buffer.count) { i in work(&buffer[i], Column.allCases[i]) }
        }
        for (column, copy) in zip(Column.allCases, copies) { take(column, from: copy) }
    }

    private mutating func join(_ column: Column, of parts: [RuleSet]) {
        switch column {
        case .rules: rules = Self.joined(parts, \.rules)
        case .steps: steps = Self.joined(parts, \.steps)
        case .sources: sources = Self.joined(parts, \.sources)
        case .rest:
            oovQuestions = Self.joined(parts, \.oovQuestions)
            themes = Self.joined(parts, \.themes)
            phases = Self.joined(parts, \.phases)
            questions = Self.joined(parts, \.questions)
            glossary = Self.joined(parts, \.glossary)
            examples = Self.joined(parts, \.examples)
        }
        index(column)
    }

    private mutating func index(_ column: Column) {
        switch column {
        case .rules: ruleIndex = Self.firstIndex(rules.lazy.map(\.id))
        case .steps: stepIndex = Self.firstIndex(steps.lazy.map(\.id))
        case .sources: sourceIndex = Self.firstIndex(sources.lazy.map(\.id))
        case .rest: (questionIndex, themeIndex) = (Self.firstIndex(questions.lazy.map(\.id)), Self.firstIndex(themes.lazy.map(\.id)))
        }
    }

    private mutating func take(_ column: Column, from other: RuleSet) {
        switch column {
        case .rules: (rules, ruleIndex) = (other.rules, other.ruleIndex)
        case .steps: (steps, stepIndex) = (other.steps, other.stepIndex)
        case .sources: (sources, sourceIndex) = (other.sources, other.sourceIndex)
        case .rest:
            (oovQuestions, themes, phases, questions, glossary, examples) =
                (other.oovQuestions, other.themes, other.phases, other.questions, other.glossary, other.examples)
            (questionIndex, themeIndex) = (other.questionIndex, other.themeIndex)
        }
    }

    private static func joined<T>(_ parts: [RuleSet], _ list: KeyPath<RuleSet, [T]>) -> [T] {
        var result: [T] = []
        result.reserveCapacity(parts.reduce(0) { $0 + $1[keyPath: list].count })
        for part in parts { result += part[keyPath: list] }
        return result
    }

    /// Whether an id is declared, without copying what it names (validation asks this a lot).
    func hasQuestion(_ id: String) -> Bool { questionIndex[id] != nil }
    func hasTheme(_ id: String) -> Bool { themeIndex[id] != nil }
    func hasSource(_ id: String) -> Bool { sourceIndex[id] != nil }
    func hasStep(_ id: String) -> Bool { stepIndex[id] != nil }

    private static func firstIndex(_ ids: some Collection<String>) -> [String: Int] {
        var result: [String: Int] = [:]
        result.reserveCapacity(ids.count)
        for (offset, id) in ids.enumerated() where result[id] == nil { result[id] = offset }
        return result
    }
}

public struct OOVQuestion: Sendable, Hashable {
    public var id: String
    public var group: String
    public var text: String
    public var location: SourceLocation
}

public struct Theme: Sendable, Hashable {
    public var id: String
    public var name: String
    public var introduction: String
    public var basedOn: String?
    public var location: SourceLocation
}

public struct Phase: Sendable, Hashable {
    public var id: String
    public var name: String
    public var location: SourceLocation
}

public enum QuestionType: String, Sendable, CaseIterable {
    case choice, multiple, yesno, text
}

public enum QuestionRole: String, Sendable, CaseIterable {
    case theme, municipality
}

public struct AnswerOption: Sendable, Hashable {
    public var id: String
    public var label: String
    public var help: String?
    public var location: SourceLocation
}

public struct Question: Sendable {
    public var id: String
    public var text: String
    public var help: String?
    public var type: QuestionType
    public var options: [AnswerOption]
    public var when: Condition?
    public var role: QuestionRole?
    public var location: SourceLocation

    public func option(_ id: String) -> AnswerOption? { options.first { $0.id == id } }

    /// yes/no questions answer with these option ids; the files do not list them.
    static let yesNoOptions = ["ja": "ja", "nee": "nee"]
}

public enum SourceKind: String, Sendable, CaseIterable, Comparable {
    case partner, registratie, publicatie
    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

public enum Scope: String, Sendable, CaseIterable, Comparable {
    case intern, extern
    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The Kompas' six "vraagpunten": A = algemeen, L = lokale situatie.
public enum OOVQuestionID: String, Sendable, CaseIterable, Comparable {
    case a1 = "A1", a2 = "A2", a3 = "A3", l1 = "L1", l2 = "L2", l3 = "L3"
    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Where the Kompas names a source: under one theme, as one kind.
public struct SourceEntry: Sendable, Hashable {
    public var theme: String?
    public var title: String?
    public var kind: SourceKind
    public var scope: Scope?
    public var url: String?
    public var insight: String
    public var questions: [OOVQuestionID]
    public var location: SourceLocation
}

public struct Source: Sendable {
    public var id: String
    public var name: String
    public var entries: [SourceEntry]
    public var location: SourceLocation

    /// The entries for a theme; a source without theme-specific entries uses its general ones.
    public func entries(forTheme theme: String?) -> [SourceEntry] {
        let specific = entries.filter { $0.theme != nil && $0.theme == theme }
        if !specific.isEmpty { return specific }
        let general = entries.filter { $0.theme == nil }
        return general.isEmpty ? Array(entries.prefix(1)) : general
    }
}

public struct Step: Sendable {
    public var id: String
    public var text: String
    public var phase: String
    public var order: Int
    public var sources: [String]
    var referenceLocations: ReferenceLocations
    public var location: SourceLocation
}

public enum Priority: String, Sendable, CaseIterable, Comparable {
    case normaal, hoog
    public static func < (a: Self, b: Self) -> Bool { a == .normaal && b == .hoog }
}

public struct Rule: Sendable {
    public var id: String
    public var when: Condition
    public var because: String
    public var sources: [String]
    public var steps: [String]
    public var exclude: [String]
    public var priority: Priority
    public var note: String?
    var referenceLocations: ReferenceLocations
    public var location: SourceLocation
}

public struct GlossaryEntry: Sendable, Hashable {
    public var term: String
    public var meaning: String
    public var explanation: String?
    public var location: SourceLocation
}

public struct Example: Sendable {
    public var name: String
    public var answers: [(question: String, value: ExampleValue, location: SourceLocation)]
    public var include: [String]
    public var exclude: [String]
    public var high: [String]
    public var asked: [String]
    public var notAsked: [String]
    public var notes: [String]
    var referenceLocations: ReferenceLocations
    public var location: SourceLocation
}

/// An answer as an example writes it, before it is checked against the question.
public enum ExampleValue: Sendable, Hashable {
    case scalar(String)
    case list([String])
}

/// Where each id a declaration names was written, by list (`sources`, `steps`, …). Read only to
/// report a problem, so searched from the front: a dictionary per rule cost more to build than
/// everything it was ever asked (at 100×, 18,800 of them). The ids are the declaration's own
/// lists, shared, not copied; the positions are plain numbers, and the file is kept once.
struct ReferenceLocations: Sendable {
    private var file = ""
    private var lists: [(name: String, located: LocatedStrings)] = []

    init() {}

    /// The lists of one file, e.g. `[("sources", …), ("steps", …)]`; empty ones are left out.
    init(file: String, _ lists: [(name: String, located: LocatedStrings)]) {
        self.file = file
        for (name, located) in lists { append(located, as: name) }
    }

    mutating func append(_ located: LocatedStrings, as name: String) {
        if !located.values.isEmpty { lists.append((name, located)) }
    }

    /// Where `id` was first written in `list`.
    subscript(list: String, id: String) -> SourceLocation? {
        for (name, located) in lists where name == list {
            guard let index = located.values.firstIndex(of: id) else { continue }
            let mark = located.marks[index]
            return SourceLocation(file: file, line: mark.line, column: mark.column)
        }
        return nil
    }
}

extension ReferenceLocations: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.file(file)
        writer.int(lists.count)
        for (name, located) in lists {
            writer.string(name)
            writer.strings(located.values)
            for mark in located.marks {
                writer.int(mark.line)
                writer.int(mark.column)
            }
        }
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init()
        file = try reader.file()
        for _ in 0..<(try reader.count()) {
            let name = try reader.string()
            var located = LocatedStrings(values: try reader.strings())
            located.marks.reserveCapacity(located.values.count)
            for _ in located.values { located.marks.append(YAMLMark(line: try reader.int(), column: try reader.int())) }
            lists.append((name, located))
        }
    }
}
