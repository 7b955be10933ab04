import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Drives a program through a pseudo-terminal, like `expect`: `send` keystrokes, `waitFor` output,
/// collect the exit status. Nothing blocks without a deadline, and a child still running when
/// the terminal goes away is killed, so a misbehaving program fails a test instead of hanging it.
///
/// `spawn` runs an executable as the session leader of a fresh pty (so ^C raises SIGINT in it);
/// `openPair` hands out the terminal side (`terminalFD`) for code under test in this process.
final class PseudoTerminal {
    enum ExitStatus: Equatable, Sendable {
        case exited(Int32)
        case signaled(Int32)
        /// Someone else reaped the child (e.g. SIGCHLD set to SIG_IGN).
        case unknown
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The controlling side: what we write is typed, what we read was displayed.
    let masterFD: Int32
    /// The terminal side, for in-process use; nil for a spawned child.
    let terminalFD: Int32?
    let processID: pid_t?
    /// Everything displayed so far, unmodified.
    private(set) var output: [UInt8] = []
    private(set) var exitStatus: ExitStatus?
    /// `waitFor` only matches output after the previous match, as `expect` does.
    private var matchedUpTo = 0
    private var masterOpen = true
    private var hungUp = false

    /// The output as text (invalid UTF-8 replaced).
    var text: String { String(decoding: output, as: UTF8.self) }
    /// The output without ANSI escape sequences, for assertions.
    var strippedText: String { Self.stripANSI(text) }
    /// The stripped output with the line breaks of wrapped messages read as spaces.
    var unwrappedText: String { strippedText.replacingOccurrences(of: "\r\n", with: " ") }

    private init(masterFD: Int32, terminalFD: Int32?, processID: pid_t?) {
        self.masterFD = masterFD
        self.terminalFD = terminalFD
        self.processID = processID
    }

    deinit {
        close()
    }

    // MARK: Starting

    /// Runs `executable` (a path, or a name looked up in PATH) on a new `columns`x`rows` pty.
    /// The environment is inherited (with the test run's rule cache), overlaid with `environment`;
    /// TERM defaults to "xterm"; the variables in `unsetting` are removed.
    static func spawn(
        _ executable: String, arguments: [String] = [], environment: [String: String] = [:], unsetting: [String] = [],
        columns: UInt16 = 80, rows: UInt16 = 24
    ) throws -> PseudoTerminal {
        var variables = ProcessInfo.processInfo.environment
        variables["XDG_CACHE_HOME"] = BinaryRunner.scratch + "/cache"
        variables.merge(environment) { $1 }
        variables["TERM"] = environment["TERM"] ?? "xterm"
        for name in unsetting { variables[name] = nil }
        guard let path = resolve(executable, searchPath: variables["PATH"]) else {
            throw Failure(description: "PseudoTerminal: \(executable) not found")
        }
        let argv = CStringArray([path] + arguments)
        let envp = CStringArray(variables.map { "\($0.key)=\($0.value)" })
        defer {
            argv.release()
            envp.release()
        }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        var master: Int32 = -1
        let pid = forkpty(&master, nil, nil, &size)
        if pid == 0 {
            execInChild(argv: argv.pointers, envp: envp.pointers)
        }
        guard pid > 0 else { throw Failure(description: "forkpty: \(String(cString: strerror(errno)))") }
        try prepareMaster(master)
        return PseudoTerminal(masterFD: master, terminalFD: nil, processID: pid)
    }

    /// A pty pair for driving code in this process through `terminalFD`.
    static func openPair(columns: UInt16 = 80, rows: UInt16 = 24) throws -> PseudoTerminal {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        var master: Int32 = -1
        var terminal: Int32 = -1
        guard openpty(&master, &terminal, nil, nil, &size) == 0 else {
            throw Failure(description: "openpty: \(String(cString: strerror(errno)))")
        }
        _ = fcntl(terminal, F_SETFD, FD_CLOEXEC)
        try prepareMaster(master)
        return PseudoTerminal(masterFD: master, terminalFD: terminal, processID: nil)
    }

    /// Only async-signal-safe calls are allowed between fork and exec in a threaded process.
    private static func execInChild(
        argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
        envp: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    ) -> Never {
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        sigprocmask(SIG_SETMASK, &noSignals, nil)
        // Ignored signals stay ignored across exec; the child must get ^C like from a shell.
        // (No array literal here: it would allocate.)
        resetToDefault(SIGINT)
        resetToDefault(SIGQUIT)
        resetToDefault(SIGTSTP)
        resetToDefault(SIGPIPE)
        resetToDefault(SIGCHLD)
        execve(argv[0]!, argv, envp)
        _exit(127)
    }

