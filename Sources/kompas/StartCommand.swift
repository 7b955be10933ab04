import ArgumentParser
import FoundationEssentials
import KompasCore
import KompasLineEditing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start een begeleid gesprek (ook zonder subcommando: gewoon `kompas`).")

    @OptionGroup var rules: RulesOptions

    @Option(name: .long, help: ArgumentHelp("Bewaar het gesprek na elk antwoord in dit transcript.", valueName: "bestand"))
    var transcript: String?

    @Option(name: .customLong("hervat"), help: ArgumentHelp("Ga verder met een bewaard, onafgemaakt transcript.", valueName: "bestand"))
    var resume: String?

    func validate() throws {
        if transcript != nil, resume != nil {
            throw ValidationError("gebruik --transcript of --hervat, niet allebei: --hervat bewaart in het bestand dat het hervat")
        }
    }

    func run() async throws {
        try await reporting {
            let ruleSet = try await rules.load()
            let terminal = Terminal.current
            var store = SessionStore(rules: ruleSet, date: Console.today)
            var session = Session()
            if let transcript { try store.startTranscript(at: transcript) }
            if let resume { session = try store.resume(from: resume) }
            let reader = terminal.makeReader()
            if terminal.isInteractive {
                let shelf = SessionShelf.current
                if resume == nil, let (summary, transcript, lock) = ResumeOffer(shelf: shelf, rules: ruleSet).ask(reader) {
                    session = store.adopt(summary, transcript: transcript, lock: lock)
                } else {
                    store.autosave(to: shelf.newAutosave(), in: shelf)
                }
            }
            try SessionRunner(engine: Engine(rules: ruleSet), session: session, reader: reader, store: store, terminal: terminal).run()
        }
    }
}

/// What kind of terminal this is: decides the reader, the echo and the autosave.
struct Terminal {
    var isInteractive: Bool
    var width: Int

    /// Decided once a run, so the notice about a missing TERM is given once.
    static let current: Terminal = {
        // An empty TERM says as little as none.
        let term = ProcessInfo.processInfo.environment["TERM"].flatMap { $0.isEmpty ? nil : $0 }
        let dumb = term == "dumb" || term == nil
        let tty = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        if tty, term == nil {
            Console.error("kompas: let op: TERM is niet gezet, dus werkt kompas als bij TERM=dumb: zonder regelbewerking en zonder automatisch bewaren. Zet TERM (bijvoorbeeld TERM=xterm-256color) voor alles.")
        }
        return Terminal(isInteractive: tty && !dumb, width: min(100, max(40, columns() ?? 80)))
    }()

    /// The width of the terminal on stdout; nil when stdout is not one.
    static func columns() -> Int? {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return nil
    }

    func makeReader() -> any LineReader {
        if isInteractive {
            return LibeditLineReader(historyFile: StateDirectory.history(environment: ProcessInfo.processInfo.environment))
        }
        return PlainLineReader(fileDescriptor: STDIN_FILENO, promptOutput: STDOUT_FILENO)
    }
}
