import Glibc
import KompasLineEditing

/// Long text in a terminal a screen at a time: through `$PAGER` when it is set, else with a
/// prompt after each screen. Piped, the text is written whole.
enum Pager {
    static func show(_ text: String, reader: any LineReader) {
        guard reader.isInteractive else { return Console.line(text) }
        if let pager = getenv("PAGER").map({ String(cString: $0) }), !pager.allSatisfy(\.isWhitespace), run(pager, text + "\n") { return }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let page = max(5, rows() - 1)
        var start = 0
        while true {
            Console.line(lines[start..<min(start + page, lines.count)].joined(separator: "\n"))
            start += page
            guard start < lines.count else { return }
            guard case .line(let answer) = reader.readLine(prompt: "-- meer: Enter, q stopt -- "), answer.lowercased() != "q" else { return }
        }
    }

    private static func rows() -> Int {
        var size = winsize()
        return ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_row > 0 ? Int(size.ws_row) : 24
    }

    /// Runs `sh -c PAGER` with the text on its input and waits for it; false when it cannot start.
    private static func run(_ pager: String, _ text: String) -> Bool {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return false }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, ends[0])
        posix_spawn_file_actions_addclose(&actions, ends[1])
        let words: [String] = ["sh", "-c", pager]
        let argv = words.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child = pid_t()
        let started = posix_spawn(&child, "/bin/sh", &actions, nil, argv, environ) == 0
        close(ends[0])
        // A pager that quits early closes the pipe: that must not end kompas.
        let previous = signal(SIGPIPE, SIG_IGN)
        if started { FileOutput.write(Array(text.utf8), to: ends[1]) }
        close(ends[1])
        signal(SIGPIPE, previous)
        guard started else { return false }
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1, errno == EINTR {}
        return true
    }
}
