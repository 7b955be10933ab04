import FoundationEssentials

/// The history file: UTF-8, one entry per line, oldest first. It is re-read before each append so
/// that sessions running side by side add to it instead of overwriting each other.
struct HistoryFile {
    let path: String
    let limit: Int

    func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        let entries = text.split(whereSeparator: \.isNewline).map(String.init)
        return Array(entries.suffix(max(limit, 0)))
    }

    /// Appends `line` unless it repeats the last entry, keeping at most `limit` entries.
    /// Returns false when the file could not be written.
    @discardableResult
    func append(_ line: String) -> Bool {
        var entries = load()
        guard entries.last != line else { return true }
        entries.append(line)
        return save(Array(entries.suffix(max(limit, 0))))
    }

    private func save(_ entries: [String]) -> Bool {
        let url = URL(fileURLWithPath: path)
        let text = entries.map { $0 + "\n" }.joined()
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
            // History can hold anything the user typed: keep it private.
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            return true
        } catch {
            return false
        }
    }
}
