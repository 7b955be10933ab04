import Foundation

/// Runs saved inputs (files, or every file in a directory) through a fuzz function.
public enum FuzzInputs {
    public static func replay(_ paths: [String], _ body: (Data) -> Void) {
        guard !paths.isEmpty else {
            print("usage: \(CommandLine.arguments[0]) FILE|DIR…  (runs saved fuzz inputs; build with `make fuzz` to fuzz)")
            return
        }
        var count = 0
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let files = isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 } : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                body(data)
                count += 1
            }
        }
        print("\(count) inputs ran without a crash")
    }
}
