/// Reads a transcript, strictly: anything it does not understand is an error with its line,
/// never a guess, because transcripts are the regression suite of the rules.
public enum TranscriptReader {
    /// Longer lines are refused: no transcript line comes near this, junk does.
    public static let maximumLineLength = 64 * 1024

    public static func read(_ bytes: [UInt8], path: String) throws(Diagnostic) -> Transcript {
        guard let lines = lines(bytes) else {
            let (line, column) = TextScan.firstInvalidUTF8(bytes)
            throw Diagnostic(SourceLocation(file: path, line: line, column: column), "dit is geen geldige UTF-8-tekst: is dit wel een transcript van kompas?")
        }
        var parser = Parser(path: path, lines: lines)
        return try parser.parse()
    }

    /// The lines after a byte-order mark, each valid UTF-8; nil if one is not. Split as bytes,
    /// not characters ("\r\n" is one Character, and grapheme breaking is slow), and in a buffer,
    /// not a String's UTF8View, whose generic split was half the time of reading a transcript.
    /// A `\n` byte is never part of a longer UTF-8 sequence, so no character is cut in two.
    static func lines(_ bytes: [UInt8]) -> [String]? {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        return bytes.withUnsafeBufferPointer { buffer in
            var lines: [String] = []
            for line in buffer[start...].split(separator: 0x0A, omittingEmptySubsequences: false) {
                guard let text = String(validating: UnsafeBufferPointer(rebasing: line), as: UTF8.self) else { return nil }
                lines.append(text)
            }
            return lines
        }
    }

    struct Parser {
        let path: String
        let lines: [String]
        var index = 0

        init(path: String, lines: [String]) {
            self.path = path
            // A final newline ends the last line; it does not start another.
            let lines = lines.last == "" ? Array(lines.dropLast()) : lines
            self.lines = lines.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
        }

        func fail(_ message: String, line: Int? = nil, column: Int = 1) -> Diagnostic {
            Diagnostic(SourceLocation(file: path, line: line ?? index + 1, column: column), message)
        }

        mutating func parse() throws(Diagnostic) -> Transcript {
            try checkLengths()
            // Comments above the header stay with the first event.
            var comments = try header()
            let fingerprint = try field("regelset")
            let date = try field("datum")
            guard CalendarDate.isValid(date) else {
                throw fail("`\(date.prefix(40))` is geen datum: schrijf de datum als JJJJ-MM-DD, zoals 2026-11-23", line: index, column: 7)
            }
            var events: [Transcript.Entry] = []
            while index < lines.count {
                let line = lines[index]
                if line == "plan" {
                    index += 1
                    let (plan, planComments) = try planSection()
                    return Transcript(fingerprint: fingerprint, date: date, events: events, trailingComments: comments, recordedPlan: plan, planComments: planComments)
                }
                if let comment = Self.comment(line) {
                    comments.append(comment)
                } else if !Self.isDisplay(line), !line.trimmingWhitespace.isEmpty {
                    events.append(Transcript.Entry(event: try event(line), comments: comments, line: index + 1))
                    comments = []
                }
                index += 1
            }
            return Transcript(fingerprint: fingerprint, date: date, events: events, trailingComments: comments)
        }

        func checkLengths() throws(Diagnostic) {
            if let long = lines.firstIndex(where: { $0.utf8.count > TranscriptReader.maximumLineLength }) {
                throw fail("deze regel is langer dan \(TranscriptReader.maximumLineLength / 1024) kB: een transcript heeft korte regels; is het bestand beschadigd?", line: long + 1)
            }
        }

        mutating func header() throws(Diagnostic) -> [String] {
            var comments: [String] = []
            while index < lines.count, let comment = Self.comment(lines[index]) {
                comments.append(comment)
                index += 1
            }
            guard index < lines.count else {
                throw fail("het bestand is leeg: een transcript begint met `\(Transcript.magic) \(Transcript.formatVersion)`", line: 1)
            }
            let words = lines[index].split(separator: " ").map(String.init)
            guard words.first == Transcript.magic, words.count == 2, let version = Int(words[1]) else {
                throw fail("dit is geen transcript van kompas: de eerste regel moet `\(Transcript.magic) \(Transcript.formatVersion)` zijn")
            }
            guard version <= Transcript.formatVersion else {
                throw fail("dit transcript heeft formaatversie \(version), nieuwer dan deze kompas kent (\(Transcript.formatVersion)): werk kompas bij")
            }
            index += 1
            return comments
        }

