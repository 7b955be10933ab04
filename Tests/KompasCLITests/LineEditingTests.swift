import Foundation
import Testing

@testable import KompasLineEditing
import KompasCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - PlainLineReader

@Suite struct LineEditingPlainReaderTests {
    @Test func readsLinesThenEndOfFile() throws {
        let reader = try plainReader(over: Array("eerste\ntweede\n\nderde\n".utf8))
        #expect(reader.readLine(prompt: "") == .line("eerste"))
        #expect(reader.readLine(prompt: "") == .line("tweede"))
        #expect(reader.readLine(prompt: "") == .line(""))
        #expect(reader.readLine(prompt: "") == .line("derde"))
        #expect(reader.readLine(prompt: "") == .endOfFile)
        #expect(reader.readLine(prompt: "") == .endOfFile)
        #expect(reader.isInteractive == false)
    }

    @Test func dropsTheCarriageReturnOfCRLFOnly() throws {
        let reader = try plainReader(over: Array("Sneek\r\nSnits\r\nx\ry\n".utf8))
        #expect(reader.readLine(prompt: "") == .line("Sneek"))
        #expect(reader.readLine(prompt: "") == .line("Snits"))
        #expect(reader.readLine(prompt: "") == .line("x\ry"))
        #expect(reader.readLine(prompt: "") == .endOfFile)
    }

    @Test func returnsAPartialLastLineBeforeEndOfFile() throws {
        let reader = try plainReader(over: Array("volledig\nSúdwest-Fryslân".utf8))
        #expect(reader.readLine(prompt: "") == .line("volledig"))
        #expect(reader.readLine(prompt: "") == .line("Súdwest-Fryslân"))
        #expect(reader.readLine(prompt: "") == .endOfFile)
    }

    @Test func replacesInvalidUTF8() throws {
        let reader = try plainReader(over: [0x66, 0xFF, 0x6F, 0xC3, 0x0A, 0x6F, 0x6B, 0x0A])
        #expect(reader.readLine(prompt: "") == .line("f\u{FFFD}o\u{FFFD}"))
        #expect(reader.readLine(prompt: "") == .line("ok"))
    }

    @Test func readsATwoMegabyteLine() throws {
        let long = String(repeating: "â", count: 1_048_576)  // 2 MiB of UTF-8
        let reader = try plainReader(over: Array((long + "\nnext\n").utf8))
        #expect(reader.readLine(prompt: "") == .line(long))
        #expect(reader.readLine(prompt: "") == .line("next"))
        #expect(reader.readLine(prompt: "") == .endOfFile)
    }

    @Test func writesThePromptOnlyWhenAskedTo() throws {
        let prompts = try TestPipe.make()
        let reader = PlainLineReader(
            fileDescriptor: try TestPipe.feeding(Array("ja\n".utf8)), promptOutput: prompts.write)
        #expect(reader.readLine(prompt: "\u{1}\u{1B}[1m\u{1}kompas›\u{1}\u{1B}[0m\u{1} ") == .line("ja"))
        close(prompts.write)
        #expect(TestPipe.readAll(prompts.read) == Array("\u{1B}[1mkompas›\u{1B}[0m ".utf8))
        close(prompts.read)
    }

    @Test func ignoresHistoryAndCompletion() throws {
        let reader = try plainReader(over: Array("a\n".utf8))
        reader.completion = { _ in ["never"] }
        reader.remember("a")
        #expect(reader.readLine(prompt: "") == .line("a"))
    }

    /// The reader owns the pipe's read end and closes it on release.
    private func plainReader(over bytes: [UInt8]) throws -> PlainLineReader {
        PlainLineReader(fileDescriptor: try TestPipe.feeding(bytes), closesInput: true)
    }
}

/// Pipes fed from a background thread, so inputs larger than the pipe buffer do not block.
private enum TestPipe {
    static func make() throws -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { throw POSIXError(.EMFILE) }
        return (descriptors[0], descriptors[1])
    }

    /// Returns the read end; the write end is closed after `bytes` were written.
    static func feeding(_ bytes: [UInt8]) throws -> Int32 {
        let (readEnd, writeEnd) = try make()
        Thread {
            var rest = bytes[...]
            while !rest.isEmpty {
                let written = rest.withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
                guard written > 0 || errno == EINTR else { break }
                rest = rest.dropFirst(max(written, 0))
            }
            close(writeEnd)
        }.start()
        return readEnd
    }

    static func readAll(_ descriptor: Int32) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return result }
            result += chunk[..<count]
        }
    }
}

