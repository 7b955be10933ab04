import Foundation
import KompasCore

/// What one scale measured, in one fresh process (so the peak memory is this scale's own).
struct ScaleMeasurement: Codable, Sendable {
    var scale: Int
    var rulesDirectory: String
    var files: Int
    var questions: Int
    var rules: Int
    var sources: Int
    var steps: Int
    var examples: Int
    var repeats: Int
    /// Medians, in seconds.
    var load: Double
    /// `kompas check --rules` of this scale, the whole process (nil without the binary).
    var check: Double?
    var firstQuestion: Double
    var perAnswer: Double
    var replay: Double
    var answers: Int
    var transcriptsPerSecond: Double
    /// Peak resident set size in bytes, and where it was read from.
    var peakBytes: Int
    var peakSource: String
}

enum Stopwatch {
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    static func time(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        return seconds(clock.now - start)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}

/// Keeps a value alive so the optimiser cannot drop the work that made it.
@inline(never) func consume<T>(_ value: T) { withExtendedLifetime(value) {} }

/// A scripted session: the answers of the first example that fits, otherwise the first option
/// (and a made-up municipality), given in the order the engine asks.
enum Script {
    static func answers(for rules: RuleSet) -> [String: AnswerValue] {
        for example in rules.examples {
            var result: [String: AnswerValue] = [:]
            var fits = true
            for (id, value, _) in example.answers {
                guard let question = rules.question(id), case .success(let answer) = question.answer(from: value) else {
                    fits = false
                    break
                }
                result[id] = answer
            }
            if fits { return result }
        }
        return [:]
    }

    static func pick(_ question: Question, _ given: [String: AnswerValue]) -> AnswerValue {
        if let answer = given[question.id] { return answer }
        switch question.type {
        case .text: return .text("Voorbeeldgemeente")
        case .choice, .yesno: return .option(question.options.first?.id ?? "ja")
        case .multiple: return .options(question.options.first.map { [$0.id] } ?? [])
        }
    }

    /// The events of one complete session, as the engine asks.
    static func events(engine: Engine) -> [SessionEvent] {
        let given = answers(for: engine.rules)
        var session = Session()
        var evaluation = engine.evaluate(session)
        var events: [SessionEvent] = []
        while let next = evaluation.next, events.count <= engine.rules.questions.count {
            let event = SessionEvent.answered(question: next.id, value: pick(next, given))
            events.append(event)
            session.record(event)
            evaluation = engine.evaluate(session)
        }
        return events
    }

    /// The scripted session as transcript text, with the plan it produced: what a trainer saves.
    static func transcript(_ events: [SessionEvent], engine: Engine) -> [UInt8] {
        let plan = replay(events, engine: engine)
        let transcript = Transcript(
            fingerprint: engine.rules.fingerprint, date: "2026-11-23", events: events.map { Transcript.Entry(event: $0) },
            recordedPlan: PlanSummary.lines(plan).map { Transcript.PlanLine(text: $0) })
        return Array(TranscriptWriter.write(transcript, rules: engine.rules).utf8)
    }

    /// One transcript read, stepped through answer by answer as `kompas replay` does, and its
    /// plan compared with the recorded one as `replay --check` does (which itself evaluates the
    /// session once, so this is the more work of the two).
    static func check(_ bytes: [UInt8], engine: Engine) -> Bool {
        guard let transcript = try? TranscriptReader.read(bytes, path: "bench.transcript") else { return false }
        let plan = replay(transcript.events.map(\.event), engine: engine)
        return PlanSummary.lines(plan) == transcript.recordedPlan?.map(\.text)
    }

    /// Replays a session as `kompas replay` does: each answer must be for the question the engine
    /// asks at that point; ends with the plan.
    static func replay(_ events: [SessionEvent], engine: Engine) -> Plan {
        var session = Session()
        for event in events {
            if case .answered(let question, _) = event, let next = engine.nextQuestion(session), next.id != question {
                fatalError("replay diverged at \(question): the engine asks \(next.id)")
            }
            session.record(event)
        }
        return engine.evaluate(session).plan
    }
}

enum PeakMemory {
    /// VmHWM from /proc/self/status (Linux), else getrusage's ru_maxrss.
    static func read() -> (bytes: Int, source: String) {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        {
            let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return (kilobytes * 1024, "VmHWM")
        }
        var usage = rusage()
        #if os(Linux)
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        return (Int(usage.ru_maxrss) * 1024, "ru_maxrss")
    }
}

enum Measurer {
    static func measure(directory: String, scale: Int, repeats: Int, replaySeconds: Double = 0.5) throws -> ScaleMeasurement {
        let repeats = max(1, repeats)
        let files = try RuleLoader.ruleFiles(in: directory).count

        // Each run's result is freed before the next run's clock starts: freeing is not loading.
        var rules = RuleSet()
        let loads = try (0..<repeats).map { _ in
            rules = RuleSet()
            return try Stopwatch.time { rules = try RuleLoader.load(directory: directory) }
        }

        var started: Engine?
        let firsts = try (0..<repeats).map { _ in
            started = nil
            return try Stopwatch.time {
                // As the binary starts a session: the examples are `kompas check`'s business.
                let engine = Engine(rules: try RuleLoader.load(directory: directory, examples: .skip))
                let evaluation = engine.evaluate(Session())
                precondition(evaluation.next != nil, "the rule set asks no first question")
                consume(evaluation)
                started = engine
            }
        }
        withExtendedLifetime(started) {}
        started = nil

        let engine = Engine(rules: rules)
        let events = Script.events(engine: engine)
        let perAnswer = (0..<repeats).map { _ in
            var session = Session()
            var evaluation = engine.evaluate(session)
            let total = Stopwatch.time {
                for event in events {
                    session.record(event)
                    evaluation = engine.evaluate(session)
                }
            }
            consume(evaluation)
            return total / Double(max(1, events.count))
        }

        let transcript = Script.transcript(events, engine: engine)
        precondition(Script.check(transcript, engine: engine), "the scripted transcript does not replay to its own plan")
        let replays = (0..<repeats).map { _ in Stopwatch.time { consume(Script.check(transcript, engine: engine)) } }

        // Throughput: replay back to back in five windows of `replaySeconds / 5` each; the median
        // window, like every other figure, so one burst of a neighbour on a shared machine does
        // not decide it.
        let windows = (0..<5).map { _ in
            var count = 0
            let clock = ContinuousClock()
            let start = clock.now
            var elapsed = 0.0
            while count < 3 || elapsed < replaySeconds / 5 {
                consume(Script.check(transcript, engine: engine))
                count += 1
                elapsed = Stopwatch.seconds(clock.now - start)
            }
            return Double(count) / elapsed
        }

        let peak = PeakMemory.read()
        return ScaleMeasurement(
            scale: scale, rulesDirectory: directory, files: files, questions: rules.questions.count, rules: rules.rules.count,
            sources: rules.sources.count, steps: rules.steps.count, examples: rules.examples.count, repeats: repeats,
            load: Stopwatch.median(loads), firstQuestion: Stopwatch.median(firsts), perAnswer: Stopwatch.median(perAnswer),
            replay: Stopwatch.median(replays), answers: events.count, transcriptsPerSecond: Stopwatch.median(windows),
            peakBytes: peak.bytes, peakSource: peak.source)
    }
}
