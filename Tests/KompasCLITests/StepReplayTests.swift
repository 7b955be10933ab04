import Foundation
import Testing

/// `replay --stap` and `--wijzig` as a trainer meets them: piped, and in a pseudo-terminal.
@Suite(.serialized) struct StepReplayTests {
    /// A session recorded through the binary, with the case before the first question and a
    /// trainer's comment before the third.
    static func transcript() throws -> (dir: String, path: String) {
        let dir = try BinaryRunner.temporaryDirectory()
        let path = dir + "/sessie.transcript"
        let recorded = try BinaryRunner.run(["--rules", BinaryRunner.mini, "--transcript", path], input: "buitengebied\nSúdwest-Fryslân\nzwak\n2\n2\nn\n")
        #expect(recorded.status == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "\nantwoord thema ", with: "\n# De casus: een kleine gemeente.\nantwoord thema ")
            .replacingOccurrences(of: "\nantwoord informatiepositie ", with: "\n# Trainer: vraag door.\nantwoord informatiepositie ")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (dir, path)
    }

    static let start = """
        Stap voor stap: sessie.transcript (opgenomen \(Self.today)).
        Enter toont het antwoord van de collega, Enter nog eens gaat verder; :terug gaat een vraag terug, :stop stopt.

          ✎ De casus: een kleine gemeente.

        Vraag 1 van 5: Over welk thema wil je grip krijgen?
          1. Weerbaar buitengebied
          2. Cybercrime
        (Enter: antwoord van de collega) 
          De collega: Weerbaar buitengebied
        (Enter: volgende vraag) 

        Vraag 2 van 5: Voor welke gemeente maak je dit plan?
        (Enter: antwoord van de collega) 
          De collega: Súdwest-Fryslân
        (Enter: volgende vraag) 

        Vraag 3 van 5: Hoe krachtig is de lokale informatiepositie?
          1. Sterk
          2. Zwak
        (Enter: antwoord van de collega) 
          De collega: Zwak
          ✎ Trainer: vraag door.
        (Enter: volgende vraag) 
        """

    static var today: String {
        var now = time(nil), parts = tm()
        localtime_r(&now, &parts)
        return String(format: "%04d-%02d-%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday)
    }

    func replay(_ extra: [String], input: String, in dir: String) throws -> BinaryRunner.Result {
        try BinaryRunner.run(["replay", "--rules", BinaryRunner.mini, "--stap"] + extra + ["sessie.transcript"], input: input, directory: dir)
    }

    @Test func asksBeforeItRevealsAndGoesBack() throws {
        let (dir, _) = try Self.transcript()
        let result = try replay([], input: "\n\n\n\n\n:terug\n\n\n:stop\n", in: dir)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.hasPrefix(Self.start + ":terug\n" + """

            Vraag 2 van 5: Voor welke gemeente maak je dit plan?
            (Enter: antwoord van de collega) 
              De collega: Súdwest-Fryslân
            (Enter: volgende vraag) 

            Vraag 3 van 5: Hoe krachtig is de lokale informatiepositie?
            """))
        #expect(result.stdout.contains("(Enter: antwoord van de collega) :stop\n\nGestopt na 2 van de 5 vragen; het plan tot zover:\nVervolgplan — Weerbaar buitengebied"))
        // The plan so far: the third answer was not revealed, so its step is not in it.
        #expect(!result.stdout.contains("Vraag bij de Omgevingsdienst de gegevens over leegstand op."))
    }