    private static func prepareMaster(_ master: Int32) throws {
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        guard fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK) == 0 else {
            throw Failure(description: "fcntl: \(String(cString: strerror(errno)))")
        }
    }

    private static func resolve(_ executable: String, searchPath: String?) -> String? {
        if executable.contains("/") { return executable }
        let directories = (searchPath ?? "/usr/bin:/bin").split(separator: ":")
        return directories.map { "\($0)/\(executable)" }.first { access($0, X_OK) == 0 }
    }

    // MARK: Talking

    /// Types `text` (UTF-8), e.g. "\u{1B}[D" (left), "\u{7F}" (Backspace), "\t", "\u{03}" (^C).
    func send(_ text: String, timeout: Double = 10) throws {
        var pending = Array(text.utf8)[...]
        let deadline = Deadline(seconds: timeout)
        while !pending.isEmpty {
            guard masterOpen, !hungUp, !deadline.hasPassed else {
                throw failure("could not send \(text.debugDescription)")
            }
            // Keep reading while writing: a child blocked on a full output buffer stops reading.
            let events = waitForEvents(Int16(POLLIN | POLLOUT), milliseconds: deadline.milliseconds)
            if events & Int16(POLLIN | POLLHUP) != 0 { readAvailable() }
            guard events & Int16(POLLOUT) != 0 else { continue }
            let written = pending.withUnsafeBytes { write(masterFD, $0.baseAddress, $0.count) }
            if written > 0 { pending = pending.dropFirst(written) }
        }
    }

