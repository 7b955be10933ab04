import Foundation

/// Transcripts for the mini rule set, written by hand so a test can plant exactly the line it needs.
enum MiniTranscript {
    static let answers = [
        "antwoord thema buitengebied", "antwoord gemeente \"Ede\"", "antwoord informatiepositie zwak",
        "antwoord locaties [agrarisch]", "antwoord lto-bekend nee",
    ]

    /// The header (line 1–3, `datum` on line 3), then `lines` from line 4 on.
    static func text(_ lines: [String], date: String = "2026-11-23") -> String {
        (["kompas-transcript 1", "regelset 49dc4b2123aa4f91", "datum \(date)"] + lines).joined(separator: "\n") + "\n"
    }

    /// Writes the transcript into a fresh directory and returns its path.
    static func write(_ lines: [String] = answers, date: String = "2026-11-23", name: String = "t.transcript") throws -> String {
        let path = try BinaryRunner.temporaryDirectory() + "/" + name
        try Data(text(lines, date: date).utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// No C0 or C1 control character but the newline: what may reach a terminal.
    static func isClean(_ text: String) -> Bool {
        !text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    }
}
