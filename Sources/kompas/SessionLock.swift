import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An advisory `flock` on a session's lock file, held while a kompas works on that session;
/// the system drops it when the process ends, also after kill -9.
final class SessionLock {
    let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The lock, or nil when another process holds it or the file cannot be created.
    static func acquire(_ path: String) -> SessionLock? {
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard descriptor >= 0 else { return nil }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                close(descriptor)
                return nil
            }
            // A lock file its holder removed meanwhile locks nothing: then lock the one at `path` now.
            var locked = stat(), current = stat()
            if fstat(descriptor, &locked) == 0, stat(path, &current) == 0, locked.st_ino == current.st_ino, locked.st_dev == current.st_dev {
                return SessionLock(path: path, descriptor: descriptor)
            }
            close(descriptor)
        }
    }

    /// The lock file of a file the user named: hidden, beside it (`.les.transcript.lock`).
    static func path(beside file: String) -> String {
        let slash = file.lastIndex(of: "/")
        return (slash.map { String(file[...$0]) } ?? "") + "." + (slash.map { String(file[file.index(after: $0)...]) } ?? file) + ".lock"
    }

    /// True when another process holds the lock on `path`.
    static func isHeld(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return flock(descriptor, LOCK_SH | LOCK_NB) != 0
    }

    /// Removes the lock file while still holding the lock, so no one takes over a session being ended.
    func remove() { unlink(path) }
}
