/// `replay --quiz` without the terminal: the trainee answers what the engine asks on their own
/// path, hears after each answer whether the colleague of the transcript answered the same, and
/// at the end gets a score and the differences that matter most.
public struct Quiz: Sendable {
    public private(set) var conversation: Conversation
    public let transcript: Transcript
    /// What the colleague's answers give under the current rules.
    public let reference: Evaluation

    public init(engine: Engine, transcript: Transcript, width: Int = 80) {
        self.conversation = Conversation(engine: engine, width: width)
        self.transcript = transcript
        self.reference = engine.evaluate(transcript.session)
    }

    public enum Outcome: Sendable { case goOn, finished, stopped }

    public struct Reply: Sendable {
        public var text: String
        /// True when the trainee's answers changed: the caller saves them.
        public var recorded: Bool
        public var outcome: Outcome
    }

    var rules: RuleSet { conversation.engine.rules }
    var width: Int { conversation.width }
    public var prompt: String { "jouw antwoord> " }

    /// The comments before the first answer: the municipality's situation, the case to work on.
    /// Comments come from a file: no control character of theirs reaches the terminal.
    public var caseDescription: [String] { (transcript.events.first?.comments ?? transcript.trailingComments).map(TranscriptWriter.oneLine) }

    public func opening(file: String) -> String {
        let intro = "Quiz: \(file). Beantwoord elke vraag zelf; na elk antwoord hoor je wat de collega antwoordde. :help geeft hulp, :terug maakt je laatste antwoord ongedaan, :stop stopt de quiz."
        var lines = TextLayout.wrap(intro, width: width)
        if !caseDescription.isEmpty {
            lines += ["", "De casus:"] + caseDescription.flatMap { TextLayout.wrap($0, width: width, indent: "  ", hanging: "  ") }
        }
        return (lines + ["", conversation.questionBlock()]).joined(separator: "\n")
    }

    public mutating func handle(_ input: String) -> Reply {
        let text = AnswerMatcher.clean(input)
        if text.hasPrefix(":"), let name = text.dropFirst().split(separator: " ").first, let command = MetaCommand(String(name)) {
            switch command {
            case .stop: return Reply(text: "", recorded: false, outcome: .stopped)
            case .save, .export:
                return Reply(text: wrap("In de quiz bewaar je je antwoorden met `kompas replay --quiz --transcript BESTAND`; ze worden dan na elk antwoord bewaard."), recorded: false, outcome: .goOn)
            default: break
            }
        }
        let before = conversation.session.events.count
        let reply = conversation.handle(input)
        let answered = conversation.session.events.count > before ? conversation.session.events.last : nil
        guard let answered, answered.isAnswer, let id = answered.question, let question = rules.question(id) else {
            return Reply(text: reply.text, recorded: reply.recorded, outcome: .goOn)
        }
        let feedback = self.feedback(question, conversation.session.answers[id])
        if conversation.isComplete { return Reply(text: feedback, recorded: true, outcome: .finished) }
        return Reply(text: [feedback, reply.text].filter { !$0.isEmpty }.joined(separator: "\n\n"), recorded: true, outcome: .goOn)
    }

    /// Same or different from the colleague, and when different the trainer's comment on the
    /// question. The municipality is the trainee's own: nothing to compare.
    func feedback(_ question: Question, _ answer: AnswerValue?) -> String {
        guard question.role != .municipality else { return "" }
        guard let theirs = reference.effectiveAnswers[question.id] else {
            return wrap("De collega kreeg deze vraag niet: die antwoordde eerder anders.")
        }
        if theirs == answer { return "Hetzelfde als de collega." }
        var lines = TextLayout.wrap("Anders dan de collega, die antwoordde: \(question.display(theirs)).", width: width)
        // The first answer's comments are the case, already shown.
        for entry in transcript.events.dropFirst() where entry.event.question == question.id {
            lines += entry.comments.flatMap { TextLayout.wrap(TranscriptWriter.oneLine($0), width: width, indent: "  ✎ ", hanging: "    ") }
        }
        return lines.joined(separator: "\n")
    }

    /// The score and then the differences in the plan, most important first.
    public func summary() -> String {
        let agreement = Agreement(reference: reference, trainee: conversation.evaluation, rules: rules)
        var lines: [String] = []
        if !conversation.isComplete {
            lines += TextLayout.wrap("De quiz is gestopt voor alle vragen beantwoord waren; de score gaat over wat je tot nu toe antwoordde.", width: width) + [""]
        }
        lines += ["Je score tegen de collega:"]
        lines += TextLayout.wrap("Antwoorden: \(agreement.sameAnswers) van \(agreement.compared.count) hetzelfde (\(agreement.answerPercentage)%)" + (agreement.sameTheme ? "" : ", op de vragen van beide thema's"), width: width, indent: "  ", hanging: "    ")
        lines += TextLayout.wrap("Plan: \(agreement.shared.count) van de \(agreement.shared.count + agreement.missed.count) onderdelen van de collega (\(agreement.planPercentage)%), \(agreement.extra.count) extra", width: width, indent: "  ", hanging: "    ")
        lines += group("Alleen in het plan van de collega, met prioriteit:", agreement.missed.filter { $0.priority == .high })
        lines += group("Alleen in het plan van de collega:", agreement.missed.filter { $0.priority != .high })
        lines += group("Alleen in jouw plan:", agreement.extra)
        return lines.joined(separator: "\n")
    }

    /// The items by the reasons that brought them in, one line each: a few causes to discuss,
    /// not one long list.
    private func group(_ heading: String, _ items: [PlanItem]) -> [String] {
        guard !items.isEmpty else { return [] }
        var causes: [String] = [], byCause: [String: [PlanItem]] = [:]
        for item in items {
            let cause = PlanTextRenderer.because(item.reasons)
            if byCause[cause] == nil { causes.append(cause) }
            byCause[cause, default: []].append(item)
        }
        var lines = ["", heading]
        for cause in causes {
            lines += TextLayout.wrap(cause, width: width, indent: "  ", hanging: "  ")
            lines += byCause[cause]!.map { "    • " + TextLayout.cut($0.label, width: width - 6) }
        }
        return lines
    }

    private func wrap(_ text: String) -> String { TextLayout.wrap(text, width: width).joined(separator: "\n") }
}
