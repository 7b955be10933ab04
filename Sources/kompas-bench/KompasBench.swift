import ArgumentParser
import Foundation
import KompasCore

@main
struct KompasBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kompas-bench",
        abstract: "Benchmarks kompas' rule loading and engine, and generates scaled rule bases.",
        subcommands: [Run.self, Generate.self, Measure.self],
        defaultSubcommand: Run.self)
}

/// A failure that is not a usage mistake: printed without the usage text.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The rule base to start from (`--rules`, else the shipped `rules/`), which must pass `kompas check`.
enum BaseRules {
    static func load(_ directory: String) throws -> RuleSet {
        do {
            return try RuleLoader.load(directory: directory)
        } catch {
            throw BenchError("the rules in \(directory) do not pass `kompas check`:\n\(error)")
        }
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Writes a valid rule base N times the given one (ids renamed with the suffix -sK).")

    @Option(help: "How many copies of the base rule set.") var scale: Int
    @Option(help: "The directory to write (created; its *.yaml files are replaced).") var output: String
    @Option(help: "The base rule set (default: rules/).") var rules: String?
    @Option(help: "The examples: scale (in every copy), once (in copy 1 only) or drop.") var examples: String = "scale"

    func validate() throws {
        guard scale >= 1 else { throw ValidationError("--scale must be 1 or more") }
        guard RuleBaseScaler.ExampleMode(rawValue: examples) != nil else { throw ValidationError("--examples must be scale, once or drop") }
    }

    func run() throws {
        let directory = rules ?? "rules"
        let count = try Generator.write(
            base: BaseRules.load(directory), scale: scale, examples: RuleBaseScaler.ExampleMode(rawValue: examples)!, to: output)
        print("\(output): \(count.files) files, \(count.rules.questions.count) questions, \(count.rules.rules.count) rules, \(count.rules.sources.count) sources, \(count.rules.steps.count) steps, \(count.rules.examples.count) examples; passes kompas check")
    }
}

enum Generator {
    /// Writes the scaled rule base and proves it loads and validates (examples included).
    static func write(base: RuleSet, scale: Int, examples: RuleBaseScaler.ExampleMode, to output: String) throws -> (
        files: Int, rules: RuleSet
    ) {
        let manager = FileManager.default
        try manager.createDirectory(atPath: output, withIntermediateDirectories: true)
        for name in (try? manager.contentsOfDirectory(atPath: output)) ?? [] where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            try manager.removeItem(atPath: output + "/" + name)
        }
        let files = RuleBaseScaler(base: base, scale: scale, examples: examples).files()
        for file in files {
            try Data(file.text.utf8).write(to: URL(fileURLWithPath: output + "/" + file.name))
        }
        return (files.count, try BaseRules.load(output))
    }
}

/// Internal: measures one scale in this (fresh) process and prints JSON; `run` starts one per scale.
struct Measure: ParsableCommand {
    static let configuration = CommandConfiguration(shouldDisplay: false)

    @Option var rules: String
    @Option var scale: Int
    @Option var `repeat`: Int = 15
    /// Longer replay throughput runs, for profiling the replay under perf or callgrind.
    @Option var replaySeconds: Double = 0.5

    func run() throws {
        let result = try Measurer.measure(directory: rules, scale: scale, repeats: `repeat`, replaySeconds: replaySeconds)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        print(String(decoding: try encoder.encode(result), as: UTF8.self))
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measures scales 1, 10 and 100 (each in a fresh process) and prints the table with the targets.")

    @Option(help: "The base rule set (default: rules/).") var rules: String?
    @Option(help: "Repeats per measurement; the table shows medians.") var `repeat`: Int = 15
    @Option(help: "Scales to measure, comma-separated.") var scales: String = "1,10,100"
    @Option(help: "The kompas binary to time (skipped when it does not exist).") var kompas: String = ".build/release/kompas"
    @Option(help: "Keep the generated rule bases here instead of a temporary directory.") var keep: String?
    @Option(help: "Examples in the generated scales: scale (in every copy), once (copy 1 only) or drop.")
    var examples: String = "scale"

    func validate() throws {
        guard RuleBaseScaler.ExampleMode(rawValue: examples) != nil else { throw ValidationError("--examples must be scale, once or drop") }
    }

    func run() throws {
        let directory = rules ?? "rules"
        let base = try BaseRules.load(directory)
        let scaleList = scales.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 >= 1 }
        guard !scaleList.isEmpty else { throw ValidationError("--scales needs numbers such as 1,10,100") }

        let work = keep ?? NSTemporaryDirectory() + "kompas-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: work) } }

        var notes: [String] = []
        var results: [ScaleMeasurement] = []
        for scale in scaleList {
            // 1× is the base itself; larger scales are generated (and checked) first.
            let dir = scale == 1 ? directory : work + "/scale-\(scale)"
            if scale != 1 { _ = try Generator.write(base: base, scale: scale, examples: RuleBaseScaler.ExampleMode(rawValue: examples)!, to: dir) }
            FileHandle.standardError.write(Data("kompas-bench: measuring \(scale)× (\(dir))…\n".utf8))
            let child = try Spawn.capture(Spawn.selfPath, ["measure", "--rules", dir, "--scale", String(scale), "--repeat", String(`repeat`)])
            guard child.status == 0, let data = child.output.split(separator: "\n").last.map({ Data($0.utf8) }) else {
                throw BenchError("measuring \(scale)× failed (exit \(child.status))")
            }
            var result = try JSONDecoder().decode(ScaleMeasurement.self, from: data)
            result.check = CheckTime.measure(kompas: kompas, rules: dir, repeats: `repeat`)
            results.append(result)
        }

        let startup = StartupTimes.measure(kompas: kompas, rules: directory, repeats: `repeat`, work: work, notes: &notes)
        notes.append("generated scales: examples \(examples) (`kompas-bench generate --examples \(examples)`); 1× is \(directory) itself")
        print(Report.render(results: results, startup: startup, base: directory, repeats: `repeat`, notes: notes))
    }
}
