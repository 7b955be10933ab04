import Glibc

/// Unbuffered output to a file descriptor, so the program's messages interleave with the line
/// editor's and with pipes in order.
enum FileOutput {
    /// Writes all of `bytes`, again after an interruption; stops quietly when nobody reads
    /// (a closed pipe).
    static func write(_ bytes: [UInt8], to descriptor: Int32) {
        var rest = bytes[...]
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            rest = rest.dropFirst(written)
        }
    }
}

/// libc's `write`, by a name `FileOutput.write` does not hide.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
