import ArgumentParser
import FoundationEssentials
import KompasCore
import KompasLineEditing

struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Speelt bewaarde gesprekken af: voor training, of om te controleren dat plannen niet verschuiven.")

    @OptionGroup var rules: RulesOptions

    @Argument(help: ArgumentHelp("Een of meer transcripten.", valueName: "transcript"))
    var files: [String]

    @Flag(name: .customLong("stap"), help: "Toon elke vraag en wacht; Enter toont het antwoord van de collega, Enter nog eens gaat verder.")
    var stepwise = false

    @Flag(name: .customLong("quiz"), help: "De cursist beantwoordt de vragen zelf en hoort na elk antwoord wat de collega antwoordde; aan het eind een score.")
    var quiz = false

    @Option(name: .customLong("transcript"), help: ArgumentHelp("Bij --quiz: bewaar de antwoorden van de cursist in dit transcript (voor kompas compare).", valueName: "bestand"))
    var quizTranscript: String?

    @Flag(name: .customLong("check"), help: "Leid het plan opnieuw af en vergelijk met het opgenomen plan (exit 1 bij verschil); de melding zegt of --bijwerken of `kompas --hervat` het transcript bijwerkt.")
    var check = false

    @Flag(name: .customLong("bijwerken"), help: "Schrijf het plan en de regelset van nu in het transcript (na een bewuste wijziging van de regels); commentaar blijft staan.")
    var update = false

    @Option(name: .customLong("wijzig"), help: ArgumentHelp("Wat als: speel af met dit antwoord anders (optie-id, nummer of beginletters; mag vaker, ook met --stap).", valueName: "VRAAG=OPTIE"))
    var whatIf: [String] = []

    func validate() throws {
        // --wijzig goes with --stap: the group steps through and sees the plan with the change.
        if [stepwise || !whatIf.isEmpty, quiz, check, update].filter({ $0 }).count > 1 {
            throw ValidationError("kies één van --stap, --quiz, --check, --bijwerken en --wijzig (alleen --wijzig mag samen met --stap)")
        }
        if quizTranscript != nil, !quiz || files.count != 1 {
            throw ValidationError("--transcript hoort bij --quiz met één transcript")
        }
        if let bad = whatIf.first(where: { !$0.contains("=") }) {
            throw ValidationError("--wijzig verwacht VRAAG=OPTIE, zoals --wijzig informatiepositie=sterk (niet `\(bad)`)")
        }
    }

    func run() async throws {
        var worst: Int32 = 0
        try await reporting {
            if let quizTranscript, FileManager.default.fileExists(atPath: quizTranscript) {
                throw Failure("\(quizTranscript) bestaat al: kies een andere naam voor je antwoorden", code: .cannotCreate)
            }
            let ruleSet = try await rules.load()
            var replayer = Replayer(
                rules: ruleSet, reader: Terminal.current.makeReader(), width: Terminal.current.width, rulesDirectory: rules.rules)
            for file in files {
                let code: Int32
                do {
                    let transcript = try SessionStore.read(file)
                    code = try replay(transcript, file, &replayer)
                } catch let failure as Failure {
                    Console.error(failure.prefixed ? "kompas: fout: \(failure.message)" : failure.message)
                    code = failure.code.rawValue
                }
                worst = max(worst, code)
            }
            if check { replayer.reportStale() }
        }
        if worst != 0 { throw ExitCode(worst) }
    }

    private func replay(_ transcript: Transcript, _ file: String, _ replayer: inout Replayer) throws -> Int32 {
        if check { return replayer.check(transcript, file) }
        if update { return try replayer.update(transcript, file) }
        if stepwise { return try replayer.step(transcript, file, changes: whatIf) }
        if !whatIf.isEmpty { return try replayer.whatIf(transcript, file, changes: whatIf) }
        if quiz {
            if let code = replayer.blockingProblems(transcript, file) { return code }
            return try QuizRunner(engine: replayer.engine, reader: replayer.reader, width: replayer.width, transcriptPath: quizTranscript).run(transcript, file)
        }
        return replayer.show(transcript, file)
    }
}
