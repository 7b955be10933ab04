import KompasCore
import KompasLineEditing

/// `replay --stap`: a trainer takes a group through a recorded session. Each question is asked
/// before the colleague's answer is revealed, so the group can think first.
extension Replayer {
    private enum Step { case next, back, stop }

    func step(_ transcript: Transcript, _ file: String, changes: [String]) throws -> Int32 {
        if let code = blockingProblems(transcript, file) { return code }
        let changes = try changes.map(parseChange)
        let entries = transcript.events
        let stops = entries.indices.filter { entries[$0].event.isAnswer }
        Console.line("Stap voor stap: \(file) (opgenomen \(transcript.date)).")
        Console.line("Enter toont het antwoord van de collega, Enter nog eens gaat verder; :terug gaat een vraag terug, :stop stopt.")
        warnIfRulesChanged(transcript, file)
        // The comments before the first question describe the case: they come before anything is asked.
        if let first = stops.first {
            Console.line()
            printComments(entries[...first].flatMap(\.comments))
        }
        var position = 0
        var shownUpTo = 0
        walk: while position < stops.count {
            let index = stops[position]
            shownUpTo = index
            ask(entries[index].event, number: position + 1, of: stops.count)
            switch wait("(Enter: antwoord van de collega) ") {
            case .next: break
            case .back: position = back(from: position); continue walk
            case .stop: break walk
            }
            // Undone and redone answers belong to the answer before them: shown with it.
            let end = position + 1 < stops.count ? stops[position + 1] : entries.count
            reveal(entries[index...].prefix(end - index), skippingComments: position == 0, changes: changes)
            shownUpTo = end
            switch wait(position + 1 < stops.count ? "(Enter: volgende vraag) " : "(Enter: het plan) ") {
            case .next: position += 1
            case .back: position = back(from: position)
            case .stop: break walk
            }
        }
        let finished = position == stops.count
        if finished, !transcript.trailingComments.isEmpty {
            Console.line()
            printComments(transcript.trailingComments)
        }
        let session = Session(events: entries.prefix(shownUpTo).map(\.event))
        let evaluation = engine.evaluate(session)
        Console.line()
        if !finished { Console.line("Gestopt na \(stops.filter { $0 < shownUpTo }.count) van de \(stops.count) vragen; het plan tot zover:") }
        guard !changes.isEmpty else {
            Pager.show(PlanTextRenderer(rules: rules, width: width).render(evaluation), reader: reader)
            return 0
        }
        var changed = session
        for (question, value) in changes { changed.record(.changed(question: question.id, value: value)) }
        let after = engine.evaluate(changed)
        let text = PlanTextRenderer(rules: rules, width: width).render(after) + "\n\n"
            + PlanComparison(rules: rules, width: width).describe(from: evaluation, to: after, fromName: "het opgenomen plan", toName: "het plan met de wijziging")
        Pager.show(text, reader: reader)
        return 0
    }

    private func back(from position: Int) -> Int {
        if position == 0 { Console.line("Dit is de eerste vraag.") }
        return max(0, position - 1)
    }

    /// The question with its options, as the colleague saw it; the answer stays hidden.
    private func ask(_ event: SessionEvent, number: Int, of count: Int) {
        guard let id = event.question, let question = rules.question(id) else { return }
        let label = event.isChange ? "Gewijzigd antwoord" : "Vraag \(number) van \(count)"
        var lines = [""] + TextLayout.wrap("\(label): \(question.text)", width: width)
        for (index, option) in question.options.enumerated() where question.type != .yesno {
            lines += TextLayout.wrap(option.label, width: width, indent: "  \(index + 1). ", hanging: "     ")
        }
        Console.line(lines.joined(separator: "\n"))
    }

    /// The colleague's answer, what `--wijzig` puts in its place, and the trainer's comments;
    /// then the undone and redone answers that followed it.
    private func reveal(_ entries: ArraySlice<Transcript.Entry>, skippingComments: Bool, changes: [(Question, AnswerValue)]) {
        guard let first = entries.first else { return }
        if case .answered(let id, let value) = first.event, let question = rules.question(id) {
            Console.line(TextLayout.wrap(question.display(value), width: width, indent: "  De collega: ", hanging: "    ").joined(separator: "\n"))
            if let change = changes.last(where: { $0.0.id == id }) {
                Console.line(TextLayout.wrap(question.display(change.1), width: width, indent: "  Wat als (--wijzig): ", hanging: "    ").joined(separator: "\n"))
            }
        } else if case .changed(let id, let value) = first.event, let question = rules.question(id) {
            Console.line(TextLayout.wrap(question.display(value), width: width, indent: "  De collega wijzigde het in: ", hanging: "    ").joined(separator: "\n"))
        }
        if !skippingComments { printComments(first.comments) }
        for entry in entries.dropFirst() {
            printComments(entry.comments)
            Console.line(describe(entry.event))
        }
    }

    private func wait(_ prompt: String) -> Step {
        while true {
            switch reader.readLine(prompt: prompt) {
            case .endOfFile, .interrupted:
                Console.line()
                return .stop
            case .line(let line):
                if !reader.isInteractive { Console.line(line) }
                switch AnswerMatcher.fold(line.trimmingWhitespace) {
                case "": return .next
                case ":terug": return .back
                case ":stop": return .stop
                default: Console.line("Druk op Enter om verder te gaan, of typ :terug of :stop.")
                }
            }
        }
    }
}
