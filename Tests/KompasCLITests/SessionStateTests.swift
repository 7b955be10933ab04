import Foundation
import Testing

/// The session files in a state directory, as the tests look at them.
enum SessionFiles {
    static func unfinished(_ state: String) throws -> [String] { try transcripts(state + "/kompas/sessies") }
    static func finished(_ state: String) throws -> [String] { try transcripts(state + "/kompas/afgerond") }

    private static func transcripts(_ folder: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".transcript") }.sorted().map { folder + "/" + $0 }
    }

    static func events(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
            .filter { ["antwoord", "wijziging", "terug", "vooruit"].contains($0.split(separator: " ").first ?? "") }
    }
}

/// Several sessions side by side, saving that fails, and files that must not be replaced:
/// the real binary in pseudo-terminals sharing one state directory.
@Suite(.serialized) struct SessionStateTests {
    let enter = "\r", ctrlD = "\u{04}"

    func environment(_ state: String) -> [String: String] {
        ["XDG_STATE_HOME": state, "KOMPAS_HISTORY": state + "/history", "KOMPAS_RULES": BinaryRunner.mini, "TERM": "xterm"]
    }

    func start(_ state: String) throws -> PseudoTerminal {
        try PseudoTerminal.spawn(BinaryRunner.binary, environment: environment(state))
    }

    /// Types `line` and Enter, then waits for `expected` and the prompt after it.
    func answer(_ terminal: PseudoTerminal, _ line: String, expect expected: String = "") throws {
        try terminal.type(line + enter, thenWaitFor: expected, "kompas> ")
    }

    /// A session that answers `answers` and leaves with Ctrl-D, unfinished.
    func leaveUnfinished(_ state: String, _ answers: [String]) throws {
        let terminal = try start(state)
        try terminal.waitFor("kompas> ")
        for line in answers { try answer(terminal, line) }
        try terminal.type(ctrlD, thenWaitFor: "Je antwoorden zijn bewaard in")
        #expect(try terminal.waitForExit() == .exited(0))
    }

    // MARK: 1. Two sessions at once

    @Test func twoWindowsAtOnceEachKeepTheirOwnAnswers() throws {
        let state = try BinaryRunner.temporaryDirectory()
        let first = try start(state)
        try first.waitFor("kompas> ")
        try answer(first, "1", expect: "Voor welke gemeente")
        try answer(first, "Ede", expect: "Hoe krachtig")

        // The second window sees the first as open elsewhere: not offered, not moved.
        let second = try start(state)
        let seen = try second.waitFor("kompas> ").replacingOccurrences(of: "\r\n", with: " ")
        #expect(seen.contains("Een sessie van ") && seen.contains("(thema Weerbaar buitengebied (ondermijningsrisico's), gemeente Ede, 2 antwoorden) is open in een ander venster."))
        #expect(!second.strippedText.contains("Hervatten?"))
        try answer(second, "2", expect: "Voor welke gemeente")
        try answer(second, "Zwolle")

        try answer(first, "sterk")
        try first.send(":stop" + enter)
        let firstFile = try SessionFiles.unfinished(state).first { $0.hasSuffix("-\(first.processID!).transcript") }
        try first.waitFor("Je antwoorden zijn bewaard in \(try #require(firstFile)).")
        #expect(try first.waitForExit() == .exited(0))
        try second.send(":stop" + enter)
        let secondFile = try SessionFiles.unfinished(state).first { $0.hasSuffix("-\(second.processID!).transcript") }
        try second.waitFor("Je antwoorden zijn bewaard in \(try #require(secondFile)).")
        #expect(try second.waitForExit() == .exited(0))

        #expect(try SessionFiles.unfinished(state).count == 2)
        #expect(try SessionFiles.events(firstFile!) == ["antwoord thema buitengebied", "antwoord gemeente \"Ede\"", "antwoord informatiepositie sterk"])
        #expect(try SessionFiles.events(secondFile!) == ["antwoord thema cybercrime", "antwoord gemeente \"Zwolle\""])
        // Nobody holds them any more: both are offered now, and no lock files are left behind.
        let third = try start(state)
        try third.waitFor("Er zijn 2 onafgemaakte sessies:")
        try third.waitFor("Welke hervatten? [1-2, Enter = 1, n = nieuwe sessie] ")
        try third.type("n" + enter, thenWaitFor: "kompas> ")
        try third.send(ctrlD)
        #expect(try third.waitForExit() == .exited(0))
        #expect(try FileManager.default.contentsOfDirectory(atPath: state + "/kompas/sessies").filter { $0.hasSuffix(".lock") }.isEmpty)
    }

