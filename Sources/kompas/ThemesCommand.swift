import ArgumentParser
import KompasCore

struct ThemesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "themes", abstract: "Toont de thema's, één per regel, id voorop.")

    @OptionGroup var rules: RulesOptions

    func run() async throws {
        try await reporting {
            let themes = try await rules.load().themes
            let width = themes.map(\.id.count).max() ?? 0
            for theme in themes {
                Console.line(theme.id + String(repeating: " ", count: width - theme.id.count + 2) + theme.name)
            }
        }
    }
}
