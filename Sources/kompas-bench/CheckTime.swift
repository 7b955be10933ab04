import Foundation

/// `kompas check --rules DIR` as a maintainer runs it: the whole process, loading and the examples.
enum CheckTime {
    static func measure(kompas: String, rules: String, repeats: Int) -> Double? {
        guard FileManager.default.isExecutableFile(atPath: kompas) else { return nil }
        let arguments = [kompas, "check", "--rules", rules]
        let times = (0..<max(3, repeats / 3)).compactMap { _ in Spawn.wallTime(arguments).flatMap { $0.status == 0 ? $0.seconds : nil } }
        return times.isEmpty ? nil : Stopwatch.median(times)
    }
}
