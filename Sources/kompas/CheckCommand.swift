import ArgumentParser
import KompasCore

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Controleert de regelbestanden en meldt alle problemen met bestand:regel:kolom.")

    @OptionGroup var rules: RulesOptions

    @Flag(name: .long, help: "Meld ook wat onbereikbaar is, wat geen voorbeeld test en welke antwoorden niets veranderen.")
    var coverage = false

    func run() async throws {
        try await reporting {
            let directory = try rules.directory()
            let (ruleSet, diagnostics): (RuleSet, [Diagnostic])
            do { (ruleSet, diagnostics) = try RuleLoader.check(directory: directory) } catch {
                throw Failure("\(error)", code: .noInput, prefixed: false)
            }
            for diagnostic in diagnostics { Console.line(diagnostic.description) }
            let errors = diagnostics.filter(\.isError).count
            Console.line(summary(ruleSet, errors: errors, warnings: diagnostics.filter { $0.severity == .warning }.count))
            if errors > 0 { throw ExitCode(Failure.Code.dataError.rawValue) }
            if coverage { try report(Coverage(rules: ruleSet)) }
        }
    }

    private func summary(_ r: RuleSet, errors: Int, warnings: Int) -> String {
        let counts = [
            Dutch.count(r.themes.count, "thema", "thema's"), Dutch.count(r.questions.count, "vraag", "vragen"),
            Dutch.count(r.sources.count, "bron", "bronnen"), Dutch.count(r.steps.count, "stap", "stappen"),
            Dutch.count(r.rules.count, "regel", "regels"), Dutch.count(r.examples.count, "voorbeeld", "voorbeelden"),
        ].joined(separator: ", ")
        let warned = warnings == 0 ? "" : " (\(Dutch.count(warnings, "waarschuwing", "waarschuwingen")))"
        return errors == 0 ? "\(counts): in orde\(warned)" : "\(counts): \(Dutch.count(errors, "fout", "fouten"))\(warned)"
    }

    private func report(_ coverage: Coverage) throws {
        for finding in coverage.findings { Console.line(finding.description) }
        func part(_ name: String, _ c: (covered: Int, total: Int)) -> String { "\(name) \(c.covered)/\(c.total)" }
        Console.line("dekking: \(part("bronnen", coverage.sources)), \(part("stappen", coverage.steps)), \(part("regels", coverage.rules))")
        if !coverage.isComplete { throw ExitCode(1) }
    }
}
