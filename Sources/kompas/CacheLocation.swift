import FoundationEssentials
import KompasCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a session keeps its rule cache: `$XDG_CACHE_HOME/kompas`, else `~/.cache/kompas`.
/// None when `KOMPAS_NO_CACHE` is set, or when the program cannot tell which build it is.
enum CacheLocation {
    static func ruleCache(forRules directory: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> RuleCache? {
        if let off = environment["KOMPAS_NO_CACHE"], !off.isEmpty { return nil }
        guard let program = programIdentity, let base = baseDirectory(environment) else { return nil }
        return RuleCache(path: RuleCache.path(forRules: directory, in: base + "/kompas"), program: program)
    }

    private static func baseDirectory(_ environment: [String: String]) -> String? {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return cache }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache" }
        return nil
    }

    /// The program file's device, inode, size and modification time: a rebuild or an update
    /// changes them, and with them every cache key.
    private static var programIdentity: String? {
        #if os(Linux)
            let executable = "/proc/self/exe"
        #else
            let executable = CommandLine.arguments[0]
        #endif
        var status = stat()
        guard stat(executable, &status) == 0 else { return nil }
        return "\(status.st_dev):\(status.st_ino):\(status.st_size):\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
    }
}