        mutating func field(_ name: String) throws(Diagnostic) -> String {
            guard index < lines.count, lines[index].hasPrefix(name + " ") else {
                throw fail("verwacht de regel `\(name) …` in de kop van het transcript\(index >= lines.count ? ", maar het bestand houdt op (afgebroken?)" : "")")
            }
            defer { index += 1 }
            return String(lines[index].dropFirst(name.count + 1)).trimmingWhitespace
        }

        static func comment(_ line: String) -> String? {
            guard line.hasPrefix("#") else { return nil }
            let body = line.dropFirst()
            return String(body.hasPrefix(" ") ? body.dropFirst() : body)
        }

        /// `|` lines are for the reader; they are derived from the rules and rewritten on save.
        static func isDisplay(_ line: String) -> Bool { line.hasPrefix("|") }

        func event(_ line: String) throws(Diagnostic) -> SessionEvent {
            let words = line.split(separator: " ", maxSplits: 2).map(String.init)
            switch words.first {
            case "terug" where words.count == 1: return .undone
            case "vooruit" where words.count == 1: return .redone
            case "antwoord", "wijziging":
                guard words.count == 3 else {
                    throw fail("verwacht `\(words[0]) VRAAG WAARDE`, zoals `antwoord thema buitengebied`")
                }
                let value = try value(words[2], column: words[0].count + words[1].count + 3)
                return words[0] == "antwoord" ? .answered(question: words[1], value: value) : .changed(question: words[1], value: value)
            default:
                throw fail("onbekende regel `\(line.prefix(40))`: een transcript kent `antwoord`, `wijziging`, `terug`, `vooruit`, `plan`, `#` (commentaar) en `|` (toelichting)")
            }
        }

        /// `"…"` is free text (JSON escapes), `[a b]` several options, anything else one option id.
        func value(_ text: String, column: Int) throws(Diagnostic) -> AnswerValue {
            if text.hasPrefix("\"") {
                guard let decoded = QuotedText.decode(text) else {
                    throw fail("de tekst tussen aanhalingstekens is niet goed afgesloten of bevat een ongeldige `\\`-code", column: column)
                }
                return .text(decoded)
            }
            if text.hasPrefix("[") {
                guard text.hasSuffix("]") else { throw fail("een lijst van opties moet met `]` sluiten", column: column) }
                return .options(text.dropFirst().dropLast().split(separator: " ").map(String.init))
            }
            guard Lexer.isIdentifier(text) else {
                throw fail("`\(text.prefix(40))` is geen optie-id: tekst hoort tussen aanhalingstekens", column: column)
            }
            return .option(text)
        }

        mutating func planSection() throws(Diagnostic) -> ([Transcript.PlanLine], [String]) {
            var plan: [Transcript.PlanLine] = []
            var comments: [String] = []
            while index < lines.count {
                let line = lines[index]
                defer { index += 1 }
                if let comment = Self.comment(line) { comments.append(comment); continue }
                if Self.isDisplay(line) || line.trimmingWhitespace.isEmpty { continue }
                if line == "einde" { return (plan, comments) }
                plan.append(Transcript.PlanLine(text: line, line: index + 1))
            }
            throw fail("het plan eindigt niet met `einde`: het transcript is afgebroken; sla het opnieuw op", line: lines.count)
        }
    }
}

/// Free text in a transcript: one line, between double quotes, with JSON-style escapes.
enum QuotedText {
    static func encode(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    static func decode(_ quoted: String) -> String? {
        var scalars = Array(quoted.unicodeScalars)
        guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else { return nil }
        scalars = Array(scalars[1..<scalars.count - 1])
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == "\"" { return nil }
            guard scalar == "\\" else { result.append(scalar); continue }
            guard index < scalars.count else { return nil }
            let code = scalars[index]
            index += 1
            switch code {
            case "\"": result.append("\"")
            case "\\": result.append("\\")
            case "n": result.append("\n")
            case "t": result.append("\t")
            case "r": result.append("\r")
            case "u":
                guard index + 4 <= scalars.count,
                    let value = UInt32(String(String.UnicodeScalarView(scalars[index..<index + 4])), radix: 16),
                    let decoded = Unicode.Scalar(value)
                else { return nil }
                result.append(decoded)
                index += 4
            default: return nil
            }
        }
        return String(result)
    }
}
