/// A place in a file, 1-based, as editors and compilers print it.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in user input: where it is and, in Dutch, what to do about it.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// Only errors make rules unusable; a warning or a remark is read and the rules still load.
    public enum Severity: String, Sendable {
        case error = "fout", warning = "waarschuwing", remark = "opmerking"
    }

    public var location: SourceLocation
    public var message: String
    public var severity: Severity

    public init(_ location: SourceLocation, _ message: String, severity: Severity = .error) {
        self.location = location
        self.message = message
        self.severity = severity
    }

    public var isError: Bool { severity == .error }

    /// `path:line:column: fout: message`, the shape compilers use, so editors can jump to it.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Every problem of one run, so a user fixes them all at once instead of one per run.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics while loading; a class so nested readers share one list.
final class DiagnosticBag {
    private(set) var diagnostics: [Diagnostic] = []
    func add(_ location: SourceLocation, _ message: String, severity: Diagnostic.Severity = .error) {
        diagnostics.append(Diagnostic(location, message, severity: severity))
    }
    func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
    var hasErrors: Bool { diagnostics.contains(where: \.isError) }
}
