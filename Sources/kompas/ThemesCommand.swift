import ArgumentParser
import KompasCore

struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "themes", abstract: "Toont de thema's, één per regel, id voorop.")

    @OptionGroup var rules: RulesOptions

    func run() throws {
        try reporting {
            let themes = try rules.load().themes
            let width = themes.map(\.id.count).max() ?? 0
            for theme in themes {
                Console.line(theme.id + String(repeating: " ", count: width - theme.id.count + 2) + theme.name)
            }
        }
    }
}
