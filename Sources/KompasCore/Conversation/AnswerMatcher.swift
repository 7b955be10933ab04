/// Reads what a person typed as an answer: a number, an option id, or an unambiguous
/// beginning of a label, ignoring case and accents ("cooRdinator" finds "Coördinator").
public enum AnswerMatcher {
    public static let maximumTextLength = 500

    public static func match(_ input: String, _ question: Question) -> Result<AnswerValue, AnswerProblem> {
        let text = clean(input)
        guard !text.isEmpty else { return .failure(AnswerProblem(message: "Typ een antwoord, of :help voor hulp.")) }
        switch question.type {
        case .text:
            guard text.count <= maximumTextLength else {
                return .failure(AnswerProblem(message: "Dat antwoord is te lang (\(text.count) tekens); houd het bij hoogstens \(maximumTextLength)."))
            }
            return .success(.text(text))
        case .yesno:
            return yesNo(text).map { .success(.option($0)) } ?? option(text, question).map(AnswerValue.option)
        case .choice:
            return option(text, question).map(AnswerValue.option)
        case .multiple:
            return several(text, question)
        }
    }

    /// Control characters and surrounding spaces removed; what remains is what the user meant.
    static func clean(_ input: String) -> String {
        String(String.UnicodeScalarView(input.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F })).trimmingWhitespace
    }

    /// Lower case without diacritics, so `Zorg en Veiligheid` matches `zorg-en-veiligheid` and
    /// `Súdwest` matches `sudwest`.
    public static func fold(_ text: String) -> String {
        var folded = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII {
                folded.append(scalar)
            } else if scalar.properties.canonicalCombiningClass == .notReordered {
                folded.append(latinBase(scalar) ?? scalar)
            }  // else a combining accent, as in a decomposed `é`: dropped
        }
        return String(folded)
    }

    /// `é` → `e`: the letter of "LATIN SMALL LETTER E WITH ACUTE", read from the scalar's Unicode
    /// name, which is how Unicode names every Latin letter with a diacritic.
    private static func latinBase(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        guard let name = scalar.properties.name else { return nil }
        let words = name.split(separator: " ")
        guard words.count > 4, words[0] == "LATIN", words[1] == "SMALL", words[2] == "LETTER", words[4] == "WITH",
            words[3].count == 1, let letter = words[3].unicodeScalars.first, letter.isASCII
        else { return nil }
        return Unicode.Scalar(UInt8(ascii: letter) | 0x20)
    }

    private static func yesNo(_ text: String) -> String? {
        switch fold(text) {
        case "j", "ja", "y", "yes", "1": "ja"
        case "n", "nee", "no", "2": "nee"
        default: nil
        }
    }

    static func option(_ token: String, _ question: Question) -> Result<String, AnswerProblem> {
        if let number = Int(token) {
            guard question.options.indices.contains(number - 1) else {
                return .failure(AnswerProblem(message: "Er is geen antwoord \(number); kies een nummer van 1 tot en met \(question.options.count)."))
            }
            return .success(question.options[number - 1].id)
        }
        if let exact = question.options.first(where: { $0.id == token }) { return .success(exact.id) }
        let folded = fold(token)
        let candidates = question.options.filter { fold($0.label).hasPrefix(folded) || fold($0.id).hasPrefix(folded) }
        switch candidates.count {
        case 1: return .success(candidates[0].id)
        case 0: return .failure(AnswerProblem(message: "«\(token.prefix(60))» past bij geen van de antwoorden. \(accepted(question))"))
        default:
            let names = candidates.map { "«\($0.label)»" }.joined(separator: ", ")
            return .failure(AnswerProblem(message: "«\(token.prefix(60))» past bij meer antwoorden: \(names). Typ meer letters of het nummer."))
        }
    }

    private static func several(_ text: String, _ question: Question) -> Result<AnswerValue, AnswerProblem> {
        if case .success(let id) = option(text, question) { return .success(.options([id])) }
        if ["geen", "0", "-"].contains(fold(text)) { return .success(.options([])) }
        var chosen: [String] = []
        for token in tokens(text, question) {
            switch option(token, question) {
            case .success(let id): chosen.append(id)
            case .failure(let problem): return .failure(problem)
            }
        }
        if let problem = question.exclusivityProblem(chosen) { return .failure(AnswerProblem(message: problem.message + ".")) }
        return .success(.options(question.options.map(\.id).filter(chosen.contains)))
    }

    /// `1,3`, `1 3` and `vakantieparken, bedrijventerreinen`; labels with spaces need commas.
    private static func tokens(_ text: String, _ question: Question) -> [String] {
        let byComma = text.split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
        if byComma.count > 1 { return byComma }
        return text.split(separator: " ").map(String.init)
    }

    static func accepted(_ question: Question) -> String {
        switch question.type {
        case .yesno: "Antwoord met j (ja) of n (nee)."
        case .choice: "Typ een nummer van 1 tot en met \(question.options.count), het id of het begin van het antwoord."
        case .multiple: "Typ een of meer nummers (zoals 1,3), ids of beginletters, of «geen»."
        case .text: "Typ je antwoord."
        }
    }
}
