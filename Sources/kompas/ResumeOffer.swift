import KompasCore
import KompasLineEditing

/// At an interactive start: offers the unfinished sessions that no other window holds. A
/// declined session stays where it is; `kompas sessions` lists it.
struct ResumeOffer {
    let shelf: SessionShelf
    let rules: RuleSet

    /// The chosen session with its lock, or nil for a new session.
    func ask(_ reader: any LineReader) -> (SessionSummary, Transcript, SessionLock)? {
        shelf.migrate()
        var offered: [(SessionSummary, Transcript, SessionLock)] = []
        for path in shelf.unfinished() {
            // Held while the user chooses, so two windows never take the same session.
            guard let lock = SessionLock.acquire(SessionShelf.lockPath(path)) else {
                say("Een sessie van \(SessionSummary(path: path, rules: rules).description) is open in een ander venster.")
                continue
            }
            let summary = SessionSummary(path: path, rules: rules)
            guard let transcript = summary.transcript else {
                lock.remove()
                say("Een sessie van \(summary.description) staat in \(path); `kompas sessions --opruimen` ruimt die op.")
                continue
            }
            offered.append((summary, transcript, lock))
        }
        guard !offered.isEmpty else { return nil }
        let choice = offered.count == 1 ? askOne(offered[0].0, reader) : askMany(offered.map(\.0), reader)
        // The lock files of the sessions not taken go, so no window's leftovers pile up.
        for (index, (_, _, lock)) in offered.enumerated() where index != choice { lock.remove() }
        guard let choice else {
            Console.line((offered.count == 1 ? "Die sessie blijft" : "Die sessies blijven") + " bewaard; `kompas sessions` laat ze zien.\n")
            return nil
        }
        return offered[choice]
    }

    private func askOne(_ summary: SessionSummary, _ reader: any LineReader) -> Int? {
        say("Er is een onafgemaakte sessie van \(summary.description).")
        guard case .line(let answer) = reader.readLine(prompt: "Hervatten? [J/n] ") else { return nil }
        return ["", "j", "ja", "y", "yes"].contains(answer.trimmingWhitespace.lowercased()) ? 0 : nil
    }

    private func askMany(_ summaries: [SessionSummary], _ reader: any LineReader) -> Int? {
        Console.line("Er zijn \(summaries.count) onafgemaakte sessies:")
        for (number, summary) in summaries.enumerated() {
            Console.line(TextLayout.wrap("\(number + 1). \(summary.description)", width: 80).joined(separator: "\n   "))
        }
        while true {
            guard case .line(let answer) = reader.readLine(prompt: "Welke hervatten? [1-\(summaries.count), Enter = 1, n = nieuwe sessie] ") else { return nil }
            let text = answer.trimmingWhitespace.lowercased()
            if text.isEmpty { return 0 }
            if ["n", "nee", "no", "nieuw"].contains(text) { return nil }
            if let number = Int(text), (1...summaries.count).contains(number) { return number - 1 }
        }
    }

    private func say(_ text: String) { Console.line(TextLayout.wrap(text, width: 80).joined(separator: "\n")) }
}
