/// Text made safe for a terminal: a control character from a file or from input (ESC, CR, BEL,
/// NUL, a C1 code) could clear the screen, set the window title or hide text, so each is shown
/// as a visible stand-in instead. A newline stays a newline, a tab becomes a space.
public enum TerminalText {
    public static func neutralised(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: out.append(scalar)
            case 0x09: out.append(" ")
            // The Unicode control pictures: ␀ for NUL, ␛ for ESC, ␡ for DEL.
            case 0x00..<0x20: out.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: out.append("\u{2421}")
            default: out.append(isControl(scalar) ? "\u{FFFD}" : scalar)
            }
        }
        return String(out)
    }

    /// C0 (but the newline), DEL and C1.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
    }
}
