import ArgumentParser
import FoundationEssentials
import KompasCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--rules DIR`, shared by every command that reads the rules.
struct RulesOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("De map met regelbestanden.", valueName: "map"))
    var rules: String?

    /// `--rules`, else `$KOMPAS_RULES`, else `./rules`, else the installed share directory.
    func directory() throws -> String {
        if let rules { return rules }
        let environment = ProcessInfo.processInfo.environment
        if let fromEnvironment = environment["KOMPAS_RULES"], !fromEnvironment.isEmpty { return fromEnvironment }
        let candidates = ["rules", Self.installedDirectory]
        if let found = candidates.first(where: Self.isDirectory) { return found }
        throw Failure(
            "geen regels gevonden. Gezocht: --rules, $KOMPAS_RULES, ./rules en \(Self.installedDirectory).\nGeef de map aan met --rules MAP, of installeer kompas met `make install`.",
            code: .noInput)
    }

    /// The rules, validated; their examples are `kompas check`'s business, not a session's.
    func load() async throws -> RuleSet {
        let directory = try directory()
        do {
            return try await RuleLoader.load(directory: directory, examples: .skip)
        } catch {
            throw Failure(error.description + "\nkompas check --rules \(directory) toont alle problemen met de regels.", code: .dataError, prefixed: false)
        }
    }

    /// `<prefix>/share/kompas/rules`, beside the installed binary's `bin`.
    static var installedDirectory: String {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return binary.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/kompas/rules").path
    }

    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }
}