// MARK: - StateDirectory

@Suite struct StateDirectoryTests {
    @Test func prefersKompasHistory() {
        let environment = [
            "KOMPAS_HISTORY": "/tmp/eigen-historie", "XDG_STATE_HOME": "/state", "HOME": "/home/anna",
        ]
        #expect(StateDirectory.history(environment: environment) == "/tmp/eigen-historie")
    }

    @Test func thenXDGStateHome() {
        let environment = ["XDG_STATE_HOME": "/var/state/", "HOME": "/home/anna"]
        #expect(StateDirectory.history(environment: environment) == "/var/state/kompas/history")
    }

    @Test func thenHome() {
        #expect(
            StateDirectory.history(environment: ["HOME": "/home/anna"])
                == "/home/anna/.local/state/kompas/history")
    }

    @Test func ignoresEmptyAndRelativeValues() {
        let environment = ["KOMPAS_HISTORY": "", "XDG_STATE_HOME": "state", "HOME": "/home/anna"]
        #expect(StateDirectory.history(environment: environment) == "/home/anna/.local/state/kompas/history")
        #expect(StateDirectory.resolve(environment: environment) == "/home/anna/.local/state/kompas")
    }
}

// MARK: - Completion planning (no terminal)

@Suite struct LineEditingCompletionPlanTests {
    @Test func completesAUniqueCandidate() {
        let plan = CompletionPlan.make(textBeforeCursor: "toon Súd", candidates: ["Súdwest-Fryslân"])
        #expect(plan == CompletionPlan(deleteCount: 0, insertion: "west-Fryslân", listing: []))
    }

    @Test func insertsTheCommonPrefixAndListsAmbiguousCandidates() {
        let plan = CompletionPlan.make(textBeforeCursor: "co", candidates: ["coördinator", "coördinatie"])
        #expect(
            plan == CompletionPlan(
                deleteCount: 0, insertion: "ördinat", listing: ["coördinator", "coördinatie"]))
    }

    @Test func onlyListsWhenNothingCanBeAdded() {
        let plan = CompletionPlan.make(textBeforeCursor: "Sn", candidates: ["Sneek", "Snits", "Sneek"])
        #expect(plan == CompletionPlan(deleteCount: 0, insertion: "", listing: ["Sneek", "Snits"]))
    }

    @Test func replacesTheWordWhenOnlyTheCaseDiffers() {
        let plan = CompletionPlan.make(textBeforeCursor: "ga naar súd", candidates: ["Súdwest-Fryslân"])
        #expect(plan == CompletionPlan(deleteCount: 3, insertion: "Súdwest-Fryslân", listing: []))
    }

    @Test func completesCandidatesThatContainSpaces() {
        let plan = CompletionPlan.make(textBeforeCursor: "Noord Ho", candidates: ["Noord Holland"])
        #expect(plan == CompletionPlan(deleteCount: 0, insertion: "lland", listing: []))
    }

    @Test func hasNoPlanWithoutCandidates() {
        #expect(CompletionPlan.make(textBeforeCursor: "xyz", candidates: []) == nil)
    }

    @Test func listsInColumnsTopToBottom() {
        let items = ["Achtkarspelen", "Ameland", "Dantumadiel", "De Fryske Marren", "Harlingen"]
        #expect(
            CompletionListing.format(items, width: 40) == """
                Achtkarspelen     De Fryske Marren
                Ameland           Harlingen
                Dantumadiel
                """)
        #expect(CompletionListing.format(["a", "b"], width: 1) == "a\nb")
    }
}

// MARK: - PseudoTerminal harness (child processes)

@Suite struct LineEditingPseudoTerminalTests {
    @Test func typesIntoAChildAndCollectsItsExitStatus() throws {
        let script = #"printf 'naam? '; read answer; printf 'hallo %s\n' "$answer"; exit 3"#
        let terminal = try PseudoTerminal.spawn("/bin/sh", arguments: ["-c", script])
        try terminal.waitFor("naam? ")
        try terminal.send("Súdwest-Fryslân\r")
        try terminal.waitFor("hallo Súdwest-Fryslân\r\n")
        #expect(try terminal.waitForExit() == .exited(3))
        #expect(terminal.strippedText == "naam? Súdwest-Fryslân\r\nhallo Súdwest-Fryslân\r\n")
    }

