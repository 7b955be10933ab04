import Foundation
import Testing
@testable import KompasCore

/// What every plan from the shipped rules must be, as advice (issue #21): priority means something,
/// there is someone local to call and somewhere to begin, and monitoring online signals never comes without the FG;
/// a plan whose note says to begin with the picture begins «Begin hier» with it.
@Suite struct AdviceQualityTests {
    static let rulesDirectory = Fixture.repository + "/rules"
    static let maximumHighShare = 0.4
    static let privacyOfficer = "functionaris-gegevensbescherming"
    static let firstPhase = "beeld-vormen"
    static let firstPhaseNote = "Begin met beeld vormen"
    /// Words that only a step or source about watching online signals uses.
    static let monitoringWords = ["OBI4wan", "online signalen", "social media", "chatgroepen"]

    /// The problems of one plan, each a short Dutch line; empty when the plan is fine.
    static func problems(of plan: Plan) -> [String] {
        var problems: [String] = []
        let high = plan.steps.filter { $0.priority == .high }.count
        if Double(high) > maximumHighShare * Double(plan.steps.count) {
            problems.append("\(high) van \(plan.steps.count) stappen hoog")
        }
        let localPartner = plan.sources.contains {
            $0.entry.kind == .partner && ($0.entry.scope == .internal || $0.source.id == "politie")
        }
        if !localPartner { problems.append("geen lokale partner") }
        if plan.start.isEmpty { problems.append("geen stap onder «Begin hier»") }
        if plan.notes.contains(where: { $0.text.hasPrefix(firstPhaseNote) }), let first = plan.start.first,
           first.step.phase.id != firstPhase {
            problems.append("de notitie zegt «\(firstPhaseNote)», maar «Begin hier» begint met \(first.step.step.id)")
        }
        let monitoring = plan.steps.map(\.step.text).contains(where: mentionsMonitoring)
            || plan.sources.map(\.entry.insight).contains(where: mentionsMonitoring)
        if monitoring && !plan.sources.contains(where: { $0.source.id == privacyOfficer }) {
            problems.append("online signalen volgen zonder de Functionaris Gegevensbescherming")
        }
        return problems
    }

    static func mentionsMonitoring(_ text: String) -> Bool {
        monitoringWords.contains { text.localizedCaseInsensitiveContains($0) }
    }

    /// A deterministic walk through the conversation: each question gets a random allowed answer.
    static func generatedAnswers(_ engine: Engine, theme: String, seed: UInt64) -> [String: AnswerValue] {
        var random = SplitMix(seed: seed &* 7919 &+ 1)
        var answers: [String: AnswerValue] = ["thema": .option(theme)]
        while let question = engine.evaluate(answers: answers).next {
            answers[question.id] = answer(question, &random)
        }
        return answers
    }

    static func answer(_ question: Question, _ random: inout SplitMix) -> AnswerValue {
        switch question.type {
        case .text: return .text("Testgemeente")
        case .yesno: return .option(Bool.random(using: &random) ? "ja" : "nee")
        case .choice: return .option(question.options.randomElement(using: &random)!.id)
        case .multiple:
            let exclusive = question.options.filter(\.exclusive)
            let others = question.options.filter { !$0.exclusive }
            if let only = exclusive.randomElement(using: &random), Int.random(in: 0..<4, using: &random) == 0 {
                return .options([only.id])
            }
            let chosen = others.filter { _ in Bool.random(using: &random) }
            return .options((chosen.isEmpty ? [others.randomElement(using: &random)!] : chosen).map(\.id))
        }
    }

