/// A group of trainees' transcripts beside a reference: what `kompas compare` shows, before it
/// is laid out as text, Markdown or JSON.
public struct GroupComparison: Sendable {
    public struct Member: Sendable {
        /// The file name without its folder and `.transcript`.
        public var name: String
        public var evaluation: Evaluation
        public var agreement: Agreement
    }

    /// A reference item that most trainees on the reference's theme missed: what to discuss.
    public struct Missed: Sendable {
        public var item: PlanItem
        public var missedBy: [String]
        /// The trainees on the reference's theme.
        public var of: Int
    }

    public let rules: RuleSet
    public let reference: (name: String, evaluation: Evaluation)
    public let members: [Member]
    /// Every question someone's answer counts for, in rule order: the matrix's rows.
    public let questions: [Question]
    public let missed: [Missed]

    public init(rules: RuleSet, reference: (name: String, evaluation: Evaluation), trainees: [(name: String, evaluation: Evaluation)]) {
        self.rules = rules
        self.reference = reference
        members = trainees.map { Member(name: $0.name, evaluation: $0.evaluation, agreement: Agreement(reference: reference.evaluation, trainee: $0.evaluation, rules: rules)) }
        let everyone = [reference.evaluation] + trainees.map(\.evaluation)
        questions = rules.questions.filter { question in everyone.contains { $0.effectiveAnswers[question.id] != nil } }
        let peers = members.filter(\.agreement.sameTheme)
        let missed = PlanItem.items(reference.evaluation.plan).compactMap { item -> Missed? in
            let by = peers.filter { member in member.agreement.missed.contains { $0.key == item.key } }.map(\.name)
            return by.count * 2 > peers.count ? Missed(item: item, missedBy: by, of: peers.count) : nil
        }
        // Most missed first, then priority; plan order otherwise (the sort is stable).
        self.missed = missed.sorted { a, b in
            a.missedBy.count != b.missedBy.count ? a.missedBy.count > b.missedBy.count : a.item.priority > b.item.priority
        }
    }

    /// The name of a transcript file: without its folder and `.transcript`, and without control
    /// characters, which a file name may hold.
    public static func name(ofFile path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return TranscriptWriter.oneLine(file.hasSuffix(".transcript") ? String(file.dropLast(".transcript".count)) : file)
    }

    /// Whether a member's answer to a question is marked as differing from the reference's: the
    /// compared answers that differ, and the theme of a member on another theme. The
    /// municipality never is.
    public func differs(_ member: Member, _ question: Question) -> Bool {
        member.agreement.differing.contains(question.id) || (!member.agreement.sameTheme && question.role == .theme)
    }

    /// The reference's answers a reason read, without the theme: the peers share it.
    public func answers(_ reason: Provenance) -> [ReadAnswer] {
        reason.answers.filter { $0.question != rules.themeQuestion?.id }
    }
}

extension AnswerValue {
    /// Short, for a matrix cell: option ids, or the text itself.
    var compact: String {
        switch self {
        case .option(let id): id
        case .options(let ids): ids.isEmpty ? "geen" : ids.joined(separator: ", ")
        case .text(let text): TranscriptWriter.oneLine(text)
        }
    }
}
