/// Byte and text scans, after the YAML parser stopped: where the first invalid UTF-8 is, where nesting became too deep.
enum TextScan {
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0, index = 0
        while index < bytes.count {
            let width = utf8Width(bytes, at: index)
            if width == 0 {
                let prefix = String(decoding: bytes[lineStart..<index], as: UTF8.self)
                return (line, prefix.unicodeScalars.count + 1)
            }
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += width
        }
        return (line, 1)
    }

    /// Width of the valid UTF-8 sequence at `index`, or 0 when it is invalid.
    private static func utf8Width(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let width: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: width = 2
        case 0xE0...0xEF: width = 3
        case 0xF0...0xF4: width = 4
        default: return 0
        }
        guard index + width <= bytes.count else { return 0 }
        let slice = Array(bytes[index..<index + width])
        return String(validating: slice, as: UTF8.self) == nil ? 0 : width
    }

    /// The first place where flow brackets or block indentation nest deeper than `limit`: where
    /// libyaml stops on deep nesting, it has read far ahead, so its own position is not the place.
    static func deepNesting(_ text: String, limit: Int) -> (line: Int, column: Int)? {
        // Over the UTF-8 bytes: the structure characters are ASCII, and columns count only the
        // first byte of each character.
        var line = 1, column = 0, depth = 0, atLineStart = true, indent = 0
        for byte in text.utf8 {
            if byte & 0xC0 == 0x80 { continue }
            column += 1
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                column = 0
                atLineStart = true
                indent = 0
                continue
            case UInt8(ascii: " ") where atLineStart:
                indent += 1
                // Block nesting needs at least one space per level, plus `- ` for sequences.
                if indent > limit * 4 { return (line, column) }
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return (line, column) }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
            default:
                break
            }
            atLineStart = false
        }
        return nil
    }
}
