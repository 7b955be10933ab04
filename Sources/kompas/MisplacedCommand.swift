import ArgumentParser

/// `kompas --rules R check`: ArgumentParser reads options before a command as those of the
/// default command (`start`) and then stumbles on the command's name; the fix is to move it.
enum MisplacedCommand {
    static var names: Set<String> {
        Set(Kompas.configuration.subcommands.flatMap { [$0.configuration.commandName].compactMap(\.self) + $0.configuration.aliases })
    }

    /// The arguments with the command first, when the first argument that is no option (or an
    /// option's value) names a command; every option of `start` takes a value.
    static func corrected(_ arguments: [String]) -> [String]? {
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-"), arguments[index] != "--" {
            index += arguments[index].contains("=") ? 1 : 2
        }
        guard index > 0, index < arguments.count, names.contains(arguments[index]) else { return nil }
        return [arguments[index]] + arguments[..<index] + arguments[(index + 1)...]
    }

    /// The error's first line, then what to type instead; `start`'s usage would only mislead.
    static func message(replacing message: String, corrected: [String]) -> String {
        let first = message.prefix { $0 != "\n" }
        let error = first.hasSuffix(": deze opdracht neemt het niet aan") ? first.dropLast(": deze opdracht neemt het niet aan".count) : first
        return "\(error): zet de opdracht voorop: `kompas \(corrected.map(shellWord).joined(separator: " "))`"
    }

    /// An argument as it is typed in a shell: quoted when it holds anything but plain characters.
    private static func shellWord(_ word: String) -> String {
        let plain = !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,@%+".contains($0) }
        return plain ? word : "'" + word.replacing("'", with: "'\\''") + "'"
    }
}