    @Test func controlDEndsCatAndControlCInterruptsSleep() throws {
        let cat = try PseudoTerminal.spawn("cat")
        try cat.send("coördinator’\r")
        try cat.waitFor("coördinator’\r\ncoördinator’\r\n")  // the tty's echo, then cat's copy
        try cat.send("\u{04}")
        #expect(try cat.waitForExit() == .exited(0))

        let sleeper = try PseudoTerminal.spawn("/bin/sh", arguments: ["-c", "echo klaar; exec sleep 30"])
        try sleeper.waitFor("klaar")
        try sleeper.send("\u{03}")
        #expect(try sleeper.waitForExit() == .signaled(SIGINT))
    }

    @Test func killsAChildThatOutlivesItsTimeout() throws {
        let terminal = try PseudoTerminal.spawn("sleep", arguments: ["30"])
        #expect(throws: PseudoTerminal.Failure.self) { try terminal.waitForExit(timeout: 0.3) }
        #expect(terminal.exitStatus == .signaled(SIGKILL))
    }

    @Test func failsInsteadOfHangingWhenOutputNeverComes() throws {
        let terminal = try PseudoTerminal.spawn("/bin/sh", arguments: ["-c", "echo iets; sleep 30"])
        #expect(throws: PseudoTerminal.Failure.self) { try terminal.waitFor("niets", timeout: 0.3) }
        terminal.close()
        #expect(terminal.exitStatus == .signaled(SIGKILL))
    }

    @Test func hasAnEightyByTwentyFourWindowAndTheGivenEnvironment() throws {
        let terminal = try PseudoTerminal.spawn(
            "/bin/sh", arguments: ["-c", #"stty size; echo "$TERM $KOMPAS_HISTORY""#],
            environment: ["KOMPAS_HISTORY": "/tmp/h"])
        #expect(try terminal.waitForExit() == .exited(0))
        #expect(terminal.strippedText == "24 80\r\nxterm /tmp/h\r\n")
    }

    @Test func stripsEscapeSequencesOnly() {
        let raw = "\u{1B}[1mvet\u{1B}[0m \u{1B}[2K\u{1B}[10Dx\u{1B}]0;titel\u{07}\u{1B}(By\r\n\u{08}"
        #expect(PseudoTerminal.stripANSI(raw) == "vet xy\r\n\u{08}")
    }
}

// MARK: - LibeditLineReader on an in-process pseudo-terminal

/// One libedit editor at a time: it keeps process-wide signal state.
@Suite(.serialized) struct LineEditingLibeditTests {
    static let left = "\u{1B}[D"
    static let up = "\u{1B}[A"
    static let backspace = "\u{7F}"

    @Test func editsInTheMiddleOfTheLine() throws {
        let session = try EditorSession()
        let keys = "Sudwest" + String(repeating: Self.left, count: 3) + Self.backspace + "x\r"
        #expect(try session.read(typing: keys) == .line("Sudxest"))
    }

    @Test func backspaceDeletesWholeCharacters() throws {
        let session = try EditorSession()
        let frisian = "Súdwest-Fryslân" + Self.left + Self.backspace + "\r"
        #expect(try session.read(typing: frisian) == .line("Súdwest-Frysln"))
        let dutch = "coördinator’" + Self.backspace + Self.backspace + "\r"
        #expect(try session.read(typing: dutch) == .line("coördinato"))
        let middle = "coördinator" + String(repeating: Self.left, count: 8) + Self.backspace + "o\r"
        #expect(try session.read(typing: middle) == .line("coordinator"))
    }

    @Test func tabCompletesAUniqueCandidate() throws {
        let session = try EditorSession(completion: Self.places)
        #expect(try session.read(typing: "toon Súd\t\r") == .line("toon Súdwest-Fryslân"))
    }

    @Test func tabInsertsTheCommonPrefixAndListsTheCandidates() throws {
        let session = try EditorSession(completion: Self.places)
        let result = try session.read { terminal in
            try terminal.send("co\t")
            try terminal.waitFor("\ncoördinator  coördinatie\r\n")
            try terminal.waitFor(EditorSession.prompt)  // redrawn below the list
            try terminal.send("r\r")
        }
        #expect(result == .line("coördinatr"))
        let listed = try session.read { terminal in
            try terminal.send("S\t")
            try terminal.waitFor("\nSúdwest-Fryslân  Sneek            Snits\r\n")
            try terminal.waitFor(EditorSession.prompt)
            try terminal.send("ni\t\r")
        }
        #expect(listed == .line("Snits"))
    }

