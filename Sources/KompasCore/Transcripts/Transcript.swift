/// A saved session: the event log keyed by question and option ids, a trainer's comments,
/// and the plan it produced. Line-oriented, so it reads and diffs well; see transcripts/README.md.
public struct Transcript: Sendable, Hashable {
    public static let formatVersion = 1
    public static let magic = "kompas-transcript"

    public var fingerprint: String
    public var date: String
    public var events: [Entry]
    /// Comment lines (without `#`) that stood after the last event, before the plan.
    public var trailingComments: [String]
    /// The plan as recorded, one item a line (`stap …`, `bron …`, `notitie …`); nil when absent.
    public var recordedPlan: [PlanLine]?
    /// Comment lines inside the plan section, kept on rewrite.
    public var planComments: [String]

    public struct Entry: Sendable, Hashable {
        public var event: SessionEvent
        /// Comment lines that stood before this event.
        public var comments: [String]
        /// Where the event stands in its file, for messages about it.
        public var line: Int

        public init(event: SessionEvent, comments: [String] = [], line: Int = 0) {
            self.event = event
            self.comments = comments
            self.line = line
        }
    }

    /// One recorded plan item, compared as text by `replay --check`.
    public struct PlanLine: Sendable, Hashable {
        public var text: String
        public var line: Int

        public init(text: String, line: Int = 0) {
            self.text = text
            self.line = line
        }
    }

    public init(
        fingerprint: String, date: String, events: [Entry], trailingComments: [String] = [],
        recordedPlan: [PlanLine]? = nil, planComments: [String] = []
    ) {
        self.fingerprint = fingerprint
        self.date = date
        self.events = events
        self.trailingComments = trailingComments
        self.recordedPlan = recordedPlan
        self.planComments = planComments
    }

    public var session: Session { Session(events: events.map(\.event)) }

    /// A session as a transcript with the plan it led to; the comments of the transcript it
    /// was resumed from stay where they stood.
    public init(recording session: Session, evaluation: Evaluation, rules: RuleSet, date: String, resumedFrom base: Transcript? = nil) {
        let events = session.events.enumerated().map { index, event in
            Entry(event: event, comments: base.flatMap { index < $0.events.count ? $0.events[index].comments : nil } ?? [])
        }
        self.init(
            fingerprint: rules.fingerprint, date: base?.date ?? date, events: events, trailingComments: base?.trailingComments ?? [],
            recordedPlan: PlanSummary.lines(evaluation.plan).map { PlanLine(text: $0) }, planComments: base?.planComments ?? [])
    }
}

/// The plan as the transcript records it: one line an item, in plan order, ids only,
/// so a change in the rules shows up as a small readable diff.
public enum PlanSummary {
    public static func lines(_ plan: Plan) -> [String] {
        var lines: [String] = []
        if let theme = plan.theme { lines.append("thema \(theme.id)") }
        for step in plan.steps {
            lines.append("stap \(step.phase.id) \(step.step.id)\(step.priority == .high ? " hoog" : "")")
        }
        for source in plan.sources {
            let scope = source.entry.scope.map { " \($0.rawValue)" } ?? ""
            lines.append("bron \(source.entry.kind.rawValue)\(scope) \(source.source.id)\(source.priority == .high ? " hoog" : "")")
        }
        for note in plan.notes { lines.append("notitie \(note.reason.rule)") }
        for item in plan.excluded { lines.append("uitgesloten \(item.id)") }
        return lines
    }
}
