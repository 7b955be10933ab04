import ArgumentParser
import FoundationEssentials
import KompasCore
import KompasLineEditing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct SessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions", abstract: "Toont de onafgemaakte en afgeronde sessies; ruimt onafgemaakte op.", aliases: ["sessies"])

    @OptionGroup var rules: RulesOptions

    @Flag(name: .customLong("opruimen"), help: "Gooi de onafgemaakte sessies weg (na een vraag); open sessies blijven staan.")
    var cleanUp = false

    @Flag(name: .customLong("ja"), help: "Met --opruimen: niet vragen (voor scripts).")
    var yes = false

    func validate() throws {
        if yes, !cleanUp { throw ValidationError("--ja hoort bij --opruimen") }
    }

    func run() async throws {
        try await reporting {
            let ruleSet = try await rules.load()
            let shelf = SessionShelf.current
            shelf.migrate()
            let unfinished = shelf.unfinished().map { (SessionSummary(path: $0, rules: ruleSet), SessionLock.isHeld(SessionShelf.lockPath($0))) }
            if cleanUp { return clean(unfinished, shelf: shelf) }
            Console.line(unfinished.isEmpty ? "Geen onafgemaakte sessies." : "Onafgemaakte sessies (de nieuwste eerst):")
            for (summary, held) in unfinished {
                Console.line("  \(summary.description)\(held ? ", open in een ander venster" : "")\n    \(summary.path)")
            }
            let finished = shelf.finished()
            Console.line(finished.isEmpty ? "Geen afgeronde sessies." : "Afgeronde sessies (de nieuwste eerst):")
            for path in finished {
                Console.line("  \(SessionSummary(path: path, rules: ruleSet).description)\n    \(path)")
            }
        }
    }

    private func clean(_ unfinished: [(SessionSummary, Bool)], shelf: SessionShelf) {
        for (summary, held) in unfinished where held {
            Console.line("Blijft staan, open in een ander venster: \(summary.description)")
        }
        let candidates = unfinished.filter { !$0.1 }.map(\.0)
        guard !candidates.isEmpty else { return Console.line("Er is niets op te ruimen.") }
        Console.line("Weg te gooien:")
        for summary in candidates { Console.line("  \(summary.description)\n    \(summary.path)") }
        if !yes {
            let reader = PlainLineReader(fileDescriptor: STDIN_FILENO, promptOutput: STDOUT_FILENO)
            let question = "\(Dutch.count(candidates.count, "onafgemaakte sessie", "onafgemaakte sessies")) weggooien? [j/N] "
            let answer = reader.readLine(prompt: question)
            guard case .line(let text) = answer, ["j", "ja", "y", "yes"].contains(text.trimmingWhitespace.lowercased()) else {
                return Console.line((answer == .endOfFile ? "\n" : "") + "Niets weggegooid.")
            }
        }
        var removed = 0
        for summary in candidates {
            // Taken under the lock, so a kompas starting now cannot be resuming it.
            guard let lock = SessionLock.acquire(SessionShelf.lockPath(summary.path)) else {
                Console.line("Blijft staan, net geopend in een ander venster: \(summary.path)")
                continue
            }
            if unlink(summary.path) == 0 { removed += 1 }
            lock.remove()
        }
        for orphan in shelf.orphanLocks() {
            if let lock = SessionLock.acquire(orphan) { lock.remove() }
        }
        Console.line("\(Dutch.count(removed, "sessie", "sessies")) weggegooid.")
    }
}
