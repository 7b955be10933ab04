/// Everything a renderer needs, gathered by the caller. Renderers do no I/O and read no clock,
/// so the same document always renders to the same bytes.
public struct PlanDocument: Sendable {
    public var rules: RuleSet
    /// Its `plan` and `effectiveAnswers` are rendered.
    public var evaluation: Evaluation
    /// The day the plan is made, `YYYY-MM-DD`, given by the caller.
    public var date: String
    /// A trainer's comments from the transcript, shown with `--met-commentaar`; empty otherwise.
    public var comments: [TrainerComment]

    public init(rules: RuleSet, evaluation: Evaluation, date: String, comments: [TrainerComment] = []) {
        self.rules = rules
        self.evaluation = evaluation
        self.date = date
        self.comments = comments
    }

    /// Comment lines of a transcript with the question they stand before (nil: after the last answer).
    public struct TrainerComment: Sendable, Equatable {
        public var question: String?
        public var lines: [String]

        public init(question: String?, lines: [String]) {
            self.question = question
            self.lines = lines
        }

        public static func all(in transcript: Transcript) -> [TrainerComment] {
            let before = transcript.events.filter { !$0.comments.isEmpty }.map { TrainerComment(question: $0.event.question, lines: $0.comments) }
            return before + (transcript.trailingComments.isEmpty ? [] : [TrainerComment(question: nil, lines: transcript.trailingComments)])
        }
    }

    var plan: Plan { evaluation.plan }

    /// The answers that count, in question order (the dictionary has none).
    var answers: [(question: Question, value: AnswerValue)] {
        rules.questions.compactMap { question in evaluation.effectiveAnswers[question.id].map { (question, $0) } }
    }

    /// Sources of one kind and scope, in plan order; publications are not split by scope.
    func sources(_ kind: SourceKind, _ scope: Scope?) -> [PlanSource] {
        plan.sources.filter { $0.entry.kind == kind && (scope == nil || ($0.entry.scope ?? .external) == scope) }
    }

    /// The plan's steps under their phases, in phase order; phases without steps are left out.
    var stepsByPhase: [(phase: Phase, steps: [PlanStep])] {
        rules.phases.map { phase in (phase, plan.steps.filter { $0.phase.id == phase.id }) }.filter { !$0.steps.isEmpty }
    }

    /// The sources of one kind by scope (publications: one group without scope), empty groups left out.
    func sourceGroups(_ kind: SourceKind) -> [(scope: Scope?, sources: [PlanSource])] {
        let scopes: [Scope?] = kind == .publication ? [nil] : Scope.allCases
        return scopes.map { ($0, sources(kind, $0)) }.filter { !$0.sources.isEmpty }
    }

    /// The overview around the theme: partners and registrations, titled by kind and scope.
    var overviewGroups: [(title: String, sources: [PlanSource])] {
        SourceKind.allCases.filter { $0 != .publication }.flatMap { kind in
            Scope.allCases.map { scope in (PlanWording.kindPlural(kind) + " " + PlanWording.scopeName(scope).lowercased(), sources(kind, scope)) }
        }.filter { !$0.sources.isEmpty }
    }

    /// The question a comment is about, as the reader sees it.
    func commentHeading(_ comment: TrainerComment) -> String {
        comment.question.flatMap { rules.question($0)?.text } ?? "Tot slot"
    }
}

extension Provenance {
    /// The distinct `because` texts of reasons, in order (two rules may give the same one); with
    /// an attribution, an addition's marked as such.
    public static func distinctBecause(_ reasons: [Provenance], _ attribution: Attribution? = nil) -> [String] {
        var seen = Set<String>()
        return reasons.map { $0.because + (attribution?.mark($0.origin) ?? "") }.filter { seen.insert($0).inserted }
    }
}
