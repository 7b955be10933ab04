// The rule files' declarations, as the readers build them from the YAML.

public struct OOVQuestion: Sendable, Hashable {
    public var id: String
    public var group: OOVQuestionGroup
    public var text: String
    public var location: SourceLocation
}

/// The Kompas' two kinds of "vraagpunten": about the theme in general (A) or the local situation (L).
public enum OOVQuestionGroup: String, Sendable, CaseIterable {
    case general = "algemeen", local = "lokaal"
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
    /// Cannot be combined with other options of a `multiple` question («Nog geen van deze»).
    public var exclusive: Bool = false
    public var location: SourceLocation
}

/// Where content comes from when it is not the source the theme is based on.
public enum Origin: String, Sendable, CaseIterable {
    /// Added by kompas beyond the seeds: what every OOV-er knows, marked so nobody takes it for the source's text.
    case addition = "aanvulling"
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
    /// False when the file gives no valid `type` (reported): tests on the question are then not checked.
    var typeIsKnown = true

    public func option(_ id: String) -> AnswerOption? { options.first { $0.id == id } }

    /// yes/no questions answer with these option ids; the files do not list them.
    static let yesNoOptions = ["ja": "ja", "nee": "nee"]
}

public enum SourceKind: String, Sendable, CaseIterable, Comparable {
    case partner, registry = "registratie", publication = "publicatie"
    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

public enum Scope: String, Sendable, CaseIterable, Comparable {
    case `internal` = "intern", external = "extern"
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
    /// The entry's own `origin`, or else its source's.
    public var origin: Origin?
    public var location: SourceLocation
}

public struct Source: Sendable {
    public var id: String
    public var name: String
    public var entries: [SourceEntry]
    public var origin: Origin?
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
    public var origin: Origin?
    var referenceLocations: ReferenceLocations
    public var location: SourceLocation
}

public enum Priority: String, Sendable, CaseIterable, Comparable {
    case normal = "normaal", high = "hoog"
    public static func < (a: Self, b: Self) -> Bool { a == .normal && b == .high }
}

public struct Rule: Sendable {
    public var id: String
    public var when: Condition
    public var because: String
    public var sources: [String]
    public var steps: [String]
    /// Steps this rule puts in the plan and proposes for «Begin hier».
    public var start: [String]
    public var exclude: [String]
    public var priority: Priority
    public var note: String?
    public var origin: Origin?
    var referenceLocations: ReferenceLocations
    public var location: SourceLocation
}

public struct GlossaryEntry: Sendable, Hashable {
    public var term: String
    public var meaning: String
    public var explanation: String?
    public var origin: Origin?
    public var location: SourceLocation
}

public struct Example: Sendable {
    public var name: String
    public var answers: [(question: String, value: ExampleValue, location: SourceLocation)]
    public var include: [String]
    public var exclude: [String]
    public var high: [String]
    /// The «Begin hier» steps, in the plan's order.
    public var start: [String]?
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
/// report a problem, so searched from the front.
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
