import ArgumentParser
import FoundationEssentials
import KompasCore

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Maakt van een transcript een plan als Markdown of JSON.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case markdown, json }

    @OptionGroup var rules: RulesOptions

    @Argument(help: ArgumentHelp("Het transcript.", valueName: "transcript"))
    var transcript: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Schrijf naar dit bestand in plaats van naar de standaarduitvoer.", valueName: "bestand"))
    var output: String?

    @Option(name: .long, help: "markdown (standaard) of json.")
    var format: Format = .markdown

    @Option(name: .long, help: ArgumentHelp("De datum in het plan (standaard die van het transcript).", valueName: "JJJJ-MM-DD"))
    var date: String?

    func validate() throws {
        if let date, date.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) == nil {
            throw ValidationError("--date moet de vorm JJJJ-MM-DD hebben, zoals 2026-11-23")
        }
    }

    func run() throws {
        try reporting {
            let ruleSet = try rules.load()
            let recorded = try SessionStore.read(transcript)
            let problems = TranscriptValidator.problems(recorded, rules: ruleSet, path: transcript)
            guard problems.isEmpty else { throw Failure(problems.map(\.description).joined(separator: "\n"), code: .dataError, prefixed: false) }
            let evaluation = Engine(rules: ruleSet).evaluate(recorded.session)
            let document = PlanDocument(rules: ruleSet, evaluation: evaluation, date: date ?? recorded.date)
            let text = format == .markdown ? MarkdownRenderer.render(document) : JSONRenderer.render(document)
            if let output {
                do { try AtomicFile.write(text, to: output) } catch { throw Failure("\(error)", code: .cannotCreate) }
            } else {
                Console.out(text)
            }
        }
    }
}