    @Test func decliningTwiceKeepsBothAndAChoiceResumesTheOlder() throws {
        let state = try BinaryRunner.temporaryDirectory()
        try leaveUnfinished(state, ["2"])

        let second = try start(state)
        let offer = try second.waitFor("Hervatten? [J/n] ").replacingOccurrences(of: "\r\n", with: " ")
        #expect(offer.contains("(thema Gedigitaliseerde criminaliteit/cybercrime, 1 antwoord)."))
        try second.type("n" + enter, thenWaitFor: "Die sessie blijft bewaard; `kompas sessions` laat ze zien.", "kompas> ")
        try answer(second, "1", expect: "Voor welke gemeente")
        try second.send(ctrlD)
        #expect(try second.waitForExit() == .exited(0))

        let third = try start(state)
        try third.waitFor("Er zijn 2 onafgemaakte sessies:")
        try third.waitFor("Welke hervatten? [1-2, Enter = 1, n = nieuwe sessie] ")
        try third.type("n" + enter, thenWaitFor: "Die sessies blijven bewaard", "kompas> ")
        try third.send(ctrlD)
        #expect(try third.waitForExit() == .exited(0))
        let kept = try SessionFiles.unfinished(state)
        #expect(try kept.map(SessionFiles.events).sorted { $0.first ?? "" < $1.first ?? "" } == [["antwoord thema buitengebied"], ["antwoord thema cybercrime"]])

        // The newest is number 1; number 2 is the first session, cybercrime.
        let fourth = try start(state)
        try fourth.waitFor("Welke hervatten? ")
        try fourth.type("2" + enter, thenWaitFor: "We gaan verder waar je was.")
        try answer(fourth, "Ede", expect: "Hoe krachtig")
        try fourth.send(":stop" + enter)
        #expect(try fourth.waitForExit() == .exited(0))
        #expect(try SessionFiles.unfinished(state) == kept)
        #expect(try kept.map(SessionFiles.events).sorted { $0.first ?? "" < $1.first ?? "" } == [
            ["antwoord thema buitengebied"], ["antwoord thema cybercrime", "antwoord gemeente \"Ede\""],
        ])
    }

    @Test func aFinishedSessionKeepsItsOwnNameAndLaatsteHoldsOnlyIt() throws {
        let state = try BinaryRunner.temporaryDirectory()
        // Another window, unfinished, stays open meanwhile.
        let other = try start(state)
        try other.waitFor("kompas> ")
        try answer(other, "1", expect: "Voor welke gemeente")

        let terminal = try start(state)
        let seen = try terminal.waitFor("kompas> ").replacingOccurrences(of: "\r\n", with: " ")
        #expect(seen.contains("(thema Weerbaar buitengebied (ondermijningsrisico's), 1 antwoord) is open in een ander venster."))
        try answer(terminal, "2")
        // A finished session of the same minute and municipality already holds the name.
        let autosave = try #require(try SessionFiles.unfinished(state).first { $0.hasSuffix("-\(terminal.processID!).transcript") })
        let stamp = String(autosave.split(separator: "/").last!.prefix(15))
        try FileManager.default.createDirectory(atPath: state + "/kompas/afgerond", withIntermediateDirectories: true)
        let taken = state + "/kompas/afgerond/\(stamp)-cybercrime-sudwest-fryslan.transcript"
        try "bezet\n".write(toFile: taken, atomically: true, encoding: .utf8)
        try answer(terminal, "Súdwest-Fryslân")
        try answer(terminal, "sterk", expect: "Alle vragen zijn beantwoord")
        try terminal.send(":stop" + enter)
        let kept = state + "/kompas/afgerond/\(stamp)-cybercrime-sudwest-fryslan-2.transcript"
        try terminal.waitFor("Je gesprek is bewaard in \(kept);")
        #expect(try terminal.waitForExit() == .exited(0))

        #expect(try String(contentsOfFile: taken, encoding: .utf8) == "bezet\n")
        #expect(try SessionFiles.events(kept) == ["antwoord thema cybercrime", "antwoord gemeente \"Súdwest-Fryslân\"", "antwoord informatiepositie sterk"])
        #expect(try String(contentsOfFile: state + "/kompas/laatste.transcript", encoding: .utf8) == String(contentsOfFile: kept, encoding: .utf8))
        // The other window's session is still its own, and still open.
        let others = try SessionFiles.unfinished(state)
        try #require(others.count == 1)
        #expect(others[0].hasSuffix("-\(other.processID!).transcript"))
        try other.send(":stop" + enter)
        #expect(try other.waitForExit() == .exited(0))
        #expect(try SessionFiles.events(others[0]) == ["antwoord thema buitengebied"])
    }

    @Test func sessionsListsAndCleansUpButNeverAnOpenOne() throws {
        let state = try BinaryRunner.temporaryDirectory()
        try leaveUnfinished(state, ["2"])
        let open = try start(state)
        try open.waitFor("Hervatten? [J/n] ")
        try open.type("n" + enter, thenWaitFor: "kompas> ")
        try answer(open, "1")
        try answer(open, "Ede")
        let environment = ["XDG_STATE_HOME": state, "KOMPAS_RULES": BinaryRunner.mini]

        let list = try BinaryRunner.run(["sessies"], environment: environment)
        #expect(list.status == 0)
        let lines = list.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 6, "\(list.stdout)\(list.stderr)")
        #expect(lines.first == "Onafgemaakte sessies (de nieuwste eerst):")
        #expect(lines[1].hasSuffix("(thema Weerbaar buitengebied (ondermijningsrisico's), gemeente Ede, 2 antwoorden), open in een ander venster"))
        #expect(lines[3].hasSuffix("(thema Gedigitaliseerde criminaliteit/cybercrime, 1 antwoord)"))
        #expect(lines[5] == "Geen afgeronde sessies.")

        let declined = try BinaryRunner.run(["sessions", "--opruimen"], input: "n\n", environment: environment)
        #expect(declined.stdout.hasSuffix("1 onafgemaakte sessie weggooien? [j/N] Niets weggegooid.\n"))
        #expect(try SessionFiles.unfinished(state).count == 2)

        let cleaned = try BinaryRunner.run(["sessions", "--opruimen", "--ja"], environment: environment)
        #expect(cleaned.status == 0)
        #expect(cleaned.stdout.contains("Blijft staan, open in een ander venster: "))
        #expect(cleaned.stdout.hasSuffix("1 sessie weggegooid.\n"))
        let left = try SessionFiles.unfinished(state)
        try #require(left.count == 1)
        #expect(left[0].hasSuffix("-\(open.processID!).transcript"))
        try open.send(":stop" + enter)
        #expect(try open.waitForExit() == .exited(0))
    }

    @Test func anOldStyleAutosaveIsOfferedAndKept() throws {
        let state = try BinaryRunner.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: state + "/kompas", withIntermediateDirectories: true)
        let old = state + "/kompas/sessie.transcript"
        let recorded = try BinaryRunner.run(["--transcript", old], input: "1\nEde\n", environment: ["KOMPAS_RULES": BinaryRunner.mini])
        #expect(recorded.status == 0)

        let terminal = try start(state)
        let offer = try terminal.waitFor("Hervatten? [J/n] ").replacingOccurrences(of: "\r\n", with: " ")
        #expect(offer.contains("(thema Weerbaar buitengebied (ondermijningsrisico's), gemeente Ede, 2 antwoorden)."))
        try terminal.type(enter, thenWaitFor: "We gaan verder waar je was.")
        try answer(terminal, "zwak", expect: "Welke kwetsbare locaties")
        try terminal.send(":stop" + enter)
        #expect(try terminal.waitForExit() == .exited(0))
        #expect(!FileManager.default.fileExists(atPath: old))
        let moved = try SessionFiles.unfinished(state)
        try #require(moved.count == 1)
        #expect(moved[0].hasSuffix("-oud.transcript"))
        #expect(try SessionFiles.events(moved[0]) == ["antwoord thema buitengebied", "antwoord gemeente \"Ede\"", "antwoord informatiepositie zwak"])
    }

    // MARK: 2. Honest messages when saving fails

    @Test func aFileWhereTheStateDirectoryShouldBeIsSaidAndNothingClaimed() throws {
        let state = try BinaryRunner.temporaryDirectory()
        let work = try BinaryRunner.temporaryDirectory()
        try "geen map\n".write(toFile: state + "/kompas", atomically: true, encoding: .utf8)
        let terminal = try start(state)
        try terminal.waitFor("kompas> ")
        try terminal.type("1" + enter, thenWaitFor:
            "kompas: waarschuwing: kan \(state)/kompas/sessies/",
            "niet schrijven (\(state)/kompas is geen map).",
            "Je antwoorden zijn nu nergens bewaard: :bewaar PAD bewaart ze elders.",
            "kompas> ")
        try terminal.type(":stop" + enter, thenWaitFor:
            "Je antwoorden zijn niet bewaard: kan \(state)/kompas/sessies/",
            "Toch afsluiten zonder te bewaren? [j/N] ")
        try terminal.type(enter, thenWaitFor: "kompas> ")
        // Ctrl-C on the question does not end the session either.
        try terminal.type(ctrlD, thenWaitFor: "Toch afsluiten zonder te bewaren? [j/N] ")
        try terminal.type("\u{03}", thenWaitFor: "kompas> ")
        try answer(terminal, ":bewaar \(work)/gered.transcript", expect: "Het gesprek is bewaard in \(work)/gered.transcript.")
        try terminal.type(":stop" + enter, thenWaitFor:
            "Je antwoorden zijn niet automatisch bewaard: kan \(state)/kompas/sessies/",
            "Het gesprek is wel bewaard in \(work)/gered.transcript.")
        #expect(try terminal.waitForExit() == .exited(0))
        #expect(!terminal.unwrappedText.contains("Je antwoorden zijn bewaard"))
        #expect(!terminal.strippedText.contains("laatste.transcript"))
        #expect(try SessionFiles.events(work + "/gered.transcript") == ["antwoord thema buitengebied"])
    }

    @Test func aStaleAutosaveIsNeverPromoted() throws {
        let state = try BinaryRunner.temporaryDirectory()
        let terminal = try start(state)
        try terminal.waitFor("kompas> ")
        try answer(terminal, "2", expect: "Voor welke gemeente")
        // The state directory goes away under the running session; a file takes its place.
        try FileManager.default.moveItem(atPath: state + "/kompas", toPath: state + "/weg")
        try "geen map\n".write(toFile: state + "/kompas", atomically: true, encoding: .utf8)
        try answer(terminal, "Ede", expect: "is geen map")
        try answer(terminal, "sterk", expect: "Alle vragen zijn beantwoord")
        try terminal.type(":stop" + enter, thenWaitFor: "Toch afsluiten zonder te bewaren? [j/N] ")
        try terminal.type("j" + enter, thenWaitFor: "Je antwoorden zijn niet automatisch bewaard: kan \(state)/kompas/sessies/")
        #expect(try terminal.waitForExit() == .exited(0))
        #expect(!terminal.unwrappedText.contains("Je gesprek is bewaard"))
        #expect(!FileManager.default.fileExists(atPath: state + "/weg/afgerond"))
        #expect(!FileManager.default.fileExists(atPath: state + "/weg/laatste.transcript"))
        // The stale autosave stays what it is: an unfinished session with the one answer it holds.
        let stale = try FileManager.default.contentsOfDirectory(atPath: state + "/weg/sessies").filter { $0.hasSuffix(".transcript") }
        try #require(stale.count == 1)
        #expect(try SessionFiles.events(state + "/weg/sessies/" + stale[0]) == ["antwoord thema cybercrime"])
    }

    static let namespaces: Bool = {
        let probe = try? BinaryRunner.run(["-Urm", "true"], executable: "/usr/bin/unshare")
        return probe?.status == 0
    }()

    /// kompas in a user and mount namespace whose state directory is a tiny tmpfs, made full or
    /// read-only by `prepare`: the first answer is typed and `message` about saving awaited.
    func answerOnSmallDisk(_ prepare: String, expect message: String) throws -> PseudoTerminal {
        let state = try BinaryRunner.temporaryDirectory()
        let script = "mount -t tmpfs -o size=64k tmpfs \"$0\" && mkdir -p \"$0/kompas/sessies\" && \(prepare) && exec \"$1\""
        let terminal = try PseudoTerminal.spawn("/usr/bin/unshare", arguments: ["-Urm", "sh", "-c", script, state, BinaryRunner.binary], environment: environment(state))
        try terminal.waitFor("kompas> ")
        try terminal.type("1" + enter, thenWaitFor: message, "kompas> ")
        return terminal
    }

    @Test(.enabled(if: SessionStateTests.namespaces, "unshare -Urm (user- en mount-namespaces) is hier niet beschikbaar"))
    func aFullDiskIsSaidInDutch() throws {
        let terminal = try answerOnSmallDisk("{ dd if=/dev/zero of=\"$0/vol\" bs=4k 2>/dev/null; true; }", expect: "niet schrijven (de schijf is vol).")
        try terminal.type(":stop" + enter, thenWaitFor: "Toch afsluiten zonder te bewaren? [j/N] ")
        try terminal.type("j" + enter, thenWaitFor: "Je antwoorden zijn niet automatisch bewaard: ")
        #expect(try terminal.waitForExit() == .exited(0))
    }

    @Test(.enabled(if: SessionStateTests.namespaces, "unshare -Urm (user- en mount-namespaces) is hier niet beschikbaar"))
    func aReadOnlyDiskIsSaidInDutch() throws {
        let terminal = try answerOnSmallDisk("mount -o remount,ro \"$0\"", expect: "niet schrijven (alleen-lezen).")
        try terminal.type(ctrlD, thenWaitFor: "Toch afsluiten zonder te bewaren? [j/N] ")
        try terminal.send("j" + enter)
        #expect(try terminal.waitForExit() == .exited(0))
    }

    // MARK: 4. Nothing replaced without asking

    @Test func bewaarAndExporteerAskBeforeReplacing() throws {
        let state = try BinaryRunner.temporaryDirectory()
        let work = try BinaryRunner.temporaryDirectory()
        try "oud plan\n".write(toFile: work + "/plan.md", atomically: true, encoding: .utf8)
        try "oud transcript\n".write(toFile: work + "/les.transcript", atomically: true, encoding: .utf8)
        // Wide enough that the line editor never wraps the question with its long path.
        let terminal = try PseudoTerminal.spawn(BinaryRunner.binary, environment: environment(state), columns: 250)
        try terminal.waitFor("kompas> ")
        for line in ["2", "Ede", "sterk"] { try answer(terminal, line) }
        try terminal.type(":exporteer \(work)/plan.md" + enter, thenWaitFor: "\(work)/plan.md bestaat al. Overschrijven? [j/N] ")
        try answer(terminal, "", expect: "\(work)/plan.md is niet overschreven. Kies een andere naam, of gebruik :exporteer! \(work)/plan.md om het te vervangen.")
        #expect(try String(contentsOfFile: work + "/plan.md", encoding: .utf8) == "oud plan\n")
        try terminal.type(":exporteer \(work)/plan.md" + enter, thenWaitFor: "Overschrijven? [j/N] ")
        try answer(terminal, "j", expect: "Het plan staat in \(work)/plan.md.")
        #expect(try String(contentsOfFile: work + "/plan.md", encoding: .utf8).hasPrefix("# Vervolgplan"))
        try answer(terminal, ":bewaar! \(work)/les.transcript", expect: "Het gesprek is bewaard in \(work)/les.transcript.")
        #expect(try SessionFiles.events(work + "/les.transcript").count == 3)
        try terminal.send(":stop" + enter)
        #expect(try terminal.waitForExit() == .exited(0))
        #expect(!terminal.unwrappedText.contains("les.transcript bestaat al"))
    }

    @Test func defaultNamesNeverCollideAndExistingFilesAreAskedAboutWhenPiped() throws {
        let work = try BinaryRunner.temporaryDirectory()
        let input = "2\nEde\nsterk\n:exporteer\n:bewaar\n"
        let first = try BinaryRunner.run(["--rules", BinaryRunner.mini], input: input, directory: work)
        #expect(first.stdout.contains("Het plan staat in vervolgplan-cybercrime-ede.md."))
        let second = try BinaryRunner.run(["--rules", BinaryRunner.mini], input: input + ":exporteer plan.md\n:exporteer plan.md\nnee\n", directory: work)
        #expect(second.stdout.contains("Het plan staat in vervolgplan-cybercrime-ede-2.md."))
        #expect(second.stdout.contains("Het gesprek is bewaard in kompas-\(Self.today)-cybercrime-ede-2.transcript."))
        // Piped, the answer is echoed like every other line, so the output reads as the conversation.
        #expect(second.stdout.contains("plan.md bestaat al. Overschrijven? [j/N] nee\n\nplan.md is niet overschreven."))
        let files = try FileManager.default.contentsOfDirectory(atPath: work).sorted()
        #expect(files == [
            "kompas-\(Self.today)-cybercrime-ede-2.transcript", "kompas-\(Self.today)-cybercrime-ede.transcript", "plan.md",
            "vervolgplan-cybercrime-ede-2.md", "vervolgplan-cybercrime-ede.md",
        ])
    }

    static var today: String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    // MARK: 5. A transcript the user named

    @Test func resumingATranscriptWithoutANewAnswerNamesOnlyThatTranscript() throws {
        let state = try BinaryRunner.temporaryDirectory()
        let work = try BinaryRunner.temporaryDirectory()
        for (name, answers) in [("af", "2\nEde\nsterk\n"), ("half", "2\nEde\n")] {
            let path = work + "/\(name).transcript"
            #expect(try BinaryRunner.run(["--rules", BinaryRunner.mini, "--transcript", path], input: answers).status == 0)
            let terminal = try PseudoTerminal.spawn(BinaryRunner.binary, arguments: ["--hervat", path], environment: environment(state))
            try terminal.type(":stop" + enter, thenWaitFor: "Het transcript staat in \(path).")
            #expect(try terminal.waitForExit() == .exited(0))
            // Nothing claimed about an autosave this session never wrote.
            #expect(!terminal.unwrappedText.contains("kon niet naar"))
            #expect(!terminal.strippedText.contains("/sessies/"))
        }
        #expect(!FileManager.default.fileExists(atPath: state + "/kompas/afgerond"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: state + "/kompas/sessies").isEmpty)
    }

    @Test func aTranscriptOpenInAnotherWindowIsNotWrittenByASecond() throws {
        let state = try BinaryRunner.temporaryDirectory()
        let work = try BinaryRunner.temporaryDirectory()
        let path = work + "/samen.transcript", lock = work + "/.samen.transcript.lock"
        let first = try PseudoTerminal.spawn(BinaryRunner.binary, arguments: ["--transcript", path], environment: environment(state))
        try first.waitFor("kompas> ")
        // Before the first answer, when the file does not exist yet, as well as after it.
        let second = try BinaryRunner.run(["--rules", BinaryRunner.mini, "--transcript", path], input: "2\nZwolle\n")
        #expect(second.status == 73)
        #expect(second.stderr == "kompas: fout: \(path) is open in een ander venster: kies een andere naam\n")
        #expect(second.stdout.isEmpty)
        try answer(first, "1", expect: "Voor welke gemeente")
        try answer(first, "Ede", expect: "Hoe krachtig")
        let resumed = try BinaryRunner.run(["--rules", BinaryRunner.mini, "--hervat", path], input: "sterk\n")
        #expect(resumed.status == 73)
        #expect(resumed.stderr == "kompas: fout: \(path) is open in een ander venster: ga daar verder, of sluit het daar eerst af\n")
        #expect(FileManager.default.fileExists(atPath: lock))
        try first.type(":stop" + enter, thenWaitFor: "Het transcript staat in \(path).")
        #expect(try first.waitForExit() == .exited(0))
        #expect(try SessionFiles.events(path) == ["antwoord thema buitengebied", "antwoord gemeente \"Ede\""])
        #expect(!FileManager.default.fileExists(atPath: lock))

        // Closed there, it can be resumed here; the lock file goes with the session.
        let later = try BinaryRunner.run(["--rules", BinaryRunner.mini, "--hervat", path], input: "sterk\n")
        #expect(later.status == 0)
        #expect(try SessionFiles.events(path).count == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work) == ["samen.transcript"])
    }

    @Test func ctrlDAfterAnExportSaysWhereTheConversationIsKept() throws {
        let state = try BinaryRunner.temporaryDirectory()
        let work = try BinaryRunner.temporaryDirectory()
        let terminal = try start(state)
        try terminal.waitFor("kompas> ")
        for line in ["2", "Ede", "sterk"] { try answer(terminal, line) }
        try answer(terminal, ":exporteer \(work)/plan.md", expect: "Het plan staat in \(work)/plan.md.")
        try terminal.send(ctrlD)
        #expect(try terminal.waitForExit() == .exited(0))
        let kept = try SessionFiles.finished(state)
        try #require(kept.count == 1)
        #expect(terminal.unwrappedText.contains("Je gesprek is bewaard in \(kept[0]); `kompas plan \(kept[0])` maakt er later nog een Markdown-plan van."))
    }

    // MARK: 6. Small ones

    @Test func aRejectedOverLongLineStaysOutOfTheHistory() throws {
        let state = try BinaryRunner.temporaryDirectory()
        let terminal = try start(state)
        try terminal.waitFor("kompas> ")
        try answer(terminal, "1", expect: "Voor welke gemeente")
        try answer(terminal, String(repeating: "x", count: 600), expect: "Dat antwoord is te lang (600 tekens)")
        try answer(terminal, "Ede", expect: "Hoe krachtig")
        try terminal.send(ctrlD)
        #expect(try terminal.waitForExit() == .exited(0))
        let history = try String(contentsOfFile: state + "/history", encoding: .utf8)
        #expect(history == "1\nEde\n")
    }
}

