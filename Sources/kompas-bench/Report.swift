import Foundation

/// Start-up of the real binary to its first question (stdin /dev/null), against a hello world.
struct StartupTimes {
    var hello: Double?
    var kompas: Double?
    var kompasStatus: Int32?

    static func measure(kompas: String, rules: String, repeats: Int, work: String, notes: inout [String]) -> StartupTimes {
        var result = StartupTimes()
        let runs = max(5, repeats)
        let hello = helloWorld(work: work, notes: &notes)
        guard FileManager.default.isExecutableFile(atPath: kompas) else {
            notes.append("\(kompas) does not exist: binary start-up skipped (build it with `swift build -c release`)")
            result.hello = hello.map { program in Stopwatch.median((0..<runs).compactMap { _ in Spawn.wallTime([program])?.seconds }) }
            return result
        }
        let arguments = [kompas, "--rules", rules]
        if let check = try? Spawn.capture(kompas, Array(arguments.dropFirst())) {
            result.kompasStatus = check.status
            let first = check.output.split(separator: "\n").first { $0.contains("?") }.map(String.init) ?? "(no question printed)"
            notes.append("`\(arguments.joined(separator: " ")) < /dev/null` exits \(check.status) after printing: \(first.prefix(70))")
        }
        // Warm the page cache; then the two in turn, round after round, so a busy moment on the
        // machine weighs on both alike.
        _ = hello.map { Spawn.wallTime([$0]) }
        _ = Spawn.wallTime(arguments)
        var hellos: [Double] = [], starts: [Double] = []
        for _ in 0..<runs {
            if let hello, let time = Spawn.wallTime([hello])?.seconds { hellos.append(time) }
            if let time = Spawn.wallTime(arguments)?.seconds { starts.append(time) }
        }
        result.hello = hellos.isEmpty ? nil : Stopwatch.median(hellos)
        result.kompas = starts.isEmpty ? nil : Stopwatch.median(starts)
        return result
    }

    /// Compiles `print("hello")` with `swiftc -O` once into the work directory.
    static func helloWorld(work: String, notes: inout [String]) -> String? {
        guard let swiftc = Spawn.which("swiftc") else {
            notes.append("swiftc not on PATH: no hello-world baseline")
            return nil
        }
        let source = work + "/hello.swift", binary = work + "/hello"
        do {
            try Data("print(\"hello\")\n".utf8).write(to: URL(fileURLWithPath: source))
            let compile = try Spawn.capture(swiftc, ["-O", source, "-o", binary])
            guard compile.status == 0 else { throw CocoaError(.executableLoad) }
            return binary
        } catch {
            notes.append("could not compile the hello world with swiftc -O: no baseline")
            return nil
        }
    }
}

