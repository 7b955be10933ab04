import Foundation
import Testing

/// Every command that reads a transcript refuses the same ones with the same exit code: 65 when
/// it contradicts itself, 1 when it no longer fits the rules, each place named by file and line.
@Suite struct TranscriptRefusalTests {
    let mini = BinaryRunner.mini

    /// The theme answered twice, without `wijziging`.
    func contradictory() throws -> String {
        try MiniTranscript.write(MiniTranscript.answers + ["antwoord thema cybercrime"])
    }

    func contradiction(_ path: String) -> String {
        "\(path):9:1: fout: vraag thema is hierboven al beantwoord: een tweede antwoord is een `wijziging thema …`; maak er dat van of haal een van beide regels weg\n"
    }

    @Test(arguments: [["plan"], ["replay"], ["replay", "--stap"], ["replay", "--quiz"], ["replay", "--check"], ["replay", "--bijwerken"], ["replay", "--wijzig", "informatiepositie=sterk"]])
    func aContradictionIsBadDataEverywhere(command: [String]) throws {
        let path = try contradictory()
        let result = try BinaryRunner.run(command + ["--rules", mini, path], input: "\n\n\n\n\n")
        #expect(result.status == 65)
        #expect(result.stdout == "")
        #expect(result.stderr == contradiction(path))
    }

    @Test func resumingAContradictionIsBadData() throws {
        let path = try MiniTranscript.write(["antwoord thema buitengebied", "antwoord gemeente \"Ede\"", "antwoord gemeente \"Epe\""])
        let result = try BinaryRunner.run(["--rules", mini, "--hervat", path])
        #expect(result.status == 65)
        #expect(result.stderr == "\(path):6:1: fout: vraag gemeente is hierboven al beantwoord: een tweede antwoord is een `wijziging gemeente …`; maak er dat van of haal een van beide regels weg\n")
    }

    @Test func aChangeWithoutAnAnswerIsBadData() throws {
        let path = try MiniTranscript.write(["antwoord thema buitengebied", "wijziging informatiepositie zwak"])
        let result = try BinaryRunner.run(["plan", "--rules", mini, path])
        #expect(result.status == 65)
        #expect(result.stderr == "\(path):5:1: fout: `wijziging informatiepositie` wijzigt een vraag die hierboven geen antwoord heeft: maak er `antwoord informatiepositie …` van\n")
    }

    @Test(arguments: [["plan"], ["replay"], ["replay", "--check"], ["replay", "--bijwerken"]])
    func aMissingAnswerFailsTheCheck(command: [String]) throws {
        let path = try MiniTranscript.write(Array(MiniTranscript.answers.prefix(3)))
        let result = try BinaryRunner.run(command + ["--rules", mini, path])
        let resume = "kompas --rules \(mini) --hervat \(path)"
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "\(path):6:1: fout: het gesprek is niet afgemaakt: vraag locaties («Welke kwetsbare locaties liggen in je buitengebied?») is nog niet beantwoord; ga verder met `\(resume)`\n")
    }

    /// A session stopped early records its plan so far, with the rules of then: the same rules
    /// now, so the open question is the next one, not one the rules added.
    @Test(arguments: [["plan"], ["replay"], ["replay", "--check"], ["replay", "--bijwerken"]])
    func aSessionStoppedEarlyIsUnfinishedNotOutdated(command: [String]) throws {
        let path = try BinaryRunner.temporaryDirectory() + "/gestopt.transcript"
        #expect(try BinaryRunner.run(["--rules", mini, "--transcript", path], input: "1\nEde\n").status == 0)
        let before = try String(contentsOfFile: path, encoding: .utf8)
        let result = try BinaryRunner.run(command + ["--rules", mini, path])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "\(path):8:1: fout: het gesprek is niet afgemaakt: vraag informatiepositie («Hoe krachtig is de lokale informatiepositie?») is nog niet beantwoord; ga verder met `kompas --rules \(mini) --hervat \(path)`\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
    }

    @Test func anAnswerToAQuestionNotAskedFailsTheCheck() throws {
        let path = try MiniTranscript.write(["antwoord thema cybercrime", "antwoord gemeente \"Ede\"", "antwoord locaties [agrarisch]", "antwoord informatiepositie zwak"])
        let result = try BinaryRunner.run(["plan", "--rules", mini, path])
        #expect(result.status == 1)
        #expect(result.stderr == "\(path):6:1: fout: vraag locaties wordt met de huidige regels niet meer gesteld; het antwoord telt niet mee: haal de regel weg of controleer de voorwaarden\n")
    }

    @Test func anUnknownOptionFailsTheCheckEverywhere() throws {
        let path = try MiniTranscript.write(MiniTranscript.answers.map { $0.replacingOccurrences(of: "zwak", with: "matig") })
        let message = "\(path):6:1: fout: vraag informatiepositie heeft geen optie `matig` (meer): pas het antwoord aan\n"
        for arguments in [["plan", "--rules", mini, path], ["replay", "--rules", mini, path], ["--rules", mini, "--hervat", path]] {
            let result = try BinaryRunner.run(arguments)
            #expect(result.status == 1)
            #expect(result.stderr == message)
        }
    }

    /// An unfinished transcript is what `--hervat` is for.
    @Test func resumingAnUnfinishedTranscriptGoesOn() throws {
        let path = try MiniTranscript.write(Array(MiniTranscript.answers.prefix(3)))
        let result = try BinaryRunner.run(["--rules", mini, "--hervat", path], input: "2\nn\n")
        #expect(result.status == 0)
        #expect(try BinaryRunner.run(["replay", "--check", "--rules", mini, path]).status == 0)
    }
}
