import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the system refused a file operation, in Dutch, for messages a user reads.
public enum SystemReason {
    /// `code` is an `errno` value; `path` is the file the operation was about (for ENOTDIR it
    /// names the part of the path that is a file instead of a folder).
    public static func dutch(_ code: Int32, path: String) -> String {
        switch code {
        case EACCES, EPERM: return "geen toestemming"
        case ENOSPC, EDQUOT: return "de schijf is vol"
        case EROFS: return "alleen-lezen"
        case ENOTDIR: return "\(fileInPath(path) ?? "een deel van het pad") is geen map"
        case EEXIST: return "\(path) bestaat al"
        case ENOENT:
            let folder = path.lastIndex(of: "/").map { path[..<$0].isEmpty ? "/" : String(path[..<$0]) } ?? "."
            var status = stat()
            // The folder is there (/proc, /sys): it only refuses new files.
            guard stat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return "de map \(folder) bestaat niet" }
            return "\(folder) laat geen nieuwe bestanden toe"
        case EISDIR: return "\(path) is een map"
        case ELOOP: return "\(path) is een symbolische koppeling"
        case ENAMETOOLONG: return "de naam is te lang"
        case EIO: return "een leesfout of schrijffout van de schijf"
        default: return "systeemfout \(code)"
        }
    }

    /// The first ancestor of `path` that exists but is not a folder.
    private static func fileInPath(_ path: String) -> String? {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/").dropLast() {
            prefix += "/" + part
            var status = stat()
            guard stat(prefix, &status) == 0 else { return nil }
            if status.st_mode & S_IFMT != S_IFDIR { return path.hasPrefix("/") ? prefix : String(prefix.dropFirst(2)) }
        }
        return nil
    }
}