    /// Waits until `text` appears after the previous match; returns the stripped output so far.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10) throws -> String {
        let needle = Array(text.utf8)
        let deadline = Deadline(seconds: timeout)
        while true {
            if let range = Self.find(needle, in: output, from: matchedUpTo) {
                matchedUpTo = range.upperBound
                return strippedText
            }
            if hungUp || !masterOpen { throw failure("output ended before \(text.debugDescription)") }
            if deadline.hasPassed { throw failure("timed out waiting for \(text.debugDescription)") }
            pump(milliseconds: min(deadline.milliseconds, 100))
        }
    }

    /// Types `keys`, then waits for each of `texts` in turn: one turn of a conversation.
    func type(_ keys: String, thenWaitFor texts: String...) throws {
        try send(keys)
        for text in texts { try waitFor(text) }
    }

    /// Reads output until `condition` holds; false on timeout.
    @discardableResult
    func pump(until condition: () -> Bool, timeout: Double = 10) -> Bool {
        let deadline = Deadline(seconds: timeout)
        while !condition() {
            if deadline.hasPassed { return false }
            pump(milliseconds: min(deadline.milliseconds, 20))
        }
        return true
    }

    /// Waits for the child to exit, reading its output meanwhile. After `timeout` the child is
    /// killed (SIGKILL), reaped, and `Failure` is thrown; `exitStatus` then says `.signaled(9)`.
    @discardableResult
    func waitForExit(timeout: Double = 10) throws -> ExitStatus {
        guard let processID else { throw Failure(description: "no child process") }
        let deadline = Deadline(seconds: timeout)
        while exitStatus == nil {
            reap(processID, blocking: false)
            if exitStatus != nil { break }
            if deadline.hasPassed {
                kill(processID, SIGKILL)
                reap(processID, blocking: true)
                throw failure("process \(processID) did not exit within \(timeout) s; killed")
            }
            pump(milliseconds: min(deadline.milliseconds, 20))
        }
        // The kernel may pass the child's last output on shortly after it exited; the hang-up
        // (every holder of the terminal side gone) marks the end.
        pump(until: { hungUp }, timeout: 2)
        return exitStatus!
    }

    /// Closes the controlling side (the terminal hangs up) and kills a child still running.
    func close() {
        if let processID, exitStatus == nil {
            kill(processID, SIGKILL)
            reap(processID, blocking: true)
        }
        if masterOpen {
            closeDescriptor(masterFD)
            masterOpen = false
            if let terminalFD { closeDescriptor(terminalFD) }
        }
    }

    // MARK: Reading

    private func pump(milliseconds: Int32) {
        let events = waitForEvents(Int16(POLLIN), milliseconds: milliseconds)
        if events != 0 { readAvailable() }
    }

    /// After a hang-up poll reports POLLHUP at once; sleep instead so callers do not spin.
    private func waitForEvents(_ events: Int16, milliseconds: Int32) -> Int16 {
        guard masterOpen, !hungUp else {
            usleep(useconds_t(max(milliseconds, 0)) * 1000)
            return 0
        }
        var descriptor = pollfd(fd: masterFD, events: events, revents: 0)
        let ready = poll(&descriptor, 1, max(milliseconds, 0))
        return ready > 0 ? descriptor.revents : 0
    }

    /// Reads until the master would block. EIO means the terminal side was closed by everyone.
    private func readAvailable() {
        guard masterOpen else { return }
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(masterFD, $0.baseAddress, $0.count) }
            if count > 0 {
                output.append(contentsOf: chunk[..<count])
                continue
            }
            if count < 0 && errno == EINTR { continue }
            if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) { hungUp = true }
            return
        }
    }

    /// waitpid without a SIGCHLD handler: polling with WNOHANG, retrying on EINTR.
    private func reap(_ pid: pid_t, blocking: Bool) {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
            if result == pid {
                exitStatus = Self.decode(status)
                return
            }
            if result == -1 && errno == EINTR { continue }
            if result == -1 { exitStatus = .unknown }
            return
        }
    }

    /// WIFEXITED/WEXITSTATUS/WTERMSIG are macros Swift cannot import.
    private static func decode(_ status: Int32) -> ExitStatus {
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signaled(signal)
    }

    private func failure(_ message: String) -> Failure {
        Failure(description: "PseudoTerminal: \(message). Output so far: \(text.debugDescription)")
    }

    /// A space in `needle` also matches a line break (CR LF): kompas wraps its messages to the
    /// terminal's width, so where a sentence breaks depends on the length of the paths in it.
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Range<Int>? {
        guard !needle.isEmpty else { return start..<start }
        for index in start..<haystack.count where haystack[index] == needle[0] {
            if let end = end(of: needle, in: haystack, at: index) { return index..<end }
        }
        return nil
    }

    private static func end(of needle: [UInt8], in haystack: [UInt8], at start: Int) -> Int? {
        var position = start
        for byte in needle {
            if position < haystack.count, haystack[position] == byte {
                position += 1
            } else if byte == UInt8(ascii: " "), haystack[position...].starts(with: [13, 10]) {
                position += 2
            } else {
                return nil
            }
        }
        return position
    }

    // MARK: Escape sequences

    /// Removes ANSI/VT100 escape sequences (CSI, OSC and two- or three-character escapes) and
    /// keeps everything else, including CR, BS and BEL.
    static func stripANSI(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "\u{1B}" {
                skipEscape(&scalars)
            } else if scalar == "\u{9B}" {
                skipControlSequence(&scalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func skipEscape(_ scalars: inout String.UnicodeScalarView.Iterator) {
        guard let kind = scalars.next() else { return }
        switch kind {
        case "[": skipControlSequence(&scalars)
        case "]", "P", "X", "^", "_": skipString(&scalars)
        case "(", ")", "*", "+", "#", "%": _ = scalars.next()
        default: break
        }
    }

    /// Parameters and intermediates up to the final byte (@ through ~).
    private static func skipControlSequence(_ scalars: inout String.UnicodeScalarView.Iterator) {
        while let scalar = scalars.next(), !(0x40...0x7E).contains(scalar.value) {}
    }

    /// OSC/DCS payload up to BEL or ESC \.
    private static func skipString(_ scalars: inout String.UnicodeScalarView.Iterator) {
        while let scalar = scalars.next() {
            if scalar == "\u{07}" { return }
            if scalar == "\u{1B}" {
                _ = scalars.next()
                return
            }
        }
    }
}

/// NUL-terminated C string arrays built before fork, so the child does not allocate.
private struct CStringArray {
    let pointers: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    private let count: Int

    init(_ strings: [String]) {
        count = strings.count
        pointers = .allocate(capacity: count + 1)
        for (index, string) in strings.enumerated() {
            pointers[index] = strdup(string)
        }
        pointers[count] = nil
    }

    func release() {
        for index in 0..<count {
            free(pointers[index])
        }
        pointers.deallocate()
    }
}

private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}

private func resetToDefault(_ signalNumber: Int32) {
    _ = signal(signalNumber, SIG_DFL)
}

private struct Deadline {
    private let end: UInt64

    init(seconds: Double) {
        end = DispatchTime.now().uptimeNanoseconds + UInt64(max(seconds, 0) * 1_000_000_000)
    }

    var hasPassed: Bool { DispatchTime.now().uptimeNanoseconds >= end }

    var milliseconds: Int32 {
        let now = DispatchTime.now().uptimeNanoseconds
        return now >= end ? 0 : Int32(clamping: (end - now) / 1_000_000)
    }
}
