/// The session's commands: Dutch names, with English aliases for those who expect them.
enum MetaCommand: String, CaseIterable {
    case help, explain = "uitleg", why = "waarom", how = "hoe", term = "begrip", undo = "terug", redo = "vooruit"
    case change = "wijzig", answers = "overzicht", plan, save = "bewaar", export = "exporteer", stop

    static let aliases: [String: MetaCommand] = [
        "h": .help, "hulp": .help, "explain": .explain, "why": .why, "how": .how, "term": .term,
        "undo": .undo, "back": .undo, "redo": .redo, "change": .change, "answers": .answers,
        "save": .save, "export": .export, "quit": .stop, "q": .stop, "exit": .stop,
    ]

    init?(_ name: String) {
        let lowered = name.lowercased()
        guard let command = MetaCommand(rawValue: lowered) ?? Self.aliases[lowered] else { return nil }
        self = command
    }

    static let helpText = """
        Beantwoord de vraag met een nummer, het id of de beginletters van een antwoord.
        Opdrachten (Engelse namen werken ook):
          :help, ?            deze hulp
          :uitleg             toelichting bij de vraag (:explain)
          :waarom             waarom deze vraag gesteld wordt (:why)
          :hoe ITEM           waarom iets in je plan staat (:how)
          :begrip TERM        wat een afkorting of begrip betekent (:term)
          :terug, :vooruit    laatste antwoord ongedaan maken, of opnieuw doen (:undo, :redo)
          :wijzig VRAAG       een eerder antwoord aanpassen, met nummer of id uit :overzicht (:change)
          :overzicht          je antwoorden tot nu toe (:answers)
          :plan               het plan zoals het er nu voor staat
          :bewaar [BESTAND]   het gesprek bewaren als transcript (:save)
          :exporteer [BESTAND.md]  het plan als Markdown bewaren (:export)
          :bewaar! BESTAND, :exporteer! BESTAND  een bestaand bestand vervangen zonder vragen
          :stop               afsluiten; je antwoorden blijven bewaard (:quit)
        Toetsen: Tab vult aan, ↑/↓ bladert door eerdere invoer, Ctrl-C wist de regel, Ctrl-D sluit af.
        """
}
