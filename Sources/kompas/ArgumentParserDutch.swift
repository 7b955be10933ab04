/// ArgumentParser writes its help and its usage errors in English and has no setting to change
/// that; everything else kompas says is Dutch. These are its phrases (version 1.8) with their
/// Dutch. A test runs every command's help and the usage errors and fails on English, so a
/// phrase a later ArgumentParser adds shows up there.
enum ArgumentParserDutch {
    static func translate(_ text: String) -> String {
        var text = text
        for (english, dutch) in phrases { text = text.replacing(english, with: dutch) }
        for (pattern, dutch) in messages { text = text.replacing(pattern) { dutch($0.output.1) } }
        return text
    }

    /// Fixed phrases; `(default)  ` keeps its width, so the help's columns stay aligned.
    private static let phrases: [(String, String)] = [
        ("OVERVIEW:", "OVERZICHT:"),
        ("USAGE:", "GEBRUIK:"),
        ("ARGUMENTS:", "ARGUMENTEN:"),
        ("OPTIONS:", "OPTIES:"),
        ("SUBCOMMANDS:", "SUBCOMMANDO'S:"),
        ("<subcommand>", "<subcommando>"),
        ("Show help information.", "Toon deze hulp."),
        ("(default)  ", "(standaard)"),
        ("values: ", "waarden: "),
        ("default: ", "standaard: "),
        ("for detailed help.", "voor uitgebreide hulp."),
        ("for more information.", "voor meer informatie."),
        ("  See '", "  Zie '"),
        ("\nHelp:  ", "\nHulp:  "),
        ("\nUsage: ", "\nGebruik: "),
        ("Error: ", "kompas: fout: "),
    ]

    /// Messages around a value the user typed. Built when needed: only help and errors use them.
    private static var messages: [(Regex<(Substring, Substring)>, (Substring) -> String)] { [
        (/Unknown option '([^']*)'/, { "onbekende optie '\($0)'" }),
        (/Unexpected argument '([^']*)'/, { "onverwacht argument '\($0)': deze opdracht neemt het niet aan" }),
        (/([0-9]+) unexpected arguments:/, { "\($0) onverwachte argumenten:" }),
        (/Missing expected argument '([^']*)'/, { "het argument '\($0)' ontbreekt" }),
        (/Missing value for '([^']*)'/, { "de optie '\($0)' mist een waarde" }),
        (/The value '([^']*)' is invalid for/, { "de waarde '\($0)' past niet bij" }),
        (/\. Please provide one of ('[^\n]*)\./, { ": kies uit " + $0.replacing("', and '", with: "' of '").replacing("' and '", with: "' of '").replacing("' or '", with: "' of '") + "." }),
    ] }
}
