/// The Dutch words every plan document uses, so the Markdown and the HTML say the same.
enum PlanWording {
    static let attribution = "Bron: CCV, Kompas informatiebronnen voor OOV-ers"
    static let commentTitle = "Commentaar van de trainer"
    static let startTitle = "Begin hier"
    /// Marks content that kompas added beyond the seeds (`origin: aanvulling`).
    static let additionMark = "aanvulling"

    static func sectionTitle(_ kind: SourceKind) -> String {
        switch kind {
        case .partner: "Partners"
        case .registry: "Registraties en databases"
        case .publication: "Publicaties en websites"
        }
    }

    static func scopeName(_ scope: Scope) -> String {
        switch scope {
        case .internal: "Intern"
        case .external: "Extern"
        }
    }

    static func kindPlural(_ kind: SourceKind) -> String {
        switch kind {
        case .partner: "Partners"
        case .registry: "Registraties"
        case .publication: "Publicaties"
        }
    }

    /// "Partner (intern)", "Publicatie": the kind column of the source × question table.
    static func kindName(_ entry: SourceEntry) -> String {
        let kind = switch entry.kind {
        case .partner: "Partner"
        case .registry: "Registratie"
        case .publication: "Publicatie"
        }
        guard entry.kind != .publication else { return kind }
        return kind + " (" + scopeName(entry.scope ?? .external).lowercased() + ")"
    }

    /// The six vraagpunten with their texts, or nil when the rules do not name them.
    static func legend(_ rules: RuleSet) -> [(id: String, text: String)] {
        OOVQuestionID.allCases.compactMap { id in rules.oovQuestions.first { $0.id == id.rawValue }.map { (id.rawValue, $0.text) } }
    }

    static let legendFallback = "A1–A3 zijn de algemene vraagpunten van het Kompas, L1–L3 die over de lokale situatie."
}
