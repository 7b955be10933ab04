/// libyaml's problems in Dutch, each with what to do. libyaml words them in English for a
/// programmer; the people who keep the rules are policy staff. Problems a rule file hardly meets
/// (other encodings, directives, tags) share the general advice.
enum YAMLProblem {
    static let general = "de YAML klopt hier niet: controleer de inspringing (spaties, geen tabs), dubbele punten en aanhalingstekens"

    /// The Dutch message for libyaml's `problem`.
    static func message(_ problem: String) -> String {
        messages[problem] ?? general
    }

    /// A key indented further than the key above it, which has its value on its own line:
    /// libyaml reads the key as more of that value and stumbles on its colon, so it blames the
    /// colon; the message names the key's column, where the cause is.
    static func indentation(_ problem: String, in text: String, line: Int) -> (column: Int, message: String)? {
        guard problem == "mapping values are not allowed in this context" else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 2, line <= lines.count, let here = key(of: lines[line - 1]),
            let above = lines[..<(line - 1)].last(where: { !String($0).trimmingWhitespace.isEmpty && !String($0).trimmingWhitespace.hasPrefix("#") }),
            let key = key(of: above), key.hasValue, here.column > key.column
        else { return nil }
        let extra = here.column - key.column
        return (here.column, "`\(here.name)` springt \(extra) \(extra == 1 ? "spatie" : "spaties") verder in dan `\(key.name)` erboven: zet het recht onder `\(key.name)`, want de sleutels van één blok beginnen in dezelfde kolom; hoort de regel bij de tekst erboven, zet die tekst dan tussen aanhalingstekens (\"…\")")
    }

    /// A key indented less than the keys of its block but more than the block's parent: libyaml
    /// expects another key or list item and does not say which key is out of line.
    static func outdentation(_ problem: String, in text: String, line: Int) -> String? {
        guard problem == "did not find expected key" || problem == "did not find expected '-' indicator" else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 2, line <= lines.count, let here = key(of: lines[line - 1]) else { return nil }
        var block: (column: Int, name: Substring)?
        for above in lines[..<(line - 1)].reversed() {
            let start = above.prefix { $0 == " " }.count + 1
            if let key = key(of: above), key.column > here.column, key.column < block?.column ?? .max { block = (key.column, key.name) }
            if start <= here.column, !String(above).trimmingWhitespace.isEmpty, !String(above).trimmingWhitespace.hasPrefix("#") { break }
        }
        guard let block else { return nil }
        let missing = block.column - here.column
        return "`\(here.name)` springt \(missing) \(missing == 1 ? "spatie" : "spaties") minder in dan `\(block.name)` erboven: zet het recht onder `\(block.name)`, want de sleutels van één blok beginnen in dezelfde kolom"
    }

    /// A line's key: the column it starts in (after any `- `), its name, and whether a value follows it on the line.
    private static func key(of line: Substring) -> (column: Int, name: Substring, hasValue: Bool)? {
        var rest = line, column = 1
        while true {
            let spaces = rest.prefix { $0 == " " }.count
            column += spaces
            rest = rest.dropFirst(spaces)
            guard rest.hasPrefix("- ") else { break }
            column += 2
            rest = rest.dropFirst(2)
        }
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let name = rest[..<colon]
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
        let value = String(rest[rest.index(after: colon)...]).trimmingWhitespace
        return (column, name, !value.isEmpty && !value.hasPrefix("#"))
    }

    /// Also when libyaml calls a tab "a character that cannot start any token".
    static let tab = "hier staat een tab: YAML springt alleen in met spaties, vervang de tab door spaties (in de meeste editors: tabs omzetten naar spaties)"
    private static let colon = "hier staat een dubbele punt die YAML niet verwacht: staat er `: ` in een tekst zonder aanhalingstekens, zet de tekst dan tussen aanhalingstekens (\"…\"); anders klopt de inspringing niet"
    private static let escape = "tussen dubbele aanhalingstekens staat hier een `\\` die YAML niet kent: schrijf `\\\\` voor een backslash, of zet de tekst tussen enkele aanhalingstekens ('…')"
    private static let tag = "een `!` aan het begin van een waarde is in YAML een label (tag), dat regelbestanden niet gebruiken: zet de tekst tussen aanhalingstekens"
    private static let control = "hier staat een onzichtbaar stuurteken: haal het weg (het komt vaak mee bij kopiëren uit een ander programma)"

    private static let messages: [String: String] = [
        "mapping values are not allowed in this context": colon,
        "found unexpected ':'": colon,
        "did not find expected key":
            "hier verwacht YAML een volgende sleutel (`sleutel: waarde`) op dezelfde inspringing als de vorige: controleer de inspringing (spaties, geen tabs) en of elke tekst tussen aanhalingstekens ook weer gesloten wordt",
        "did not find expected '-' indicator":
            "hier verwacht YAML een volgend lijstonderdeel (`- …`) op dezelfde inspringing als het vorige: controleer de inspringing (spaties, geen tabs)",
        "could not find expected ':'":
            "hier ontbreekt de dubbele punt achter een sleutel (`sleutel: waarde`); loopt een tekst over meer regels, zet hem dan tussen aanhalingstekens of begin hem met `>`",
        "found character that cannot start any token":
            "hier staat een teken waarmee in YAML geen waarde kan beginnen (zoals `@`, `` ` `` of `%`): zet de tekst tussen aanhalingstekens",
        "found a tab character that violates indentation": tab,
        "found a tab character where an indentation space is expected": tab,
        "found unexpected end of stream":
            "het bestand houdt op midden in een waarde: ontbreekt er een sluitend aanhalingsteken of haakje?",
        "did not find expected ',' or ']'":
            "een lijst tussen `[` en `]` loopt hier niet goed door: ontbreekt er een komma tussen twee onderdelen, of de `]` aan het eind?",
        "did not find expected ',' or '}'":
            "een blok tussen `{` en `}` loopt hier niet goed door: ontbreekt er een komma tussen twee onderdelen, of de `}` aan het eind?",
        "did not find expected node content":
            "hier verwacht YAML een waarde maar vindt er geen: ontbreekt er een sluitend haakje (`]` of `}`), of staat er een komma te veel?",
        "block sequence entries are not allowed in this context":
            "een lijstonderdeel (`- …`) staat hier waar YAML het niet verwacht: controleer de inspringing (spaties, geen tabs)",
        "mapping keys are not allowed in this context":
            "een sleutel staat hier waar YAML hem niet verwacht: controleer de inspringing (spaties, geen tabs)",
        "found unknown escape character": escape,
        "found invalid Unicode character escape code": escape,
        "did not find expected hexdecimal number": escape,
        "found unexpected document indicator":
            "hier begint een regel met `---` of `...`, wat in YAML een nieuw document aankondigt: zet de tekst tussen aanhalingstekens",
        "did not find expected comment or line break":
            "na deze waarde verwacht YAML het einde van de regel of een opmerking (`# …`): staat er nog tekst achter een sluitend aanhalingsteken of haakje?",
        "found an indentation indicator equal to 0":
            "achter `|` of `>` staat hier een inspringing van 0: laat het getal weg",
        "found undefined tag handle": tag,
        "did not find expected tag URI": tag,
        "did not find expected '!'": tag,
        "did not find URI escaped octet": tag,
        "control characters are not allowed": control,
        "invalid Unicode character": control,
    ]
}
