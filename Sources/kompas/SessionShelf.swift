import FoundationEssentials
import KompasCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The sessions kept in the state directory: each unfinished one in `sessies/` beside the lock
/// file of the kompas working on it, each finished one under its own name in `afgerond/`, and a
/// copy of the newest finished one as `laatste.transcript`.
struct SessionShelf {
    let directory: String

    static var current: SessionShelf {
        SessionShelf(directory: StateDirectory.resolve(environment: ProcessInfo.processInfo.environment))
    }

    var unfinishedDirectory: String { directory + "/sessies" }
    var finishedDirectory: String { directory + "/afgerond" }
    var last: String { directory + "/laatste.transcript" }

    static func lockPath(_ transcript: String) -> String {
        (transcript.hasSuffix(".transcript") ? String(transcript.dropLast(".transcript".count)) : transcript) + ".lock"
    }

    /// The autosave of a session starting now: named after its start and process, so two
    /// windows never share one.
    func newAutosave() -> String {
        unfinishedDirectory + "/" + Console.localTime(time(nil), "%Y-%m-%d-%H%M") + "-\(getpid()).transcript"
    }

    /// Unfinished sessions, the most recently changed first.
    func unfinished() -> [String] { transcripts(in: unfinishedDirectory) }
    func finished() -> [String] { transcripts(in: finishedDirectory) }

    private func transcripts(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let paths = names.filter { $0.hasSuffix(".transcript") && !$0.hasPrefix(".") }.map { folder + "/" + $0 }
        return paths.map { ($0, Self.changed($0)) }.sorted { ($0.1.0, $0.1.1, $0.0) > ($1.1.0, $1.1.1, $1.0) }.map(\.0)
    }

    /// Seconds and nanoseconds: two sessions saved within one second still have an order.
    private static func changed(_ path: String) -> (Int, Int) {
        var status = stat()
        guard stat(path, &status) == 0 else { return (0, 0) }
        return (status.st_mtim.tv_sec, status.st_mtim.tv_nsec)
    }

    /// Lock files whose session is gone (left by a kill -9 before the first answer).
    func orphanLocks() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: unfinishedDirectory)) ?? []
        return names.filter { $0.hasSuffix(".lock") }.map { unfinishedDirectory + "/" + $0 }
            .filter { !FileManager.default.fileExists(atPath: String($0.dropLast(".lock".count)) + ".transcript") }
    }

    /// The single autosave of kompas before sessions had their own files joins the others.
    func migrate() {
        for old in ["sessie.transcript", "sessie.vorige.transcript"] where FileManager.default.fileExists(atPath: directory + "/" + old) {
            let stamp = Console.localTime(Self.modified(directory + "/" + old), "%Y-%m-%d-%H%M")
            try? FileManager.default.createDirectory(atPath: unfinishedDirectory, withIntermediateDirectories: true)
            _ = try? Self.linkUnique(directory + "/" + old, folder: unfinishedDirectory, name: stamp + "-oud")
        }
    }

    /// Keeps a finished session under its own name and as `laatste.transcript`; the autosave
    /// goes. Returns where it is kept.
    func finish(_ autosave: String, name: String) throws(AtomicFile.WriteError) -> String {
        let contents = FileManager.default.contents(atPath: autosave).map { [UInt8]($0) }
        try? FileManager.default.createDirectory(atPath: finishedDirectory, withIntermediateDirectories: true)
        let kept = try Self.linkUnique(autosave, folder: finishedDirectory, name: name)
        if let contents { try? AtomicFile.write(bytes: contents, to: last) }
        return kept
    }

    /// Moves `path` to `folder/name.transcript`, or `name-2`, `name-3` … when taken: `link`
    /// refuses an existing name, so nothing is ever replaced, also not by another kompas.
    private static func linkUnique(_ path: String, folder: String, name: String) throws(AtomicFile.WriteError) -> String {
        var counter = 1
        while true {
            let target = folder + "/" + name + (counter == 1 ? "" : "-\(counter)") + ".transcript"
            if link(path, target) == 0 {
                unlink(path)
                return target
            }
            guard errno == EEXIST else { throw AtomicFile.WriteError(path: target, code: errno) }
            counter += 1
        }
    }

    static func modified(_ path: String) -> time_t {
        var status = stat()
        guard stat(path, &status) == 0 else { return 0 }
        return status.st_mtim.tv_sec
    }
}

/// What a user needs to recognise a kept session: when, which theme and municipality, how far.
struct SessionSummary {
    let path: String
    /// Nil when the file is damaged or no longer fits the rules.
    let transcript: Transcript?
    let description: String

    init(path: String, rules: RuleSet) {
        self.path = path
        let date = Console.localTime(SessionShelf.modified(path), "%-d-%-m-%Y %H:%M")
        let read = FileManager.default.contents(atPath: path).flatMap { try? TranscriptReader.read([UInt8]($0), path: path) }
        let engine = Engine(rules: rules)
        guard let read, (try? TranscriptValidator.check(read, engine: engine, path: path, unfinished: true)) != nil else {
            transcript = nil
            description = "\(date) (beschadigd, of past niet meer bij de regels)"
            return
        }
        transcript = read
        let plan = engine.evaluate(read.session)
        let details = [plan.plan.theme.map { "thema \($0.name)" }, plan.plan.municipality.map { "gemeente \($0)" }].compactMap { $0 }
        description = "\(date) (" + (details + [Dutch.count(plan.answeredCount, "antwoord", "antwoorden")]).joined(separator: ", ") + ")"
    }
}