@Suite struct PipedSavingTests {
    @Test func aTranscriptThatCannotBeWrittenIsNotClaimed() throws {
        let work = try BinaryRunner.temporaryDirectory()
        try "geen map\n".write(toFile: work + "/bestand", atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["--rules", BinaryRunner.mini, "--transcript", work + "/bestand/les.transcript"], input: "1\nEde\n")
        #expect(result.status == 0)
        #expect(result.stderr.contains("kompas: waarschuwing: kan \(work)/bestand/les.transcript niet schrijven (\(work)/bestand is geen map).\nkompas: Je antwoorden zijn nu nergens bewaard"))
        // Piped, messages are wrapped to 80 columns like the conversation.
        #expect(result.stdout.replacingOccurrences(of: "\n", with: " ").hasSuffix("Het transcript is niet bijgewerkt: kan \(work)/bestand/les.transcript niet schrijven (\(work)/bestand is geen map). "))
        #expect(!result.stdout.contains("Het transcript staat in"))
    }

    @Test func bewaarWhereNoFileCanBeMadeSaysWhy() throws {
        let result = try BinaryRunner.run(["--rules", BinaryRunner.mini], input: "2\nEde\n:bewaar /proc/x.transcript\n")
        #expect(result.stdout.replacingOccurrences(of: "\n", with: " ").contains("Dat lukte niet: kan /proc/x.transcript niet schrijven (/proc laat geen nieuwe bestanden toe)"))
        #expect(!result.stdout.contains("bestaat niet"))
    }
}

@Suite struct CountedNounTests {
    @Test func oneIsSingular() throws {
        let work = try BinaryRunner.temporaryDirectory()
        let path = work + "/een.transcript"
        let recorded = try BinaryRunner.run(["--rules", BinaryRunner.mini, "--transcript", path], input: "2\nEde\nzwak\n")
        #expect(recorded.status == 0)
        let check = try BinaryRunner.run(["replay", "--check", "--rules", BinaryRunner.mini, path])
        #expect(check.stdout == "\(path): in orde (1 onderdeel)\n")
    }
}
