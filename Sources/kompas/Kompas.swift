import ArgumentParser

@main
struct Kompas: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kompas",
        abstract: "Een gesprek dat OOV-ers helpt grip te krijgen op een veiligheidsthema, naar het CCV Kompas.",
        subcommands: [StartCommand.self, CheckCommand.self, ThemesCommand.self, ReplayCommand.self, PlanCommand.self],
        defaultSubcommand: StartCommand.self)
}
