/// Values kept until the process ends, never freed: freeing a large rule set is work whose result
/// the operating system throws away a moment later (`kompas check` at 100×: 139 million
/// instructions, 3% of the command). A kept copy shares the value's storage, so keeping it
/// as soon as it exists covers every way out of the command.
enum ProcessLifetime {
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ value: Any) { kept.append(value) }
}
