/// One item of a plan as training compares plans: a step or a source (once, whatever its
/// entries), with its priority and the rules that brought it in.
public struct PlanItem: Sendable {
    public enum Kind: String, Sendable { case step = "stap", source = "bron" }

    public var kind: Kind
    public var id: String
    /// How people see it: «stap «…»» or «partner «…»».
    public var label: String
    public var priority: Priority
    public var reasons: [Provenance]

    /// Steps and sources share no namespace, so an item is known by both.
    public var key: String { "\(kind.rawValue) \(id)" }

    /// The plan's items in plan order: its steps, then its sources.
    public static func items(_ plan: Plan) -> [PlanItem] {
        var seen = Set<String>()
        let steps = plan.steps.map { PlanItem(kind: .step, id: $0.step.id, label: "stap «\($0.step.text)»", priority: $0.priority, reasons: $0.reasons) }
        let sources = plan.sources.filter { seen.insert($0.source.id).inserted }.map {
            PlanItem(kind: .source, id: $0.source.id, label: "\($0.entry.kind.rawValue) «\($0.title)»", priority: $0.priority, reasons: $0.reasons)
        }
        return steps + sources
    }
}
