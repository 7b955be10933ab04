/// The validated rule set: what the rule files declare, in declared order, with lookup by id.
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
    /// Hash of the rule files' content, so a transcript can tell the rules changed since it was made.
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
    init(joining parts: [RuleSet]) {
        self.init()
        for part in parts {
            oovQuestions += part.oovQuestions
            themes += part.themes
            phases += part.phases
            questions += part.questions
            sources += part.sources
            steps += part.steps
            rules += part.rules
            glossary += part.glossary
            examples += part.examples
        }
        questionIndex = Self.firstIndex(questions.map(\.id))
        themeIndex = Self.firstIndex(themes.map(\.id))
        sourceIndex = Self.firstIndex(sources.map(\.id))
        stepIndex = Self.firstIndex(steps.map(\.id))
        ruleIndex = Self.firstIndex(rules.map(\.id))
    }

    /// Whether an id is declared, without copying what it names.
    func hasQuestion(_ id: String) -> Bool { questionIndex[id] != nil }
    func hasTheme(_ id: String) -> Bool { themeIndex[id] != nil }
    func hasSource(_ id: String) -> Bool { sourceIndex[id] != nil }
    func hasStep(_ id: String) -> Bool { stepIndex[id] != nil }

    /// Each id's first declaration: a later duplicate is reported by validation, not looked up.
    private static func firstIndex(_ ids: [String]) -> [String: Int] {
        var result: [String: Int] = [:]
        for (offset, id) in ids.enumerated() where result[id] == nil { result[id] = offset }
        return result
    }
}