enum Report {
    static func render(results: [ScaleMeasurement], startup: StartupTimes, base: String, repeats: Int, notes: [String]) -> String {
        var out: [String] = []
        out.append("kompas-bench — base: \(base), medians of \(repeats) runs, each scale in a fresh process")
        out.append("")
        let header = [
            "scale", "files", "questions", "rules", "sources", "steps", "examples", "load+check", "kompas check", "first question", "per answer",
            "replay 1 transcript", "answers", "transcripts/s", "peak RSS",
        ]
        var rows = results.map { r in
            [
                "\(r.scale)×", "\(r.files)", "\(r.questions)", "\(r.rules)", "\(r.sources)", "\(r.steps)", "\(r.examples)",
                time(r.load), r.check.map(time) ?? "—", time(r.firstQuestion), time(r.perAnswer), time(r.replay), "\(r.answers)",
                String(format: "%.0f", r.transcriptsPerSecond), megabytes(r.peakBytes),
            ]
        }
        if let first = results.first, let last = results.last, last.scale > first.scale {
            rows.append([
                "growth \(first.scale)×→\(last.scale)×", "", ratio(last.questions, first.questions), ratio(last.rules, first.rules), "", "", "",
                ratio(last.load, first.load), ratio(last.check ?? 0, first.check ?? 0), ratio(last.firstQuestion, first.firstQuestion),
                ratio(last.perAnswer, first.perAnswer),
                ratio(last.replay, first.replay), "", ratio(last.transcriptsPerSecond, first.transcriptsPerSecond), ratio(Double(last.peakBytes), Double(first.peakBytes)),
            ])
        }
        let tail = Array(results.suffix(2))
        if tail.count == 2, tail[1].scale > tail[0].scale, tail[0].scale > 1 {
            let (a, b) = (tail[0], tail[1])
            rows.append([
                "exponent \(a.scale)×→\(b.scale)×", "", "", "", "", "", "",
                exponent(a.load, b.load, a.scale, b.scale), exponent(a.check ?? 0, b.check ?? 0, a.scale, b.scale),
                exponent(a.firstQuestion, b.firstQuestion, a.scale, b.scale),
                exponent(a.perAnswer, b.perAnswer, a.scale, b.scale), exponent(a.replay, b.replay, a.scale, b.scale), "", "",
                exponent(Double(a.peakBytes), Double(b.peakBytes), a.scale, b.scale),
            ])
        }
        out += table(header, rows)
        out.append("")
        out.append("load+check: RuleLoader.load(directory:) in process (read, parse, validate, run the examples); kompas check: the binary, whole process;")
        out.append("first question: load without the examples + Engine.evaluate(Session());")
        out.append("per answer: Session.record + Engine.evaluate, averaged over the scripted session; replay: the scripted session saved as a transcript,")
        out.append("read, stepped through as `kompas replay` does (every answer must be the engine's next question) and its plan compared as `replay --check` does; exponent k: time ∝ scale^k between the two largest scales (1.0 = linear).")
        out.append("")

        var targets: [[String]] = []
        let one = results.first { $0.scale == 1 }, ten = results.first { $0.scale == 10 }, hundred = results.first { $0.scale == 100 }
        let firstQuestion = "first question, binary piped ≤ 4× hello world"
        switch (startup.hello, startup.kompas) {
        case let (hello?, kompas?):
            targets.append([firstQuestion, "\(time(kompas)) = \(String(format: "%.1f", kompas / hello))× hello \(time(hello))", "≤ \(time(4 * hello))", verdict(kompas <= 4 * hello)])
        case (_, nil):
            targets.append([firstQuestion, "binary missing", "", "SKIPPED"])
        case (nil, let kompas?):
            targets.append([firstQuestion, time(kompas), "no baseline", "SKIPPED"])
        }
        for (scale, limit) in [(ten, 0.5), (hundred, 3.0)] {
            guard let scale else { continue }
            let name = "kompas check at \(scale.scale)×, whole process"
            targets.append([name, scale.check.map(time) ?? "binary missing", "≤ \(time(limit))", scale.check.map { verdict($0 <= limit) } ?? "SKIPPED"])
        }
        if let hundred {
            targets.append(["per answer at 100×", time(hundred.perAnswer), "≤ 1 ms", verdict(hundred.perAnswer <= 0.001)])
        }
        if let one {
            targets.append(["transcripts replayed per second at 1×", String(format: "%.0f/s", one.transcriptsPerSecond), "≥ 2000/s", verdict(one.transcriptsPerSecond >= 2000)])
        }
        out += table(["target", "measured", "target", "result"], targets)
        if !notes.isEmpty {
            out.append("")
            out += notes.map { "note: \($0)" }
        }
        if let peak = results.first?.peakSource, peak != "VmHWM" { out.append("note: peak memory from \(peak)") }
        return out.joined(separator: "\n")
    }

    static func verdict(_ ok: Bool) -> String { ok ? "OK" : "MISS" }

    static func time(_ seconds: Double) -> String {
        switch seconds {
        case ..<1e-3: String(format: "%.1f µs", seconds * 1e6)
        case ..<1: String(format: "%.2f ms", seconds * 1e3)
        default: String(format: "%.2f s", seconds)
        }
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }

    static func ratio(_ a: Double, _ b: Double) -> String { b > 0 ? String(format: "%.1f×", a / b) : "—" }
    static func ratio(_ a: Int, _ b: Int) -> String { ratio(Double(a), Double(b)) }

    static func exponent(_ a: Double, _ b: Double, _ sa: Int, _ sb: Int) -> String {
        guard a > 0, b > 0 else { return "—" }
        return String(format: "k=%.2f", log(b / a) / log(Double(sb) / Double(sa)))
    }

    static func table(_ header: [String], _ rows: [[String]]) -> [String] {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { $1 + String(repeating: " ", count: widths[$0] - $1.count) }.joined(separator: " | ") + " |"
        }
        return [line(header), "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|"] + rows.map(line)
    }
}
