/// Something the caller must do that the conversation itself cannot: it has no I/O.
public enum ConversationAction: Hashable, Sendable {
    /// `overwrite`: typed as `:bewaar!` / `:exporteer!`, so an existing file is replaced without asking.
    case save(path: String?, overwrite: Bool = false)
    case export(path: String?, overwrite: Bool = false)
    case stop
}

public struct ConversationReply: Hashable, Sendable {
    public var text: String
    public var action: ConversationAction?
    /// True when the session log grew: the caller saves it.
    public var recorded: Bool

    init(_ text: String, action: ConversationAction? = nil, recorded: Bool = false) {
        self.text = text
        self.action = action
        self.recorded = recorded
    }
}

/// The guided session as a state machine: a line of input in, a reply out. The terminal,
/// the pipe and the tests all drive this same type.
public struct Conversation: Sendable {
    public let engine: Engine
    public private(set) var session: Session
    public private(set) var evaluation: Evaluation
    public let width: Int
    /// The question being changed with `:wijzig`, answered before the engine's next one.
    public private(set) var changing: String?

    public init(engine: Engine, session: Session = Session(), width: Int = 80) {
        self.engine = engine
        self.session = session
        self.evaluation = engine.evaluate(session)
        self.width = width
    }

    var rules: RuleSet { engine.rules }

    /// The question the next answer is for.
    public var activeQuestion: Question? { changing.flatMap(rules.question) ?? evaluation.next }
    public var isComplete: Bool { changing == nil && evaluation.isComplete }

    public var prompt: String { "kompas> " }

    public func welcome() -> String {
        let text = "Samen brengen we in kaart hoe je grip krijgt op een veiligheidsthema: welke partners, registraties en publicaties je helpen, en welke stappen je zet. Het zijn ongeveer \(evaluation.estimatedTotal) vragen en het duurt zo'n tien minuten. Typ :help voor hulp; :terug maakt je laatste antwoord ongedaan en :stop sluit af (je antwoorden blijven bewaard)."
        return (["Welkom bij kompas."] + TextLayout.wrap(text, width: width)).joined(separator: "\n") + "\n\n" + questionBlock()
    }

    /// The active question with its options, or the plan when all is answered.
    public func questionBlock() -> String {
        guard let question = activeQuestion else { return completion() }
        var lines: [String] = []
        if let id = changing, let value = evaluation.effectiveAnswers[id] ?? session.answers[id] {
            lines += TextLayout.wrap("Wijzig je antwoord (nu: \(question.display(value))). :terug laat het zoals het was.", width: width)
        } else {
            lines.append("Vraag \(evaluation.answeredCount + 1) van ongeveer \(evaluation.estimatedTotal)")
        }
        return (lines + [Self.block(for: question, width: width)]).joined(separator: "\n")
    }

    /// A question with its numbered options and a hint of what is accepted.
    public static func block(for question: Question, width: Int) -> String {
        var lines = TextLayout.wrap(question.text, width: width)
        for (number, option) in question.options.enumerated() where question.type != .yesno {
            lines += TextLayout.wrap(option.label, width: width, indent: "  \(number + 1). ", hanging: "     ")
        }
        lines += TextLayout.wrap(hint(question), width: width)
        return lines.joined(separator: "\n")
    }

    private static func hint(_ question: Question) -> String {
        let explain = question.help != nil ? "; :uitleg geeft toelichting" : ""
        switch question.type {
        case .yesno: return "(j/n\(explain))"
        case .multiple: return "(meer antwoorden mogelijk, zoals 1,3; «geen» als niets past\(explain))"
        case .choice: return "(nummer, id of beginletters\(explain))"
        case .text: return "(typ je antwoord\(explain))"
        }
    }

    private func completion() -> String {
        let plan = PlanTextRenderer(rules: rules, width: width).render(evaluation)
        let next = "Bewaar het als Markdown met :exporteer [bestand.md]. :hoe ITEM legt uit waarom iets in je plan staat, :wijzig VRAAG past een antwoord aan, :stop sluit af."
        return "Alle vragen zijn beantwoord. Dit is je plan:\n\n" + plan + "\n" + TextLayout.wrap(next, width: width).joined(separator: "\n")
    }

    /// Handles one line the user typed.
    public mutating func handle(_ input: String) -> ConversationReply {
        let text = AnswerMatcher.clean(input)
        if text == "?" { return ConversationReply(MetaCommand.helpText) }
        if text.hasPrefix(":") { return command(text) }
        guard let question = activeQuestion else {
            return ConversationReply("Alle vragen zijn beantwoord. Typ :exporteer, :wijzig VRAAG, :plan of :stop.")
        }
        switch AnswerMatcher.match(input, question) {
        case .failure(let problem):
            return ConversationReply(TextLayout.wrap(problem.message, width: width).joined(separator: "\n"))
        case .success(let value):
            record(question.id, value)
            return ConversationReply(questionBlock(), recorded: true)
        }
    }

