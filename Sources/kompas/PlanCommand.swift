import ArgumentParser
import FoundationEssentials
import KompasCore

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Maakt van een transcript een plan als Markdown, HTML of JSON.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, html, json

        /// What `-o` names without `--format`: `.html`/`.htm` and `.json` by their extension, else Markdown.
        init(path: String) {
            let name = path.lowercased()
            self = name.hasSuffix(".html") || name.hasSuffix(".htm") ? .html : name.hasSuffix(".json") ? .json : .markdown
        }
    }

    @OptionGroup var rules: RulesOptions

    @Argument(help: ArgumentHelp("Het transcript.", valueName: "transcript"))
    var transcript: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Schrijf naar dit bestand in plaats van naar de standaarduitvoer.", valueName: "bestand"))
    var output: String?

    @Option(name: .long, help: "markdown, html of json (standaard: naar de extensie van -o, anders markdown).")
    var format: Format?

    @Flag(name: .long, help: "Overschrijf het bestand van -o als het al bestaat.")
    var force = false

    @Flag(name: .customLong("met-commentaar"), help: "Neem het commentaar van de trainer uit het transcript op.")
    var withComments = false

    @Option(name: .long, help: ArgumentHelp("De datum in het plan (standaard die van het transcript).", valueName: "JJJJ-MM-DD"))
    var date: String?

    func validate() throws {
        if let date, !CalendarDate.isValid(date) {
            throw ValidationError("--date moet de vorm JJJJ-MM-DD hebben, zoals 2026-11-23")
        }
    }

    func run() async throws {
        try await reporting {
            let ruleSet = try await rules.load()
            let recorded = try SessionStore.read(transcript)
            let engine = Engine(rules: ruleSet)
            let resume = "kompas\(rules.rules.map { " --rules \($0)" } ?? "") --hervat \(transcript)"
            do throws(TranscriptRefusal) {
                try TranscriptValidator.check(recorded, engine: engine, path: transcript, resume: resume)
            } catch {
                throw Failure(error)
            }
            let evaluation = engine.evaluate(recorded.session)
            let comments = withComments ? PlanDocument.TrainerComment.all(in: recorded) : []
            let document = PlanDocument(rules: ruleSet, evaluation: evaluation, date: date ?? recorded.date, comments: comments)
            let text = switch format ?? output.map(Format.init(path:)) ?? .markdown {
            case .markdown: MarkdownRenderer.render(document)
            case .html: HTMLRenderer.render(document)
            case .json: JSONRenderer.render(document)
            }
            if let output {
                do throws(AtomicFile.WriteError) {
                    try AtomicFile.write(text, to: output, overwrite: force ? .replace : .refuse)
                } catch {
                    let message = error.exists ? "\(output) bestaat al: kies een andere naam, of overschrijf het met --force" : "\(error)"
                    throw Failure(message, code: .cannotCreate)
                }
            } else {
                Console.out(text)
            }
        }
    }
}