    @Test func endOfInputStopsCleanlyWithoutAFalseError() throws {
        let (dir, _) = try Self.transcript()
        let result = try replay([], input: "\n\n\n\n\n", in: dir)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.hasPrefix(Self.start))
        #expect(result.stdout.contains("(Enter: volgende vraag) \n\nGestopt na 3 van de 5 vragen; het plan tot zover:\n"))
        #expect(result.stdout.contains("  [ ] Vraag bij de Omgevingsdienst de gegevens over leegstand op. (prioriteit)\n"))
        #expect(!result.stdout.contains("fout"))
    }

    @Test func toTheEndThePlanWhole() throws {
        let (dir, _) = try Self.transcript()
        let result = try replay([], input: String(repeating: "\n", count: 10), in: dir)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.contains("Vraag 5 van 5: Ken je de lokale vereniging van de agrarische sector?\n(Enter: antwoord van de collega) \n  De collega: Nee\n(Enter: het plan) \n\nVervolgplan — "))
        #expect(!result.stdout.contains("Gestopt"))
        #expect(!result.stdout.contains("-- meer"))
        #expect(result.stdout.hasSuffix("    Waarom: omdat je het buitengebied als thema koos\n\nBron: CCV, Kompas informatiebronnen voor OOV-ers.\n\n"))
    }

    @Test func otherInputIsExplained() throws {
        let (dir, _) = try Self.transcript()
        let result = try replay([], input: "2\n:terug\n:stop\n", in: dir)
        #expect(result.status == 0)
        #expect(result.stdout.contains("(Enter: antwoord van de collega) 2\nDruk op Enter om verder te gaan, of typ :terug of :stop.\n(Enter: antwoord van de collega) :terug\nDit is de eerste vraag.\n\nVraag 1 van 5"))
        #expect(result.stdout.contains("Gestopt na 0 van de 5 vragen; het plan tot zover:\n"))
    }

    @Test func changesByNumberAndLabelWithStepMode() throws {
        let (dir, _) = try Self.transcript()
        let result = try replay(["--wijzig", "informatiepositie=1", "--wijzig", "lto-bekend=j"], input: String(repeating: "\n", count: 10), in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("  De collega: Zwak\n  Wat als (--wijzig): Sterk\n  ✎ Trainer: vraag door.\n"))
        #expect(result.stdout.contains("  De collega: Nee\n  Wat als (--wijzig): Ja\n"))
        #expect(result.stdout.contains("Andere antwoorden:\n  • Hoe krachtig is de lokale informatiepositie: Zwak → Sterk\n  • Ken je de lokale vereniging van de agrarische sector: Nee → Ja\n"))
        #expect(result.stdout.contains("Alleen in het opgenomen plan:\n  - stap «Vraag bij de Omgevingsdienst de gegevens over leegstand op.»"))
    }

    @Test func severalChangesWithoutStepMode() throws {
        let (dir, _) = try Self.transcript()
        let result = try BinaryRunner.run(
            ["replay", "--rules", BinaryRunner.mini, "--wijzig", "informatiepositie=ster", "--wijzig", "locaties=1,2", "sessie.transcript"], directory: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("""
            Wat als het antwoord op «Hoe krachtig is de lokale informatiepositie?» «Sterk»
            was, en op «Welke kwetsbare locaties liggen in je buitengebied?»
            «Vakantieparken; (Voormalige) agrarische bebouwing»? (sessie.transcript)
            Andere antwoorden:

            """))
        #expect(result.stdout.contains("  • Hoe krachtig is de lokale informatiepositie: Zwak → Sterk\n"))
        let wrong = try BinaryRunner.run(["replay", "--rules", BinaryRunner.mini, "--wijzig", "informatiepositie=x", "sessie.transcript"], directory: dir)
        #expect(wrong.status == 64)
        #expect(wrong.stderr.hasPrefix("kompas: fout: --wijzig informatiepositie: «x» past bij geen van de antwoorden."))
        let both = try BinaryRunner.run(["replay", "--rules", BinaryRunner.mini, "--quiz", "--wijzig", "informatiepositie=1", "sessie.transcript"], directory: dir)
        #expect(both.status == 64)
        #expect(both.stderr.hasPrefix("kompas: fout: kies één van --stap, --quiz, --check, --bijwerken en --wijzig (alleen --wijzig mag samen met --stap)\n"))
    }

    // MARK: In a terminal

    let enter = "\r", ctrlC = "\u{03}", ctrlD = "\u{04}"

    func spawn(_ dir: String, pager: String?, rows: UInt16 = 24) throws -> PseudoTerminal {
        var environment = ["XDG_STATE_HOME": dir + "/state", "KOMPAS_HISTORY": dir + "/history", "TERM": "xterm", "PAGER": pager ?? ""]
        environment["HOME"] = dir
        return try PseudoTerminal.spawn(
            BinaryRunner.binary, arguments: ["replay", "--rules", BinaryRunner.mini, "--stap", dir + "/sessie.transcript"],
            environment: environment, rows: rows)
    }

    @Test func inATerminalThePlanComesPageByPage() throws {
        let (dir, _) = try Self.transcript()
        let terminal = try spawn(dir, pager: nil, rows: 12)
        try terminal.waitFor("(Enter: antwoord van de collega) ")
        try terminal.type(enter, thenWaitFor: "De collega: Weerbaar buitengebied", "(Enter: volgende vraag) ")
        try terminal.type(":terug" + enter, thenWaitFor: "Dit is de eerste vraag.")
        for _ in 0..<9 {
            try terminal.waitFor("(Enter: ")
            try terminal.send(enter)
        }
        try terminal.waitFor("(Enter: het plan) ")
        try terminal.type(enter, thenWaitFor: "Vervolgplan — ", "-- meer: Enter, q stopt -- ")
        try terminal.type(enter, thenWaitFor: "-- meer: Enter, q stopt -- ")
        try terminal.send("q" + enter)
        #expect(try terminal.waitForExit() == .exited(0))
        #expect(!terminal.strippedText.contains("Gestopt"))
        #expect(!terminal.strippedText.contains("Database met indicatoren voor ondermijningsanalyse."))
    }

    @Test func ctrlCAndCtrlDEndWithThePlanSoFar() throws {
        let (dir, _) = try Self.transcript()
        for key in [ctrlC, ctrlD] {
            let terminal = try spawn(dir, pager: "cat > \(dir)/pager.txt")
            try terminal.waitFor("(Enter: antwoord van de collega) ")
            try terminal.type(enter, thenWaitFor: "(Enter: volgende vraag) ")
            try terminal.type(key, thenWaitFor: "Gestopt na 1 van de 5 vragen; het plan tot zover:")
            #expect(try terminal.waitForExit() == .exited(0))
            // The plan went to $PAGER, not to the terminal.
            let paged = try String(contentsOfFile: dir + "/pager.txt", encoding: .utf8)
            #expect(paged.hasPrefix("Vervolgplan — Weerbaar buitengebied (ondermijningsrisico's)\n"))
            #expect(!terminal.strippedText.contains("Vervolgplan — "))
            try FileManager.default.removeItem(atPath: dir + "/pager.txt")
        }
    }
}
