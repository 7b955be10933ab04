import FoundationEssentials

/// Where the interactive history is kept.
public enum HistoryLocation {
    /// `$KOMPAS_HISTORY`, else `$XDG_STATE_HOME/kompas/history`, else `~/.local/state/kompas/history`.
    public static func resolve(environment: [String: String]) -> String {
        if let explicit = nonEmpty(environment["KOMPAS_HISTORY"]) {
            return explicit
        }
        // The XDG spec says relative values are invalid and must be ignored.
        if let state = nonEmpty(environment["XDG_STATE_HOME"]), state.hasPrefix("/") {
            return join(state, "kompas/history")
        }
        let home = nonEmpty(environment["HOME"]) ?? FileManager.default.homeDirectoryForCurrentUser.path
        return join(home, ".local/state/kompas/history")
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    private static func join(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}