    static func generatedProblems(_ rules: RuleSet, perTheme: Int) -> [String] {
        let engine = Engine(rules: rules)
        var found: [String] = []
        for theme in rules.themes.map(\.id) {
            for seed in 0..<UInt64(perTheme) {
                let answers = generatedAnswers(engine, theme: theme, seed: seed)
                for problem in problems(of: engine.evaluate(answers: answers).plan) {
                    let shown = answers.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.optionIDs)" }
                    found.append("\(theme) #\(seed): \(problem) (\(shown.joined(separator: " ")))")
                }
            }
        }
        return found
    }

    @Test func shippedTranscriptsGiveSoundAdvice() throws {
        let rules = try RuleLoader.load(directory: Self.rulesDirectory, examples: .skip)
        let engine = Engine(rules: rules)
        let directory = Fixture.repository + "/transcripts"
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".transcript") }.sorted()
        #expect(names.count >= 17)
        for name in names {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
            let plan = engine.plan(try TranscriptReader.read(bytes, path: name).session)
            #expect(Self.problems(of: plan) == [], "\(name)")
        }
    }

    @Test func generatedAnswerSetsGiveSoundAdvice() throws {
        let rules = try RuleLoader.load(directory: Self.rulesDirectory, examples: .skip)
        let problems = Self.generatedProblems(rules, perTheme: 300)
        #expect(problems.count == 0, "\(problems.count) plannen: \(problems.prefix(5).joined(separator: "\n"))")
    }

    /// Every need (behoefte) counts: added to any answer set that lacks it, it changes the plan.
    @Test func everyNeedChangesThePlan() throws {
        let rules = try RuleLoader.load(directory: Self.rulesDirectory, examples: .skip)
        let engine = Engine(rules: rules)
        let needs = try #require(rules.questions.first { $0.id == "behoefte" }).options.map(\.id)
        var redundant: [String] = []
        for theme in rules.themes.map(\.id) {
            for seed in 0..<UInt64(40) {
                var answers = Self.generatedAnswers(engine, theme: theme, seed: seed)
                let chosen = answers["behoefte"]?.optionIDs ?? []
                let before = engine.evaluate(answers: answers).plan.itemIDs
                for need in needs where !chosen.contains(need) {
                    answers["behoefte"] = .options(needs.filter { chosen.contains($0) || $0 == need })
                    if engine.evaluate(answers: answers).plan.itemIDs == before { redundant.append("\(theme) #\(seed): \(need)") }
                }
            }
        }
        #expect(redundant.isEmpty, "\(redundant.prefix(5))")
    }

    /// The checks can fail: each breaks on a rule set made worse in one way.
    @Test func brokenRulesAreCaught() throws {
        let shipped = try RuleLoader.ruleFiles(in: Self.rulesDirectory).map { path in
            (path: path, contents: FileManager.default.contents(atPath: path))
        }
        let rules = try RuleLoader.load(directory: Self.rulesDirectory, examples: .skip)
        let allSteps = rules.steps.map(\.id).joined(separator: ", ")
        let localPartners = rules.sources.filter { source in
            source.id == "politie" || source.entries.contains { $0.kind == .partner && $0.scope == .internal }
        }.map(\.id).joined(separator: ", ")
        let startSteps = Set(rules.rules.flatMap(\.start)).sorted().joined(separator: ", ")
        let pictureSteps = rules.steps.filter { $0.phase == Self.firstPhase }.map(\.id).joined(separator: ", ")
        let worse = [
            "alles-hoog": "when: answered(thema)\n    because: test\n    steps: [\(allSteps)]\n    priority: hoog",
            "geen-lokale-partners": "when: answered(thema)\n    because: test\n    exclude: [\(localPartners)]",
            "geen-fg": "when: answered(thema)\n    because: test\n    exclude: [\(Self.privacyOfficer)]",
            "geen-begin": "when: answered(thema)\n    because: test\n    exclude: [\(startSteps)]",
            "geen-beeld": "when: answered(thema)\n    because: test\n    exclude: [\(pictureSteps)]",
        ]
        let expected = [
            "alles-hoog": "stappen hoog", "geen-lokale-partners": "geen lokale partner", "geen-fg": "zonder de Functionaris",
            "geen-begin": "Begin hier", "geen-beeld": "maar «Begin hier» begint met",
        ]
        for (id, body) in worse {
            let extra = Data("rules:\n  - id: \(id)\n    \(body)\n".utf8)
            let broken = try RuleLoader.load(files: shipped + [(path: "zz-\(id).yaml", contents: extra)], examples: .skip)
            let problems = Self.generatedProblems(broken, perTheme: 20)
            #expect(problems.contains { $0.contains(expected[id]!) }, "\(id)")
        }
    }
}
