import ArgumentParser
import FoundationEssentials
import KompasCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@main
struct Kompas: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kompas",
        abstract: "Een gesprek dat OOV-ers helpt grip te krijgen op een veiligheidsthema, naar het CCV Kompas.",
        subcommands: [StartCommand.self, CheckCommand.self, ThemesCommand.self, ReplayCommand.self, PlanCommand.self, SessionsCommand.self, CompareCommand.self],
        defaultSubcommand: StartCommand.self)

    /// As ArgumentParser's `main()`, but its help and usage errors are said in Dutch.
    static func main() async {
        AtomicFile.removeStale(in: StateDirectory.resolve(environment: ProcessInfo.processInfo.environment))
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand { try await command.run() } else { try command.run() }
        } catch {
            let code = exitCode(for: error)
            var message = ArgumentParserDutch.translate(fullMessage(for: error))
            if code == .validationFailure, let corrected = MisplacedCommand.corrected(Array(CommandLine.arguments.dropFirst())) {
                message = MisplacedCommand.message(replacing: message, corrected: corrected)
            }
            if !message.isEmpty {
                if code == .success { Console.line(message) } else { Console.error(message) }
            }
            terminate(code.rawValue)
        }
    }
}

/// libc's `exit`, by a name `ParsableCommand.exit` does not hide.
private func terminate(_ code: Int32) -> Never { exit(code) }
