/// A value in a generated rule file. A text is written as the hand-written rule files write it:
/// plain where YAML reads it back as the same text, double-quoted where it would not (a leading
/// indicator, `: ` or ` #` inside, a flow bracket in a list, `null`, control characters), so a
/// scaled rule base reads like the one it scales. (Loading costs the same either way: libyaml
/// spends as much per byte on a plain scalar as on a quoted one.)
indirect enum YAMLValue: Equatable {
    case text(String)
    case number(Int)
    /// A flow list of texts: `["a", "b"]`.
    case list([String])
    /// A block list of mappings (`- id: …`); nil values are left out.
    case items([[(String, YAMLValue?)]])
    /// A nested block mapping; nil values are left out.
    case mapping([(String, YAMLValue?)])
    /// `{}`
    case flowMapping

    static func == (a: YAMLValue, b: YAMLValue) -> Bool {
        switch (a, b) {
        case (.text(let x), .text(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.list(let x), .list(let y)): x == y
        case (.flowMapping, .flowMapping): true
        default: false
        }
    }
}

/// Emits block-style YAML, two spaces per level, the way the hand-written rule files look.
struct YAMLWriter {
    private(set) var text = ""

    mutating func comment(_ line: String) { text += "# \(line)\n" }

    mutating func section(_ key: String) { text += "\n\(key):\n" }

    /// One `- key: value` entry of a top-level section.
    mutating func item(_ fields: [(String, YAMLValue?)]) { writeItem(fields, indent: 2) }

    private mutating func writeItem(_ fields: [(String, YAMLValue?)], indent: Int) {
        var first = true
        for (key, value) in fields {
            guard let value else { continue }
            let prefix = String(repeating: " ", count: indent) + (first ? "- " : "  ")
            first = false
            write(key: key, value: value, prefix: prefix, indent: indent + 2)
        }
        if first { text += String(repeating: " ", count: indent) + "- {}\n" }
    }

    private mutating func write(key: String, value: YAMLValue, prefix: String, indent: Int) {
        switch value {
        case .text(let s): text += "\(prefix)\(key): \(Self.scalar(s, inFlow: false))\n"
        case .number(let n): text += "\(prefix)\(key): \(n)\n"
        case .list(let items): text += "\(prefix)\(key): [\(items.map { Self.scalar($0, inFlow: true) }.joined(separator: ", "))]\n"
        case .flowMapping: text += "\(prefix)\(key): {}\n"
        case .items(let items):
            text += "\(prefix)\(key):\n"
            for item in items { writeItem(item, indent: indent + 2) }
        case .mapping(let fields):
            text += "\(prefix)\(key):\n"
            for (k, v) in fields {
                guard let v else { continue }
                write(key: k, value: v, prefix: String(repeating: " ", count: indent + 2), indent: indent + 2)
            }
        }
    }

    /// `s` plain when that reads back as `s`, else double-quoted.
    static func scalar(_ s: String, inFlow: Bool) -> String {
        isPlain(s, inFlow: inFlow) ? s : quoted(s)
    }

    /// Whether YAML reads `s`, written without quotes after `key: ` (or in a flow list), as `s`.
    /// Conservative: a text that might not is quoted.
    static func isPlain(_ s: String, inFlow: Bool) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
            first != " ", last != " ", last != ":", !"-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first),
            !["~", "null", "Null", "NULL"].contains(s), !s.contains(": "), !s.contains(" #")
        else { return false }
        if inFlow, s.unicodeScalars.contains(where: { ",[]{}".unicodeScalars.contains($0) }) { return false }
        return s.unicodeScalars.allSatisfy(isPrintableOnOneLine)
    }

    /// Printable in YAML and not a line break (YAML 1.1 also breaks lines at U+0085, U+2028, U+2029).
    private static func isPrintableOnOneLine(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...: true
        default: false
        }
    }

    /// A YAML double-quoted scalar; escapes everything that is not printable in YAML 1.2.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{20}"..."\u{7E}", "\u{85}", "\u{A0}"..."\u{D7FF}", "\u{E000}"..."\u{FEFE}", "\u{FF00}"..."\u{FFFD}", "\u{10000}"...:
                out.unicodeScalars.append(scalar)
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
            }
        }
        return out + "\""
    }
}
