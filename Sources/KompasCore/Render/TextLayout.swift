/// Word wrapping for the terminal: widths counted in characters (the Dutch texts have no wide glyphs).
public enum TextLayout {
    /// Wraps `text` to `width` columns; every line starts with `indent`, later lines with `hanging`.
    public static func wrap(_ text: String, width: Int, indent: String = "", hanging: String? = nil) -> [String] {
        let hanging = hanging ?? indent
        var lines: [String] = []
        var current = indent
        var currentHasWord = false
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
            let candidate = currentHasWord ? current + " " + word : current + word
            if currentHasWord, candidate.count > width {
                lines.append(current)
                current = hanging + word
            } else {
                current = candidate
            }
            currentHasWord = true
        }
        if currentHasWord || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// One line of at most `width` characters: cut with an ellipsis when longer.
    public static func cut(_ text: String, width: Int) -> String {
        guard text.count > width else { return text }
        var kept = text.prefix(max(0, width - 1))
        while kept.last == " " { kept.removeLast() }
        return kept + "…"
    }
}
