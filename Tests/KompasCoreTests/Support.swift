import Foundation
import Testing
@testable import KompasCore

enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func mini() throws -> RuleSet { try RuleLoader.load(directory: directory + "/mini") }

    /// A `multiple` question with an `exclusive` option, shared with the CLI tests.
    static let signals = (try? String(contentsOfFile: directory + "/signalen.yaml", encoding: .utf8)) ?? ""

    /// Loads YAML texts as rule files named a.yaml, b.yaml, …, returning the messages.
    static func problems(_ files: [String: String]) -> [String] {
        let sorted = files.sorted { $0.key < $1.key }
        do {
            _ = try RuleLoader.load(files: sorted.map { ($0.key, Data($0.value.utf8)) })
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    /// Every stored property, also the private ones, recursively: what "the same rule set" means.
    /// The lookup tables are compared as dictionaries: their order of iteration differs per copy.
    static func dumped(_ rules: RuleSet) -> String {
        var text = ""
        dump((rules.oovQuestions, rules.themes, rules.phases, rules.questions, rules.sources), to: &text)
        dump((rules.steps, rules.rules, rules.glossary, rules.examples, rules.fingerprint), to: &text)
        let tables = [rules.questionIndex, rules.themeIndex, rules.sourceIndex, rules.stepIndex, rules.ruleIndex]
        return text + tables.map { $0.sorted { $0.key < $1.key }.description }.joined(separator: "\n")
    }

    /// The mini rule set plus one extra file, for checking a single mistake in context.
    static func problems(adding text: String, as name: String = "z.yaml") -> [String] {
        problems(miniFiles(adding: text, as: name))
    }

    /// The mini rule set's files by name, plus one extra file.
    static func miniFiles(adding text: String? = nil, as name: String = "z.yaml") -> [String: String] {
        let dir = directory + "/mini/"
        var files: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
            files[name] = try? String(contentsOfFile: dir + name, encoding: .utf8)
        }
        files[name] = text
        return files
    }

    /// Every message, warnings too, and what loaded.
    static func checked(_ files: [String: String]) -> (rules: RuleSet, messages: [String]) {
        let (rules, diagnostics) = RuleLoader.check(files: files.sorted { $0.key < $1.key }.map { ($0.key, Data($0.value.utf8)) })
        return (rules, diagnostics.map(\.description))
    }
}

extension Engine {
    /// Answers from (question, value) pairs in the given order.
    func session(_ answers: [(String, AnswerValue)]) -> Session {
        Session(events: answers.map { .answered(question: $0.0, value: $0.1) })
    }
}
