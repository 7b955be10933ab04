import Foundation
import Testing

/// Control characters from a transcript, a rule file or piped input never reach the terminal:
/// they are shown as visible stand-ins (␛ for ESC, ␇ for BEL, ␀ for NUL, � for a C1 code).
@Suite struct ControlCharacterTests {
    let mini = BinaryRunner.mini
    let esc = "\u{1B}", bel = "\u{07}", csi = "\u{9B}"

    /// A transcript with a window title, a clear-screen and a C1 code in a comment, in a free-text
    /// answer and in the recorded plan.
    func hostileTranscript() throws -> String {
        let answers = MiniTranscript.answers.map { $0.replacingOccurrences(of: "\"Ede\"", with: "\"Ede\\u001b[2J\"") }
        return try MiniTranscript.write(
            ["# Les \(esc)]0;gekaapt\(bel) een \(csi)2J titel\r!"] + answers
                + ["", "plan", "thema buitengebied\(esc)[31m", "einde"])
    }

    @Test func replayShowsThemVisibly() throws {
        let path = try hostileTranscript()
        let result = try BinaryRunner.run(["replay", "--rules", mini, path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\n  ✎ Les ␛]0;gekaapt␇ een \u{FFFD}2J titel␍!\n"))
        #expect(result.stdout.contains("\nVraag: Voor welke gemeente maak je dit plan?\n  → Ede␛[2J\n"))
        #expect(MiniTranscript.isClean(result.stdout))
        #expect(MiniTranscript.isClean(result.stderr))
    }

    @Test func replayCheckShowsThemVisiblyInTheDiff() throws {
        let path = try hostileTranscript()
        let result = try BinaryRunner.run(["replay", "--check", "--rules", mini, path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\n  + bron registratie extern omgevingsdienst\n  - thema buitengebied␛[31m\n"))
        #expect(MiniTranscript.isClean(result.stderr))
    }

    @Test func quizShowsThemVisibly() throws {
        let path = try hostileTranscript()
        let result = try BinaryRunner.run(["replay", "--quiz", "--rules", mini, path], input: "buitengebied\nEde\n")
        #expect(result.status == 0)
        // The quiz makes the case one line of its own accord; what reaches the terminal is clean.
        #expect(result.stdout.contains("\nDe casus:\n  Les "))
        #expect(result.stdout.contains("gekaapt"))
        #expect(MiniTranscript.isClean(result.stdout))
    }

    @Test func replayInATerminalSetsNoTitleAndClearsNothing() throws {
        let path = try hostileTranscript()
        let terminal = try PseudoTerminal.spawn(BinaryRunner.binary, arguments: ["replay", "--rules", mini, path])
        #expect(try terminal.waitForExit() == .exited(0))
        #expect(terminal.text.contains("Les ␛]0;gekaapt␇ een"))
        #expect(!terminal.text.contains("\(esc)]0;"))
        #expect(!terminal.text.contains("\(esc)[2J"))
        #expect(!terminal.text.contains(csi))
    }

    @Test func resumedAnswerInATerminalIsShownVisibly() throws {
        let state = try BinaryRunner.temporaryDirectory()
        let path = try MiniTranscript.write(["antwoord thema buitengebied", "antwoord gemeente \"Ede\\u001b]0;gekaapt\\u0007\""])
        let terminal = try PseudoTerminal.spawn(
            BinaryRunner.binary, arguments: ["--rules", mini, "--hervat", path],
            environment: ["XDG_STATE_HOME": state, "KOMPAS_HISTORY": state + "/history"])
        try terminal.waitFor("kompas> ")
        try terminal.type(":overzicht\r", thenWaitFor: "Ede␛]0;gekaapt␇", "kompas> ")
        try terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == .exited(0))
        #expect(!terminal.text.contains("\(esc)]0;"))
    }

    @Test func pipedInputIsEchoedVisibly() throws {
        let result = try BinaryRunner.run(["--rules", mini], input: "buiten\(esc)]0;gekaapt\(bel)gebied\n\u{0}\n")
        #expect(result.stdout.contains("kompas> buiten␛]0;gekaapt␇gebied\n"))
        #expect(result.stdout.contains("kompas> ␀\n"))
        #expect(MiniTranscript.isClean(result.stdout))
        #expect(MiniTranscript.isClean(result.stderr))
    }

    /// NUL and ESC in a transcript's line land in the message about that line, visibly.
    @Test func messagesNeverCarryANulByte() throws {
        let path = try MiniTranscript.write(["antwoord thema bui\u{0}ten\(esc)gebied"])
        let result = try BinaryRunner.run(["plan", "--rules", mini, path])
        #expect(result.status == 65)
        #expect(result.stderr == "\(path):4:16: fout: `bui␀ten␛gebied` is geen optie-id: tekst hoort tussen aanhalingstekens\n")
    }

    @Test func ruleTextsWithControlCharactersAreRefused() throws {
        let rules = try BinaryRunner.temporaryDirectory()
        for name in ["00-basis.yaml", "10-buitengebied.yaml"] {
            var text = try String(contentsOfFile: mini + "/" + name, encoding: .utf8)
            text = text.replacingOccurrences(of: "    name: Weerbaar buitengebied (ondermijningsrisico's)", with: "    name: \"Weerbaar \\e]0;gekaapt\\a buitengebied\"")
            text = text.replacingOccurrences(of: "        label: Cybercrime", with: "        label: \"Cyber\\u009bcrime\"")
            try text.write(toFile: rules + "/" + name, atomically: true, encoding: .utf8)
        }
        let check = try BinaryRunner.run(["check", "--rules", rules])
        #expect(check.status == 65)
        #expect(check.stdout == """
            \(rules)/00-basis.yaml:10:11: fout: de naam van thema buitengebied bevat het stuurteken U+001B: haal het weg (een stuurteken, zoals `\\e` of `\\x1b` tussen aanhalingstekens, stuurt de terminal van de lezer aan)
            \(rules)/00-basis.yaml:25:16: fout: het label van optie cybercrime bevat het stuurteken U+009B: haal het weg (een stuurteken, zoals `\\e` of `\\x1b` tussen aanhalingstekens, stuurt de terminal van de lezer aan)
            2 thema's, 5 vragen, 3 bronnen, 2 stappen, 4 regels, 2 voorbeelden: 2 fouten

            """)
        let themes = try BinaryRunner.run(["themes", "--rules", rules])
        #expect(themes.status == 65)
        #expect(themes.stdout == "")
        #expect(themes.stderr.hasPrefix("\(rules)/00-basis.yaml:10:11: fout: de naam van thema buitengebied bevat het stuurteken U+001B"))
        #expect(MiniTranscript.isClean(themes.stderr))
    }

    @Test func datumMustBeADate() throws {
        let path = try MiniTranscript.write(date: "gisteren")
        let plan = try BinaryRunner.run(["plan", "--rules", mini, path])
        #expect(plan.status == 65)
        #expect(plan.stdout == "")
        #expect(plan.stderr == "\(path):3:7: fout: `gisteren` is geen datum: schrijf de datum als JJJJ-MM-DD, zoals 2026-11-23\n")
        let impossible = try MiniTranscript.write(date: "2026-11-31")
        #expect(try BinaryRunner.run(["replay", "--rules", mini, impossible]).stderr == "\(impossible):3:7: fout: `2026-11-31` is geen datum: schrijf de datum als JJJJ-MM-DD, zoals 2026-11-23\n")
    }

    /// Without TERM kompas works as with TERM=dumb, and says so once.
    @Test func unsetTermBehavesAsDumbAndSaysSoOnce() throws {
        func session(_ environment: [String: String], unsetting: [String]) throws -> (String, [String]) {
            let state = try BinaryRunner.temporaryDirectory()
            let terminal = try PseudoTerminal.spawn(
                BinaryRunner.binary, arguments: ["--rules", mini],
                environment: environment.merging(["XDG_STATE_HOME": state, "KOMPAS_HISTORY": state + "/history"]) { $1 }, unsetting: unsetting)
            try terminal.waitFor("kompas> ")
            try terminal.type("buitengebied\r", thenWaitFor: "Voor welke gemeente", "kompas> ")
            try terminal.send("\u{04}")
            #expect(try terminal.waitForExit() == .exited(0))
            return (terminal.text, (try? FileManager.default.contentsOfDirectory(atPath: state + "/kompas")) ?? [])
        }
        let notice = "kompas: let op: TERM is niet gezet, dus werkt kompas als bij TERM=dumb: zonder regelbewerking en zonder automatisch bewaren. Zet TERM (bijvoorbeeld TERM=xterm-256color) voor alles.\r\n"
        let (unset, unsetFiles) = try session([:], unsetting: ["TERM"])
        let (dumb, dumbFiles) = try session(["TERM": "dumb"], unsetting: [])
        #expect(unset.components(separatedBy: notice).count == 2)
        #expect(unset.hasPrefix(notice))
        #expect(unset.replacingOccurrences(of: notice, with: "") == dumb)
        #expect(unsetFiles == dumbFiles)
        let (empty, _) = try session(["TERM": ""], unsetting: [])
        #expect(empty == unset)
    }
}
