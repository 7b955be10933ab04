import ArgumentParser
import FoundationEssentials
import KompasCore

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Zet de transcripten van cursisten naast een referentie: antwoorden, scores en wat de meesten misten.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text = "tekst", markdown, json }

    @OptionGroup var rules: RulesOptions

    @Argument(help: ArgumentHelp("Eerst de referentie, dan de transcripten van de cursisten.", valueName: "transcript"))
    var files: [String]

    @Option(name: .long, help: "tekst (standaard), markdown of json; zonder --format schrijft -o BESTAND.md Markdown en -o BESTAND.json JSON.")
    var format: Format?

    @Option(name: .shortAndLong, help: ArgumentHelp("Schrijf naar dit bestand in plaats van naar de standaarduitvoer.", valueName: "bestand"))
    var output: String?

    @Flag(name: .long, help: "Overschrijf het bestand van -o als het al bestaat.")
    var force = false

    func validate() throws {
        if files.count < 2 {
            throw ValidationError("geef een referentie en minstens één transcript om ermee te vergelijken")
        }
    }

    func run() async throws {
        var skipped = false
        try await reporting {
            if let output, !force, FileManager.default.fileExists(atPath: output) {
                throw Failure("\(output) bestaat al: kies een andere naam, of gebruik --force om het te overschrijven", code: .cannotCreate)
            }
            let ruleSet = try await rules.load()
            let engine = Engine(rules: ruleSet)
            let reference = try usable(files[0], ruleSet)
            var trainees: [(name: String, evaluation: Evaluation)] = []
            for file in files.dropFirst() {
                do {
                    trainees.append((GroupComparison.name(ofFile: file), engine.evaluate(try usable(file, ruleSet).session)))
                } catch let failure as Failure {
                    Console.error((failure.prefixed ? "kompas: fout: \(failure.message)" : failure.message) + "\n\(file) wordt overgeslagen.")
                    skipped = true
                }
            }
            let comparison = GroupComparison(
                rules: ruleSet, reference: (GroupComparison.name(ofFile: files[0]), engine.evaluate(reference.session)), trainees: trainees)
            let text = switch format ?? Self.format(of: output) {
            case .text: ComparisonTextRenderer(comparison, width: Self.width()).render()
            case .markdown: ComparisonMarkdownRenderer.render(comparison)
            case .json: ComparisonReport(comparison).render()
            }
            if let output {
                do { try AtomicFile.write(text, to: output) } catch { throw Failure("\(error)", code: .cannotCreate) }
            } else {
                Console.out(text)
            }
        }
        if skipped { throw ExitCode(Failure.Code.failed.rawValue) }
    }

    /// A transcript that passes every command's check (a trainee may stop early); anything
    /// else is a failure naming its line.
    private func usable(_ file: String, _ rules: RuleSet) throws -> Transcript {
        let transcript = try SessionStore.read(file)
        do throws(TranscriptRefusal) {
            try TranscriptValidator.check(transcript, engine: Engine(rules: rules), path: file, unfinished: true)
        } catch {
            throw Failure(error)
        }
        return transcript
    }

    private static func format(of output: String?) -> Format {
        if output?.hasSuffix(".md") == true || output?.hasSuffix(".markdown") == true { return .markdown }
        if output?.hasSuffix(".json") == true { return .json }
        return .text
    }

    /// The terminal's width; when piped `$COLUMNS`, else 80.
    private static func width() -> Int {
        if let columns = Terminal.columns() { return columns }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) }.map { max(40, $0) } ?? 80
    }
}
