/// One answer: an option, several options (in declared order), or free text.
public enum AnswerValue: Hashable, Sendable {
    case option(String)
    case options([String])
    case text(String)

    public var optionIDs: [String] {
        switch self {
        case .option(let id): [id]
        case .options(let ids): ids
        case .text: []
        }
    }

    var isMultiple: Bool {
        if case .options = self { return true }
        return false
    }
}

/// What happened in a session, in order. The log only grows; every state is derived from it,
/// so undo, redo and changing an earlier answer never destroy what was typed.
public enum SessionEvent: Hashable, Sendable {
    case answered(question: String, value: AnswerValue)
    /// An earlier answer replaced (`:wijzig`); folds like `answered`, kept apart for the record.
    case changed(question: String, value: AnswerValue)
    case undone
    case redone
}

extension SessionEvent {
    public var isAnswer: Bool {
        switch self {
        case .answered, .changed: true
        case .undone, .redone: false
        }
    }

    public var question: String? {
        switch self {
        case .answered(let id, _), .changed(let id, _): id
        case .undone, .redone: nil
        }
    }

    public var isChange: Bool {
        if case .changed = self { return true }
        return false
    }
}

public struct Session: Sendable, Hashable {
    public private(set) var events: [SessionEvent] = []
    /// Every answer given and not undone, including answers to questions that are no longer
    /// asked: those are set aside, and count again when the earlier answer is restored.
    public private(set) var answers: [String: AnswerValue] = [:]
    private var undoStack: [Change] = []
    private var redoStack: [Change] = []

    private struct Change: Hashable, Sendable {
        var question: String
        var previous: AnswerValue?
        var value: AnswerValue
    }

    public init() {}

    public init(events: [SessionEvent]) {
        for event in events { record(event) }
    }

    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }
    /// The question the next `:terug` would restore, for telling the user.
    public var lastChangedQuestion: String? { undoStack.last?.question }
    public var nextRedoQuestion: String? { redoStack.last?.question }

    /// Appends an event and folds it into the state; an undo or redo with nothing to act on is ignored.
    public mutating func record(_ event: SessionEvent) {
        switch event {
        case .answered(let question, let value), .changed(let question, let value):
            undoStack.append(Change(question: question, previous: answers[question], value: value))
            redoStack.removeAll()
            answers[question] = value
        case .undone:
            guard let change = undoStack.popLast() else { return }
            answers[change.question] = change.previous
            redoStack.append(change)
        case .redone:
            guard let change = redoStack.popLast() else { return }
            answers[change.question] = change.value
            undoStack.append(change)
        }
        events.append(event)
    }
}
