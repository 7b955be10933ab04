import ArgumentParser
import KompasCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Controleert de regelbestanden en meldt alle problemen met bestand:regel:kolom.")

    @OptionGroup var rules: RulesOptions

    @Flag(name: .long, help: "Meld ook bronnen, stappen en regels die geen enkel voorbeeld bereikt.")
    var coverage = false

    func run() throws {
        try reporting {
            let directory = try rules.directory()
            let (ruleSet, diagnostics): (RuleSet, [Diagnostic])
            do { (ruleSet, diagnostics) = try RuleLoader.check(directory: directory) } catch {
                throw Failure("\(error)", code: .noInput, prefixed: false)
            }
            for diagnostic in diagnostics { Console.line(diagnostic.description) }
            Console.line(summary(ruleSet, errors: diagnostics.count))
            if !diagnostics.isEmpty { throw ExitCode(Failure.Code.dataError.rawValue) }
            if coverage { try report(Coverage(rules: ruleSet)) }
        }
    }

    private func summary(_ r: RuleSet, errors: Int) -> String {
        let counts = "\(r.themes.count) thema's, \(r.questions.count) vragen, \(r.sources.count) bronnen, \(r.steps.count) stappen, \(r.rules.count) regels, \(r.examples.count) voorbeelden"
        return errors == 0 ? "\(counts): in orde" : "\(counts): \(errors) \(errors == 1 ? "fout" : "fouten")"
    }

    private func report(_ coverage: Coverage) throws {
        for item in coverage.missing {
            Console.line("\(item.location): fout: \(item.kind) \(item.id) wordt door geen enkel voorbeeld bereikt: voeg een voorbeeld toe dat het in het plan zet, of haal het weg")
        }
        func part(_ name: String, _ c: (covered: Int, total: Int)) -> String { "\(name) \(c.covered)/\(c.total)" }
        Console.line("dekking: \(part("bronnen", coverage.sources)), \(part("stappen", coverage.steps)), \(part("regels", coverage.rules))")
        if !coverage.isComplete { throw ExitCode(1) }
    }
}

