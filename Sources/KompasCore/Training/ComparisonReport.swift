import FoundationEssentials

/// `kompas compare --format json`: the comparison for other tools, in the versioned
/// `kompas-compare` schema. `theme` is left out when a transcript chose none.
public struct ComparisonReport: Encodable {
    public static let schema = "kompas-compare"
    /// Raised when a field changes meaning or disappears; adding a field does not raise it.
    public static let version = 1

    struct Answer: Encodable {
        var question: String
        var optionIds: [String]
        var display: String
    }

    struct Transcript: Encodable {
        var name: String
        var theme: String?
        var answers: [Answer]
    }

    struct Trainee: Encodable {
        var name: String
        var theme: String?
        var sameTheme: Bool
        var answers: [Answer]
        var differing: [String]
        var answersSame: Int
        var answersCompared: Int
        var answersPercentage: Int
        var planShared: [String]
        var planMissed: [String]
        var planExtra: [String]
        var planPercentage: Int
    }

    struct Reason: Encodable {
        var rule: String
        var because: String
        var answers: [Answer]
    }

    struct Missed: Encodable {
        var item: String
        var label: String
        var priority: String
        var missedBy: [String]
        var of: Int
        var reasons: [Reason]
    }

    var schema = Self.schema
    var version = Self.version
    var rulesFingerprint: String
    var reference: Transcript
    var trainees: [Trainee]
    var missedByMost: [Missed]

    public init(_ comparison: GroupComparison) {
        let rules = comparison.rules
        func answers(_ evaluation: Evaluation) -> [Answer] {
            comparison.questions.compactMap { question in
                evaluation.effectiveAnswers[question.id].map { Answer(question: question.id, optionIds: $0.optionIDs, display: question.display($0)) }
            }
        }
        rulesFingerprint = rules.fingerprint
        reference = Transcript(name: comparison.reference.name, theme: comparison.reference.evaluation.plan.theme?.id, answers: answers(comparison.reference.evaluation))
        trainees = comparison.members.map { member in
            let agreement = member.agreement
            return Trainee(
                name: member.name, theme: member.evaluation.plan.theme?.id, sameTheme: agreement.sameTheme, answers: answers(member.evaluation),
                differing: agreement.differing, answersSame: agreement.sameAnswers, answersCompared: agreement.compared.count,
                answersPercentage: agreement.answerPercentage, planShared: agreement.shared.map(\.key), planMissed: agreement.missed.map(\.key),
                planExtra: agreement.extra.map(\.key), planPercentage: agreement.planPercentage)
        }
        missedByMost = comparison.missed.map { missed in
            Missed(
                item: missed.item.key, label: missed.item.label, priority: missed.item.priority.rawValue, missedBy: missed.missedBy, of: missed.of,
                reasons: missed.item.reasons.map { reason in
                    Reason(rule: reason.rule, because: reason.because, answers: comparison.answers(reason).compactMap { read in
                        rules.question(read.question).map { Answer(question: read.question, optionIds: read.value.optionIDs, display: $0.display(read.value)) }
                    })
                })
        }
    }

    /// Pretty-printed with sorted keys, so the same comparison always gives the same bytes.
    public func render() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Strings, numbers and arrays only: encoding cannot fail.
        return String(decoding: try! encoder.encode(self), as: UTF8.self) + "\n"
    }
}
