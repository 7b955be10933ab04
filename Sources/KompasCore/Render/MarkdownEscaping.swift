/// Makes text safe to place in generated Markdown and Mermaid.
///
/// Answers are typed by users and rule texts are edited by non-programmers, so neither may add
/// headings, links, images, HTML, emphasis or table columns to an exported plan. Everything works
/// on Unicode scalars, not Characters: a combining accent after `|` forms one Character with it,
/// yet the Markdown parser still sees the bare `|` byte.
enum MarkdownEscaping {
    /// ASCII punctuation that can start or end inline markup anywhere in a line; CommonMark lets
    /// any ASCII punctuation be backslash-escaped, so escaping these never changes what is shown.
    private static let alwaysEscaped: Set<Unicode.Scalar> = [
        "\\", "`", "*", "_", "[", "]", "(", ")", "#", "!", "|", "{", "}", "~",
    ]

    /// Inline text for a paragraph, list item, heading or table cell: one line, no markup.
    static func text(_ raw: String) -> String {
        let scalars = Array(singleLine(raw).unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            out.append(contentsOf: escape(scalar, at: index, in: scalars).unicodeScalars)
        }
        return String(out)
    }

    private static func escape(_ scalar: Unicode.Scalar, at index: Int, in scalars: [Unicode.Scalar]) -> String {
        if startsBlock(scalar, at: index, in: scalars) { return "\\\(scalar)" }
        let next = index + 1 < scalars.count ? scalars[index + 1] : nil
        switch scalar {
        case "<": return "&lt;"
        case ">": return "&gt;"
        case _ where alwaysEscaped.contains(scalar): return "\\\(scalar)"
        // `&copy;` or `&#60;` would turn into another character.
        case "&" where next.map(startsEntityName) ?? false: return "\\&"
        // GFM links `http://…`, `ftp://…` when it meets the colon; an escaped colon is not seen.
        case ":" where next == "/": return "\\:"
        // GFM links `www.…` when it reads those four characters; an escaped dot breaks them.
        case "." where endsWithWWW(scalars, before: index): return "\\."
        // GFM turns `name@domain.tld` into a mail link after parsing, escapes and entities
        // notwithstanding; a word joiner (invisible, no line break) before `@` leaves no local part.
        case "@": return "&#8288;@"
        default: return String(scalar)
        }
    }

    /// Text is never placed at the start of a line, but if a caller ever does, `- x`, `+ x`,
    /// `= x` (a setext underline) or `12. x` must not start a block.
    private static func startsBlock(_ scalar: Unicode.Scalar, at index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        switch scalar {
        case "-", "+", "=": index == 0
        case ".", ")": index > 0 && scalars[..<index].allSatisfy { ("0"..."9").contains($0) }
        default: false
        }
    }

    private static func startsEntityName(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "#" || (scalar.isASCII && scalar.properties.isAlphabetic) || ("0"..."9").contains(scalar)
    }

    private static func endsWithWWW(_ scalars: [Unicode.Scalar], before index: Int) -> Bool {
        index >= 3 && String(String.UnicodeScalarView(scalars[(index - 3)..<index])).lowercased() == "www"
    }

    /// One line: line breaks, tabs and other control characters become spaces (a line break
    /// would let text start a block of its own), and the ends are trimmed (trailing spaces make
    /// hard line breaks).
    static func singleLine(_ raw: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator: out.append(" ")
            default: out.append(scalar)
            }
        }
        return trimmed(String(out))
    }

    /// A link destination, or nil for anything but an http(s) address. Characters that could end
    /// the destination or the link (`)`, `<`, spaces, …) are percent-encoded.
    static func linkDestination(_ url: String) -> String? {
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else { return nil }
        var out = ""
        for byte in url.utf8 {
            if urlSafe.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    private static let urlSafe: Set<UInt8> = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#@!$&'*+,;=%".utf8)

    /// A label inside a quoted Mermaid string. Mermaid decodes `#…;` entity codes in labels, so the
    /// quote, `#` itself, HTML-significant characters, backticks (Markdown strings), `%`
    /// (`%%{init: …}%%` directives are found anywhere in the diagram) and the shape brackets
    /// `[]{}` are written as codes. Parentheses stay: Mermaid documents them inside quotes.
    static func mermaidLabel(_ raw: String) -> String {
        var out = ""
        for scalar in singleLine(raw).unicodeScalars {
            switch scalar {
            case "\"", "#", "&", "<", ">", "`", "%", "[", "]", "{", "}": out += "#\(scalar.value);"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Trims every Unicode space, not only ASCII ones, from both ends.
    private static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
