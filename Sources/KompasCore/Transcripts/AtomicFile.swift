import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that a reader, a crash or kill -9 sees either the old or the new contents,
/// never half: write a temporary file beside it, flush it to disk, then rename over the target.
/// The temporary file gets a random name and is created exclusively, never through a link, so a
/// link planted where it will be cannot redirect the write; one left by a kill -9 is removed later.
public enum AtomicFile {
    /// What to do when the target exists.
    public enum Overwrite: Sendable {
        case replace
        /// Refuse with `WriteError.exists`, also when the file appears while writing.
        case refuse
    }

    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        /// The `errno` of the refusal; EEXIST when the target existed under `.refuse`.
        public var code: Int32
        public var reason: String { SystemReason.dutch(code, path: path) }
        public init(path: String, code: Int32) {
            self.path = path
            self.code = code
        }
        /// The target existed and the policy was `.refuse`; nothing was written.
        public var exists: Bool { code == EEXIST }
        public var description: String {
            exists ? "\(path) bestaat al: kies een andere naam" : "kan \(path) niet schrijven (\(reason)): controleer of de map bestaat en schrijfbaar is"
        }
    }

    /// Temporary files are named `.NAME.kompas-tmp-XXXXXX`, so a later run recognises its own.
    static let temporaryMarker = ".kompas-tmp-"

    public static func write(_ text: String, to path: String, createDirectories: Bool = false, overwrite: Overwrite = .replace) throws(WriteError) {
        try write(bytes: Array(text.utf8), to: path, createDirectories: createDirectories, overwrite: overwrite)
    }

    /// `durable: false` skips the flush to disk: for a file that can be rebuilt (a cache), where
    /// after a power cut a stale or empty file is acceptable and the wait is not.
    public static func write(
        bytes: [UInt8], to path: String, createDirectories: Bool = false, durable: Bool = true, overwrite: Overwrite = .replace
    ) throws(WriteError) {
        var existing = stat()
        let exists = stat(path, &existing) == 0
        if exists, existing.st_mode & S_IFMT == S_IFDIR { throw WriteError(path: path, code: EISDIR) }
        // A device, a FIFO or a terminal (/dev/null, /dev/stdout) is written into, never replaced:
        // there is no file contents to lose.
        if exists, existing.st_mode & S_IFMT != S_IFREG { return try writeDirectly(bytes, to: path) }
        if exists, overwrite == .refuse { throw WriteError(path: path, code: EEXIST) }
        // Through a link to its file, so the link stays (and /dev/stdout into a file stays /dev/stdout).
        let target = exists ? resolvedLink(path) ?? path : path
        let slash = target.lastIndex(of: "/")
        let directory = slash.map { String(target[..<$0]) } ?? "."
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        if createDirectories, !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        removeStale(in: directory.isEmpty ? "/" : directory)
        let (fd, temporary) = try createTemporary(in: directory, name: name, for: path)
        do throws(WriteError) {
            defer { close(fd) }
            try writeAll(bytes, to: fd, path: path)
            if exists {
                // The new file takes the old one's place: with its permissions and, if we may, its owner.
                fchmod(fd, existing.st_mode & 0o7777)
                _ = fchown(fd, existing.st_uid, existing.st_gid)
            }
            if durable, fsync(fd) != 0 { throw failure(path) }
        } catch {
            unlink(temporary)
            throw error
        }
        do throws(WriteError) {
            try place(temporary, at: target, path: path, overwrite: overwrite)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Temporary files of this kind older than a minute in `directory`: left by a kill -9 or a
    /// power cut (a younger one may belong to a kompas that is writing right now).
    public static func removeStale(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        let limit = time(nil) - 60
        for name in names where name.hasPrefix(".") && name.contains(temporaryMarker) {
            let path = directory + "/" + name
            var status = stat()
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_mtim.tv_sec < limit else { continue }
            unlink(path)
        }
    }

    private static func createTemporary(in directory: String, name: String, for path: String) throws(WriteError) -> (Int32, String) {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        for _ in 0..<100 {
            let suffix = String((0..<6).map { _ in letters.randomElement()! })
            let temporary = directory + "/." + name + temporaryMarker + suffix
            // O_EXCL: never an existing file, and never through a symbolic link.
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd >= 0 { return (fd, temporary) }
            if errno != EEXIST { throw failure(path) }
        }
        throw failure(path)
    }

    /// Renames over the target, or with `.refuse` links it in, which fails if the target appeared.
    private static func place(_ temporary: String, at target: String, path: String, overwrite: Overwrite) throws(WriteError) {
        if overwrite == .refuse {
            if link(temporary, target) == 0 {
                unlink(temporary)
                return
            }
            if errno == EEXIST { throw WriteError(path: path, code: EEXIST) }
            // A file system without hard links (FAT on a USB stick): check, then rename.
            var status = stat()
            if lstat(target, &status) == 0 { throw WriteError(path: path, code: EEXIST) }
        }
        guard rename(temporary, target) == 0 else { throw failure(path) }
    }

    private static func writeDirectly(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw failure(path) }
        defer { close(fd) }
        try writeAll(bytes, to: fd, path: path)
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(WriteError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw failure(path) }
            offset += written
        }
    }

    /// The file a symbolic link finally points to, or nil when `path` is not a link.
    private static func resolvedLink(_ path: String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK, let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func failure(_ path: String) -> WriteError { WriteError(path: path, code: errno) }
}

/// libc's `write`, by a name the method `AtomicFile.write` does not hide (Glibc or Darwin).
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