    private mutating func record(_ question: String, _ value: AnswerValue) {
        let isChange = changing != nil || session.answers[question] != nil
        session.record(isChange ? .changed(question: question, value: value) : .answered(question: question, value: value))
        changing = nil
        evaluation = engine.evaluate(session)
    }

    private mutating func command(_ text: String) -> ConversationReply {
        let parts = text.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        let argument = parts.count > 1 ? parts[1].trimmingWhitespace : nil
        let forced = parts.first?.hasSuffix("!") == true
        guard let name = parts.first.map({ forced ? String($0.dropLast()) : $0 }), let command = MetaCommand(name),
            !forced || command == .save || command == .export
        else {
            let typed = parts.first ?? ""
            let hint = Suggestion.closest(to: typed, among: MetaCommand.allCases.map(\.rawValue)).map { " Bedoel je :\($0)?" } ?? ""
            return ConversationReply("Onbekende opdracht «:\(typed.prefix(40))».\(hint) Typ :help voor alle opdrachten.")
        }
        switch command {
        case .help: return ConversationReply(MetaCommand.helpText)
        case .explain: return ConversationReply(explanation())
        case .why: return ConversationReply(Explainer(rules: rules, evaluation: evaluation, width: width).why(activeQuestion))
        case .how: return ConversationReply(Explainer(rules: rules, evaluation: evaluation, width: width).how(argument))
        case .term: return ConversationReply(Explainer(rules: rules, evaluation: evaluation, width: width).term(argument))
        case .answers: return ConversationReply(Explainer(rules: rules, evaluation: evaluation, width: width).overview(session))
        case .plan: return ConversationReply(PlanTextRenderer(rules: rules, width: width).render(evaluation))
        case .undo: return undo()
        case .redo: return redo()
        case .change: return change(argument)
        case .save: return ConversationReply("", action: .save(path: argument, overwrite: forced))
        case .export: return ConversationReply("", action: .export(path: argument, overwrite: forced))
        case .stop: return ConversationReply("", action: .stop)
        }
    }

    private func explanation() -> String {
        guard let question = activeQuestion else { return "Er staat geen vraag open." }
        var lines = [question.help ?? "Bij deze vraag hoort geen extra uitleg; :waarom vertelt wat je antwoord bepaalt."]
        for option in question.options {
            if let help = option.help { lines.append("\(option.label): \(help)") }
        }
        return lines.flatMap { TextLayout.wrap($0, width: width) }.joined(separator: "\n")
    }

    private mutating func undo() -> ConversationReply {
        if let id = changing {
            changing = nil
            let kept = TextLayout.wrap("Je antwoord op «\(rules.question(id)?.text ?? id)» blijft zoals het was.", width: width)
            return ConversationReply(kept.joined(separator: "\n") + "\n\n" + questionBlock())
        }
        guard let id = session.lastChangedQuestion else { return ConversationReply("Er is nog niets om terug te draaien.") }
        session.record(.undone)
        evaluation = engine.evaluate(session)
        let undone = TextLayout.wrap("Teruggedraaid: je antwoord op «\(rules.question(id)?.text ?? id)».", width: width)
        return ConversationReply(undone.joined(separator: "\n") + "\n\n" + questionBlock(), recorded: true)
    }

    private mutating func redo() -> ConversationReply {
        guard let id = session.nextRedoQuestion else { return ConversationReply("Er is niets om opnieuw te doen.") }
        session.record(.redone)
        evaluation = engine.evaluate(session)
        return ConversationReply("Opnieuw gedaan: je antwoord op «\(rules.question(id)?.text ?? id)».\n\n" + questionBlock(), recorded: true)
    }

    private mutating func change(_ argument: String?) -> ConversationReply {
        let answered = rules.questions.filter { evaluation.effectiveAnswers[$0.id] != nil }
        guard let argument, !argument.isEmpty else {
            return ConversationReply("Welke vraag wil je wijzigen? Typ :wijzig gevolgd door het nummer of id uit :overzicht.")
        }
        let target = Int(argument).flatMap { answered.indices.contains($0 - 1) ? answered[$0 - 1] : nil } ?? rules.question(argument)
        guard let question = target, evaluation.statuses[question.id] != .skipped else {
            return ConversationReply("«\(argument.prefix(40))» is geen vraag die in dit gesprek gesteld is. :overzicht toont de vragen met hun nummer.")
        }
        changing = question.id
        return ConversationReply(questionBlock())
    }

    /// Candidates for Tab: meta-commands, question ids after `:wijzig`, items after `:hoe`,
    /// terms after `:begrip`, otherwise the active question's option ids and label words.
    public func completions(_ beforeCursor: String) -> [String] {
        Completer(rules: rules, evaluation: evaluation, question: activeQuestion).candidates(beforeCursor)
    }
}
