/// Why a written answer does not fit its question, in Dutch.
public struct AnswerProblem: Error, Hashable, Sendable {
    public var message: String
}

extension Question {
    /// Checks an answer as rule examples and transcripts write it: option ids, never numbers.
    public func answer(from value: ExampleValue) -> Result<AnswerValue, AnswerProblem> {
        switch (type, value) {
        case (.text, .scalar(let text)):
            return .success(.text(text))
        case (.choice, .scalar(let id)), (.yesno, .scalar(let id)):
            return option(id) != nil ? .success(.option(id)) : .failure(unknownOption(id))
        case (.multiple, .scalar(let id)):
            return answer(from: .list([id]))
        case (.multiple, .list(let ids)):
            if let unknown = ids.first(where: { option($0) == nil }) { return .failure(unknownOption(unknown)) }
            if let problem = exclusivityProblem(ids) { return .failure(problem) }
            return .success(.options(options.map(\.id).filter(ids.contains)))
        case (_, .list):
            return .failure(AnswerProblem(message: "vraag \(id) heeft één antwoord, geen lijst"))
        }
    }

    /// An option with `exclusive: true` chosen together with another option.
    public func exclusivityProblem(_ ids: [String]) -> AnswerProblem? {
        guard Set(ids).count > 1, let lone = options.first(where: { $0.exclusive && ids.contains($0.id) }) else { return nil }
        return AnswerProblem(message: "«\(lone.label)» gaat niet samen met andere antwoorden: kies «\(lone.label)» alleen, of laat het weg")
    }

    private func unknownOption(_ value: String) -> AnswerProblem {
        let known = options.map { "`\($0.id)`" }.joined(separator: ", ")
        return AnswerProblem(message: "vraag \(id) heeft geen optie `\(value)`: kies uit \(known)")
    }

    /// The labels of an answer, for people.
    public func display(_ value: AnswerValue) -> String {
        switch value {
        case .text(let text): text
        case .option(let id): option(id)?.label ?? id
        case .options(let ids): ids.isEmpty ? "geen" : ids.map { option($0)?.label ?? $0 }.joined(separator: "; ")
        }
    }
}
