import Testing
@testable import KompasCore

@Suite struct TerminalTextTests {
    @Test func everyControlCharacterBecomesVisible() {
        #expect(TerminalText.neutralised("a\u{1B}]0;t\u{07}b\r\u{0}\u{7F}\u{9B}\u{85}c\td\ne") == "a␛]0;t␇b␍␀␡\u{FFFD}\u{FFFD}c d\ne")
        #expect(TerminalText.neutralised("Súdwest-Fryslân — «ok»") == "Súdwest-Fryslân — «ok»")
        let all = String(String.UnicodeScalarView((0..<0xA0).compactMap(Unicode.Scalar.init)))
        #expect(!TerminalText.neutralised(all).unicodeScalars.contains { TerminalText.isControl($0) })
    }

    @Test func calendarDatesExist() {
        #expect(CalendarDate.isValid("2026-11-23"))
        #expect(CalendarDate.isValid("2024-02-29"))
        #expect(CalendarDate.isValid("2000-02-29"))
        for text in ["gisteren", "2026-11-31", "2026-13-01", "2026-00-10", "2026-02-29", "1900-02-29", "2026-1-5", " 2026-11-23", "2026-11-23x"] {
            #expect(!CalendarDate.isValid(text), "\(text)")
        }
    }
}
