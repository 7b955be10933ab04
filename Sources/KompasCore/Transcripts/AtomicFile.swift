import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that a reader, a crash or kill -9 sees either the old or the new contents,
/// never half: write a temporary file beside it, flush it to disk, then rename over the target.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        /// The `errno` of the refusal.
        public var code: Int32
        public var reason: String { SystemReason.dutch(code, path: path) }
        public init(path: String, code: Int32) {
            self.path = path
            self.code = code
        }
        public var description: String { "kan \(path) niet schrijven (\(reason)): controleer of de map bestaat en schrijfbaar is" }
    }

    public static func write(_ text: String, to path: String, createDirectories: Bool = false) throws(WriteError) {
        try write(bytes: Array(text.utf8), to: path, createDirectories: createDirectories)
    }

    /// `durable: false` skips the flush to disk: for a file that can be rebuilt (a cache), where
    /// after a power cut a stale or empty file is acceptable and the wait is not.
    public static func write(bytes: [UInt8], to path: String, createDirectories: Bool = false, durable: Bool = true) throws(WriteError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        if createDirectories, !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let temporary = (slash == nil ? "." : directory) + "/.\(name).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, code: errno) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                let code = errno
                close(fd)
                unlink(temporary)
                throw WriteError(path: path, code: code)
            }
            offset += written
        }
        if durable { fsync(fd) }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw WriteError(path: path, code: code)
        }
    }
}

/// libc's `write`, by a name the method `AtomicFile.write` does not hide (Glibc or Darwin).
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
