/// How every rendering of a plan names where its content comes from: the Kompas, the other
/// source a theme is based on, or kompas itself (an addition). One place, so the terminal,
/// Markdown, JSON, HTML and `:hoe` say the same.
public struct Attribution: Sendable {
    public static let kompas = PlanWording.attribution
    /// Said wherever the A1–L3 tags of a source are shown: the Kompas's dots were lost in the PDF.
    public static let questionsAssigned = "toegekend door kompas"
    public static let questionsExplained = "De vraagpunten (A1–L3) per bron zijn toegekend door kompas: de markeringen in het Kompas gingen verloren in de PDF."

    public let theme: Theme?

    public init(theme: Theme?) { self.theme = theme }

    /// A theme without `based_on`, or whose `based_on` names the Kompas first, comes from the Kompas.
    public var isKompasTheme: Bool { theme?.basedOn.map { $0.hasPrefix("Kompas") } ?? true }

    /// The mark beside an addition: «aanvulling op het Kompas», or on the theme's other source.
    public var additionMark: String { isKompasTheme ? "aanvulling op het Kompas" : "aanvulling op de bron van dit thema" }

    /// "(aanvulling op het Kompas)" for an addition, nothing otherwise.
    public func mark(_ origin: Origin?) -> String { origin == .addition ? " (\(additionMark))" : "" }

    /// The closing line: the CCV only for a theme from the Kompas; additions said for what they are.
    public func footer(hasAdditions: Bool) -> String {
        var parts: [String] = []
        if isKompasTheme { parts.append(Self.kompas + ".") }
        if let basedOn = theme?.basedOn, !basedOn.isEmpty { parts.append("Thema gebaseerd op: " + basedOn + (basedOn.hasSuffix(".") ? "" : ".")) }
        if hasAdditions {
            parts.append("Wat gemarkeerd is als «\(additionMark)» komt niet uit \(isKompasTheme ? "het Kompas" : "die bron"): kompas voegde het toe.")
        }
        return parts.joined(separator: " ")
    }
}

extension Plan {
    public var attribution: Attribution { Attribution(theme: theme) }

    /// Whether any source, step or reason in the plan is an addition.
    public var hasAdditions: Bool {
        sources.contains { $0.origin == .addition || $0.reasons.contains { $0.origin == .addition } }
            || steps.contains { $0.origin == .addition || $0.reasons.contains { $0.origin == .addition } }
            || notes.contains { $0.reason.origin == .addition }
    }

    public var footer: String { attribution.footer(hasAdditions: hasAdditions) }
}
