import Foundation
import Testing

/// The real binary in a pseudo-terminal, typed at as a person would.
@Suite(.serialized) struct SessionTerminalTests {
    let left = "\u{1B}[D", backspace = "\u{7F}", tab = "\t", ctrlC = "\u{03}", ctrlD = "\u{04}", enter = "\r"

    func environment(_ state: String) -> [String: String] {
        ["XDG_STATE_HOME": state, "KOMPAS_HISTORY": state + "/history", "KOMPAS_RULES": BinaryRunner.mini, "TERM": "xterm"]
    }

    /// The one unfinished session in the state directory.
    func autosave(_ state: String) throws -> String {
        let files = try SessionFiles.unfinished(state)
        try #require(files.count == 1)
        return try String(contentsOfFile: files[0], encoding: .utf8)
    }

    /// Types `keys`, then waits for `expected` and the prompt that follows it.
    func type(_ terminal: PseudoTerminal, _ keys: String, expect expected: String) throws {
        try terminal.type(keys, thenWaitFor: expected, "kompas> ")
    }

    func events(_ transcript: String) -> [String] {
        transcript.split(separator: "\n").map(String.init).filter { ["antwoord", "wijziging", "terug", "vooruit"].contains($0.split(separator: " ").first ?? "") }
    }

    @Test func editingCompletionInterruptUndoChangeAndEndOfFile() throws {
        let state = try BinaryRunner.temporaryDirectory()
        let terminal = try PseudoTerminal.spawn(BinaryRunner.binary, environment: environment(state))
        try terminal.waitFor("kompas> ")
        // A typo fixed in the middle of the line with the arrow keys and Backspace.
        try type(terminal, "buitXengebied" + String(repeating: left, count: 8) + backspace + enter, expect: "Voor welke gemeente")
        // Diacritics: Backspace removes one character, not one byte.
        try type(terminal, "Súdwest-Fryslânâ" + backspace + enter, expect: "Hoe krachtig")
        try type(terminal, "zw" + tab + enter, expect: "Welke kwetsbare locaties")
        // Ctrl-C cancels the half-typed line; the session goes on.
        try type(terminal, "vakan" + ctrlC, expect: "^C")
        try type(terminal, "2" + enter, expect: "Ken je de lokale vereniging")
        try type(terminal, ":terug" + enter, expect: "Teruggedraaid")
        try type(terminal, "1,2" + enter, expect: "Ken je de lokale vereniging")
        try type(terminal, ":wijzig informatiepositie" + enter, expect: "Wijzig je antwoord (nu: Zwak)")
        try type(terminal, "sterk" + enter, expect: "Ken je de lokale vereniging")
        try terminal.type(ctrlD, thenWaitFor: "Je antwoorden zijn bewaard in \(state)/kompas/sessies/")
        #expect(try terminal.waitForExit() == .exited(0))
        #expect(events(try autosave(state)) == [
            "antwoord thema buitengebied",
            "antwoord gemeente \"Súdwest-Fryslân\"",
            "antwoord informatiepositie zwak",
            "antwoord locaties [agrarisch]",
            "terug",
            "antwoord locaties [vakantieparken agrarisch]",
            "wijziging informatiepositie sterk",
        ])
        let history = try String(contentsOfFile: state + "/history", encoding: .utf8)
        #expect(history.contains("Súdwest-Fryslân"))
    }

    @Test func killNineThenResumeWithEveryAnswer() throws {
        let state = try BinaryRunner.temporaryDirectory()
        let first = try PseudoTerminal.spawn(BinaryRunner.binary, environment: environment(state))
        try first.waitFor("kompas> ")
        try type(first, "1" + enter, expect: "Voor welke gemeente")
        try type(first, "Ede" + enter, expect: "Hoe krachtig")
        kill(first.processID!, SIGKILL)
        #expect(try first.waitForExit() == .signaled(SIGKILL))

        let second = try PseudoTerminal.spawn(BinaryRunner.binary, environment: environment(state))
        let offer = try second.waitFor("Hervatten? [J/n] ").replacingOccurrences(of: "\r\n", with: " ")
        #expect(offer.contains("(thema Weerbaar buitengebied (ondermijningsrisico's), gemeente Ede, 2 antwoorden)."))
        try second.type(enter, thenWaitFor: "We gaan verder waar je was.", "Vraag 3 van ongeveer 5", "kompas> ")
        try second.send(":stop" + enter)
        #expect(try second.waitForExit() == .exited(0))
        #expect(events(try autosave(state)) == ["antwoord thema buitengebied", "antwoord gemeente \"Ede\""])
    }

    @Test func completedSessionExportsMarkdown() throws {
        let state = try BinaryRunner.temporaryDirectory()
        let work = try BinaryRunner.temporaryDirectory()
        let terminal = try PseudoTerminal.spawn(BinaryRunner.binary, arguments: ["--rules", BinaryRunner.mini], environment: environment(state))
        for answer in ["2", "Ede", "sterk"] {
            try terminal.waitFor("kompas> ")
            try terminal.send(answer + enter)
        }
        try terminal.waitFor("Alle vragen zijn beantwoord")
        try terminal.waitFor("kompas> ")
        try terminal.type(":exporteer \(work)/plan.md" + enter, thenWaitFor: "Het plan staat in \(work)/plan.md.", "kompas> ")
        try terminal.send(":stop" + enter)
        #expect(try terminal.waitForExit() == .exited(0))
        #expect(FileManager.default.fileExists(atPath: work + "/plan.md"))
        // A finished session is no longer offered for resuming, but it is kept.
        #expect(try SessionFiles.unfinished(state).isEmpty)
        #expect(try SessionFiles.finished(state).count == 1)
        #expect(FileManager.default.fileExists(atPath: state + "/kompas/laatste.transcript"))
    }

    @Test func theSessionsOwnMessagesWrapBetweenWords() throws {
        let state = try BinaryRunner.temporaryDirectory()
        let work = try BinaryRunner.temporaryDirectory()
        try "oud\n".write(toFile: work + "/les.transcript", atomically: true, encoding: .utf8)
        let terminal = try PseudoTerminal.spawn(BinaryRunner.binary, environment: environment(state), columns: 64)
        try terminal.waitFor("kompas> ")
        for answer in ["1", "Ede", "zwak", "2", "n", ":wijzig thema", "2", ":overzicht", ":wijzig 1", ":terug"] {
            try type(terminal, answer + enter, expect: "")
        }
        try terminal.type(":bewaar \(work)/les.transcript" + enter, thenWaitFor: "Overschrijven? [j/N] ")
        try type(terminal, enter, expect: "is niet overschreven.")
        try type(terminal, ":bewaar \(work)/nieuw.transcript" + enter, expect: "Het gesprek is bewaard in")
        try terminal.send(":stop" + enter)
        #expect(try terminal.waitForExit() == .exited(0))

        let text = terminal.unwrappedText
        for message in ["Wijzig je antwoord (nu: Cybercrime). :terug laat het zoals het was.", "Opzij gezet (die vragen", "blijft zoals het was.",
                        "is niet overschreven. Kies een andere naam", "Verder gaan kan later met", "maakt er later nog een Markdown-plan van."] {
            #expect(text.contains(message))
        }
        // What kompas writes itself (not the line being typed, nor the question after it) fits in
        // 64 columns, or is one word that cannot be broken: a path.
        let lines = terminal.strippedText.components(separatedBy: "\r\n").filter { !$0.hasPrefix("kompas> ") && !$0.contains("Overschrijven? [j/N]") }
        #expect(lines.filter { $0.count > 64 && $0.contains(" ") } == [])
    }
}