    @Test func tabWithoutCandidatesLeavesTheLineAlone() throws {
        let session = try EditorSession(completion: Self.places)
        #expect(try session.read(typing: "xyz\t\r") == .line("xyz"))
        let noCompletion = try EditorSession()
        #expect(try noCompletion.read(typing: "a\tb\r") == .line("ab"))
    }

    @Test func controlCCancelsTheLineAndTheNextReadStartsClean() throws {
        let session = try EditorSession()
        #expect(try session.read(typing: "half getypt" + Self.left + "\u{03}") == .interrupted)
        // The cursor goes back to the end of the line ("\u{08}t") before "^C" is shown.
        try session.terminal.waitFor("half getypt\u{08}t^C\r\n")
        #expect(try session.read(typing: "verder\r") == .line("verder"))
    }

    @Test func controlDEndsOnlyAnEmptyLine() throws {
        let session = try EditorSession()
        #expect(try session.read(typing: "ab\u{04}\r") == .line("ab"))
        #expect(try session.read(typing: "\u{04}") == .endOfFile)
    }

    @Test func historyIsSavedWithoutConsecutiveDuplicatesAndReloaded() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/nieuw/kompas/history"
        do {
            let session = try EditorSession(historyFile: path)
            for line in ["Sneek", "Sneek", "Súdwest-Fryslân", "  ", "", "Sneek", "Sneek"] {
                session.reader.remember(line)
            }
            #expect(try session.read(typing: Self.up + Self.up + "\r") == .line("Súdwest-Fryslân"))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "Sneek\nSúdwest-Fryslân\nSneek\n")
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]
        #expect(permissions as? Int == 0o600)

        let reloaded = try EditorSession(historyFile: path)
        #expect(try reloaded.read(typing: Self.up + "\r") == .line("Sneek"))
        #expect(try reloaded.read(typing: Self.up + Self.up + "\r") == .line("Súdwest-Fryslân"))
    }

    @Test func historyIsBounded() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/history"
        let session = try EditorSession(historyFile: path, historyLimit: 2)
        for line in ["een", "twee", "drie"] {
            session.reader.remember(line)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "twee\ndrie\n")
        let keys = String(repeating: Self.up, count: 3) + "\r"
        #expect(try session.read(typing: keys) == .line("twee"))
    }

    #if os(Linux)
    /// The real thing: this test binary re-run as a child on its own controlling terminal, where
    /// ^C would raise SIGINT if the editor did not take it as a key. See `LineEditingChildProcess`.
    @Test func controlCOnAControllingTerminalCancelsTheLineAndTheProcessLivesOn() throws {
        let child = try LineEditingChildProcess.spawn()
        try child.waitFor("kind> ")
        try child.send("half getypt\u{03}")
        try child.waitFor("[onderbroken]")
        try child.waitFor("kind> ")
        try child.send("Súdwest-Fryslân" + Self.backspace + "\t\r")
        try child.waitFor("[gelezen: Súdwest-Fryslân]")
        try child.waitFor("kind> ")
        try child.send("\u{04}")
        try child.waitFor("[einde]")
        try child.waitFor("[tty: icanon echo isig intr=^C]")  // cooked again, as it was
        #expect(try child.waitForExit() == .exited(LineEditingChildProcess.exitCode))
    }

    @Test func controlCOutsideTheEditorStillInterruptsTheProgram() throws {
        let child = try LineEditingChildProcess.spawn()
        try child.waitFor("kind> ")
        try child.send("werk\r")
        try child.waitFor("[bezig]")
        try child.send("\u{03}")
        #expect(try child.waitForExit() == .signaled(SIGINT))
    }
    #endif

    static let places: @Sendable (String) -> [String] = { before in
        let word = before.split(separator: " ", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let names = ["Súdwest-Fryslân", "Sneek", "Snits", "coördinator", "coördinatie"]
        return names.filter { $0.hasPrefix(word) }
    }
}

