/// Why an item is in the plan: a rule that applied, its reason, and the answers it read.
public struct Provenance: Hashable, Sendable {
    public var rule: String
    public var because: String
    public var answers: [ReadAnswer]
    /// The rule's `origin`: an addition's reason is no text of the source either.
    public var origin: Origin? = nil
}

public struct ReadAnswer: Hashable, Sendable {
    public var question: String
    public var value: AnswerValue
}

/// A source as it appears in this plan: one entry (kind and scope) of it for the chosen theme.
public struct PlanSource: Sendable {
    public var source: Source
    public var entry: SourceEntry
    public var priority: Priority
    public var reasons: [Provenance]

    public var title: String { entry.title ?? source.name }
    public var origin: Origin? { entry.origin }
}

public struct PlanStep: Sendable {
    public var step: Step
    public var phase: Phase
    public var priority: Priority
    public var reasons: [Provenance]

    public var origin: Origin? { step.origin }
}

/// A step proposed for «Begin hier», with the reason of the rule that proposed it.
public struct StartStep: Sendable {
    public var step: PlanStep
    public var reason: Provenance
}

public struct PlanNote: Sendable, Hashable {
    public var text: String
    public var reason: Provenance
}

/// An item a rule named but another rule ruled out; kept so `:hoe` can say why it is missing.
public struct ExcludedItem: Sendable, Hashable {
    public var id: String
    public var reasons: [Provenance]
}

public struct Plan: Sendable {
    public var theme: Theme?
    public var municipality: String?
    /// Grouped by kind (partner, registratie, publicatie) and scope (intern, extern);
    /// within a group high priority first, then in declared order.
    public var sources: [PlanSource]
    /// By phase, high priority first within a phase, then `order`, then declared order.
    public var steps: [PlanStep]
    /// «Begin hier»: at most `startLimit` steps that rules propose to take first, by priority, then rule order.
    public var start: [StartStep] = []
    public var notes: [PlanNote]
    public var excluded: [ExcludedItem]

    public static let startLimit = 3

    public var isEmpty: Bool { sources.isEmpty && steps.isEmpty && notes.isEmpty }

    /// Every item id in the plan (sources and steps), for examples and `:hoe`.
    public var itemIDs: Set<String> { Set(sources.map(\.source.id) + steps.map(\.step.id)) }

    public func priority(of id: String) -> Priority? {
        steps.first { $0.step.id == id }?.priority ?? sources.filter { $0.source.id == id }.map(\.priority).max()
    }

    /// The reasons an item is in the plan, or nil when it is not.
    public func reasons(for id: String) -> [Provenance]? {
        if let step = steps.first(where: { $0.step.id == id }) { return step.reasons }
        let entries = sources.filter { $0.source.id == id }
        return entries.isEmpty ? nil : entries[0].reasons
    }
}
