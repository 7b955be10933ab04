import FoundationEssentials

/// Where kompas keeps what outlives a run (sessions, the history): one resolver for all of it.
public enum StateDirectory {
    /// `$XDG_STATE_HOME/kompas`, else `~/.local/state/kompas`.
    public static func resolve(environment: [String: String]) -> String {
        // The XDG spec says relative values are invalid and must be ignored.
        if let state = nonEmpty(environment["XDG_STATE_HOME"]), state.hasPrefix("/") { return join(state, "kompas") }
        let home = nonEmpty(environment["HOME"]) ?? FileManager.default.homeDirectoryForCurrentUser.path
        return join(home, ".local/state/kompas")
    }

    /// `$KOMPAS_HISTORY`, else `history` in the state directory.
    public static func history(environment: [String: String]) -> String {
        nonEmpty(environment["KOMPAS_HISTORY"]) ?? join(resolve(environment: environment), "history")
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    private static func join(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}