#if os(Linux)
/// A tiny interactive program for the pty tests, living in this test binary: the parent re-runs
/// the binary (/proc/self/exe) with a filter selecting `run()` and an environment variable
/// enabling it. It reads with the default stdin/stdout LibeditLineReader and reports in brackets.
@Suite struct LineEditingChildProcess {
    static let variable = "KOMPAS_LINE_EDITING_CHILD"
    static let exitCode: Int32 = 42
    static var isChild: Bool { ProcessInfo.processInfo.environment[variable] == "1" }

    static func spawn() throws -> PseudoTerminal {
        try PseudoTerminal.spawn(
            "/proc/self/exe",
            arguments: ["--testing-library", "swift-testing", "--filter", "LineEditingChildProcess"],
            environment: [variable: "1"])
    }

    @Test(.enabled(if: isChild)) func run() {
        let reader = LibeditLineReader(historyFile: nil)
        reader.completion = LineEditingLibeditTests.places
        loop: while true {
            switch reader.readLine(prompt: "kind> ") {
            case .line("werk"):
                print("[bezig]")
                sleep(30)
            case .line(let line): print("[gelezen: \(line)]")
            case .interrupted: print("[onderbroken]")
            case .endOfFile: break loop
            }
        }
        print("[einde]")
        print("[tty: \(Self.terminalModes())]")
        exit(Self.exitCode)
    }

    private static func terminalModes() -> String {
        var modes = termios()
        guard tcgetattr(STDIN_FILENO, &modes) == 0 else { return "?" }
        let flags = [(ICANON, "icanon"), (ECHO, "echo"), (ISIG, "isig")]
        let set = flags.filter { modes.c_lflag & tcflag_t($0.0) != 0 }.map(\.1)
        let interrupt = withUnsafeBytes(of: modes.c_cc) { $0[Int(VINTR)] }
        return (set + ["intr=^" + String(UnicodeScalar(interrupt + 64))]).joined(separator: " ")
    }
}
#endif

/// A LibeditLineReader on a pty pair. `readLine` blocks, so it runs on its own thread while the
/// test types; if it never returns, closing the pty ends it and the test fails instead of hanging.
private final class EditorSession {
    static let prompt = "kompas> "
    let terminal: PseudoTerminal
    let reader: LibeditLineReader

    init(
        historyFile: String? = nil, historyLimit: Int = 1000,
        completion: (@Sendable (String) -> [String])? = nil
    ) throws {
        terminal = try PseudoTerminal.openPair()
        let descriptor = terminal.terminalFD!
        reader = LibeditLineReader(
            historyFile: historyFile, historyLimit: historyLimit,
            inputFileDescriptor: descriptor, outputFileDescriptor: descriptor, terminalType: "xterm")
        reader.completion = completion
    }

    func read(typing keys: String) throws -> LineInput {
        try read { try $0.send(keys) }
    }

    func read(_ interact: (PseudoTerminal) throws -> Void) throws -> LineInput {
        let pending = PendingRead(reader: reader, prompt: Self.prompt)
        do {
            // Typing before the prompt is drawn would reach the tty while it is still cooked.
            try terminal.waitFor(Self.prompt)
            try interact(terminal)
        } catch {
            abandon(pending)
            throw error
        }
        guard terminal.pump(until: { pending.result != nil }, timeout: 10) else {
            abandon(pending)
            throw PseudoTerminal.Failure(description: "readLine did not return: \(terminal.text.debugDescription)")
        }
        return pending.result!
    }

    /// Hangs up so the blocked readLine returns; if it still does not, the reader is leaked rather
    /// than destroyed under a running thread.
    private func abandon(_ pending: PendingRead) {
        terminal.close()
        if !waitUntil({ pending.result != nil }, seconds: 5) {
            _ = Unmanaged.passRetained(reader)
        }
    }

    private func waitUntil(_ condition: () -> Bool, seconds: Double) -> Bool {
        for _ in 0..<Int(seconds * 100) where !condition() {
            usleep(10_000)
        }
        return condition()
    }
}

private final class PendingRead: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: LineInput?

    init(reader: LibeditLineReader, prompt: String) {
        let reader = UncheckedSendable(value: reader)
        Thread { [self] in
            let input = reader.value.readLine(prompt: prompt)
            lock.withLock { stored = input }
        }.start()
    }

    var result: LineInput? { lock.withLock { stored } }
}

/// The reader is used by one thread at a time: the test thread hands it over and waits.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}

private final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "kompas-line-editing-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
