/// Turns one rule file's YAML into model values. Shape errors are reported here;
/// cross-references between files are checked afterwards by `RuleValidator`.
struct SectionReader {
    let reader: FieldReader

    private enum Section: String, FieldKey {
        case oovQuestions = "oov_questions", themes, phases, questions, sources, steps, rules, glossary, examples
    }

    func read(_ document: YAMLNode, into rules: inout RuleSet) {
        guard let top = reader.fields(document, what: "het regelbestand", required: [Section]()) else { return }
        add(items(top, .oovQuestions, oovQuestion), to: &rules.oovQuestions)
        add(items(top, .themes, theme), to: &rules.themes)
        add(items(top, .phases, phase), to: &rules.phases)
        add(items(top, .questions, question), to: &rules.questions)
        add(items(top, .sources, source), to: &rules.sources)
        add(items(top, .steps, step), to: &rules.steps)
        add(items(top, .rules, rule), to: &rules.rules)
        add(items(top, .glossary, glossaryEntry), to: &rules.glossary)
        add(items(top, .examples, example), to: &rules.examples)
    }

    /// A section's items, taken over whole where there are none yet (a file's own rule set).
    private func add<T>(_ items: [T], to list: inout [T]) {
        if list.isEmpty { list = items } else { list += items }
    }

    private func items<T>(_ top: Fields<Section>, _ section: Section, _ read: (YAMLNode) -> T?) -> [T] {
        reader.list(top[section], "`\(section.rawValue)`").compactMap(read)
    }

    /// What a missing-field message calls a block: `regel r` when its id can be read, else `een regel`.
    private func named(_ kind: String, _ node: YAMLNode) -> String {
        let id = node.kind == .mapping ? node.pairs.first { $0.key.hasText("id") }?.value.scalar?.string : nil
        guard let id, Lexer.isIdentifier(id) else { return "een \(kind)" }
        return "\(kind) \(id)"
    }

    private func id(_ node: YAMLNode?, _ what: String) -> String? {
        guard let node, let value = reader.text(node, "het `id` van \(what)") else { return nil }
        guard Lexer.isIdentifier(value) else {
            reader.bag.add(reader.location(node), "het id `\(value)` mag alleen letters a–z, cijfers, `-` en `_` bevatten: kies een id zonder spaties of accenten")
            return nil
        }
        return value
    }

    private enum OOVQuestionKey: String, FieldKey { case id, group, text }

    private func oovQuestion(_ node: YAMLNode) -> OOVQuestion? {
        guard let f = reader.fields(node, what: "een vraagpunt", required: OOVQuestionKey.allCases),
            let id = reader.text(f[.id], "het id van een vraagpunt"),
            let group = reader.enumValue(f[.group], "de `group` van vraagpunt \(id)", OOVQuestionGroup.self),
            let text = reader.text(f[.text], "de tekst van vraagpunt \(id)")
        else { return nil }
        if OOVQuestionID(rawValue: id) == nil {
            reader.bag.add(reader.location(f[.id]!), "vraagpunt `\(id)` bestaat niet in het Kompas: gebruik A1, A2, A3, L1, L2 of L3")
        }
        return OOVQuestion(id: id, group: group, text: text, location: reader.location(node))
    }

    private enum ThemeKey: String, FieldKey { case id, name, introduction, basedOn = "based_on" }

    private func theme(_ node: YAMLNode) -> Theme? {
        guard let f = reader.fields(node, what: "een thema", named: named("thema", node), required: [ThemeKey.id, .name, .introduction]),
            let id = id(f[.id], "een thema")
        else { return nil }
        // Kept with what is missing left empty, so references to it do not fail too (the same below).
        let name = reader.text(f[.name], "de naam van thema \(id)") ?? id
        let introduction = reader.text(f[.introduction], "de inleiding van thema \(id)") ?? ""
        return Theme(id: id, name: name, introduction: introduction, basedOn: reader.text(f[.basedOn], "`based_on`"), location: reader.location(node))
    }

    private enum PhaseKey: String, FieldKey { case id, name }

    private func phase(_ node: YAMLNode) -> Phase? {
        guard let f = reader.fields(node, what: "een fase", named: named("fase", node), required: PhaseKey.allCases),
            let id = id(f[.id], "een fase")
        else { return nil }
        return Phase(id: id, name: reader.text(f[.name], "de naam van fase \(id)") ?? id, location: reader.location(node))
    }

    private enum QuestionKey: String, FieldKey { case id, text, help, type, options, when, role }

    private func question(_ node: YAMLNode) -> Question? {
        guard let f = reader.fields(node, what: "een vraag", named: named("vraag", node), required: [QuestionKey.id, .text, .type]),
            let id = id(f[.id], "een vraag")
        else { return nil }
        let type = reader.enumValue(f[.type], "het `type` van vraag \(id)", QuestionType.self)
        let text = reader.text(f[.text], "de tekst van vraag \(id)")
        let options = reader.list(f[.options], "de `options` van vraag \(id)").compactMap { option($0, question: id) }
        let role = reader.enumValue(f[.role], "de `role` van vraag \(id)", QuestionRole.self)
        let when = condition(f[.when], "de `when` van vraag \(id)")
        let question = Question(
            id: id, text: text ?? "", help: reader.text(f[.help], "de `help` van vraag \(id)"),
            type: type ?? (options.isEmpty ? .text : .choice),
            options: type == .yesno ? Self.yesNoOptions(at: reader.location(node)) : options,
            when: when, role: role, location: reader.location(node), typeIsKnown: type != nil)
        if type != nil { checkOptionsShape(question, fields: f) }
        return question
    }

    static func yesNoOptions(at location: SourceLocation) -> [AnswerOption] {
        [AnswerOption(id: "ja", label: "Ja", help: nil, location: location), AnswerOption(id: "nee", label: "Nee", help: nil, location: location)]
    }

    private func checkOptionsShape(_ question: Question, fields: Fields<QuestionKey>) {
        let at = fields.keyNode(.options).map(reader.location) ?? question.location
        switch question.type {
        case .yesno where fields[.options] != nil:
            reader.bag.add(at, "vraag \(question.id) is een ja/nee-vraag: haal `options` weg (de antwoorden heten `ja` en `nee`)")
        case .text where fields[.options] != nil:
            reader.bag.add(at, "vraag \(question.id) is een tekstvraag: haal `options` weg")
        case .choice, .multiple:
            if question.options.count < 2 {
                reader.bag.add(at, "vraag \(question.id) heeft minstens twee `options` nodig, elk met `id` en `label`")
            }
        default: break
        }
        if question.type != .multiple {
            for option in question.options where option.exclusive {
                reader.bag.add(option.location, "optie `\(option.id)` van vraag \(question.id) heeft `exclusive: true`, maar alleen bij een meerkeuzevraag (`type: multiple`) kan een optie niet met andere samengaan: haal `exclusive` weg")
            }
        }
    }

    private enum OptionKey: String, FieldKey { case id, label, help, exclusive }

    private func option(_ node: YAMLNode, question: String) -> AnswerOption? {
        guard let f = reader.fields(node, what: "een optie van vraag \(question)", named: named("optie", node) + " van vraag \(question)", required: [OptionKey.id, .label]),
            let id = id(f[.id], "een optie van vraag \(question)")
        else { return nil }
        let label = reader.text(f[.label], "het label van optie \(id)") ?? id
        return AnswerOption(
            id: id, label: label, help: reader.text(f[.help], "de `help` van optie \(id)"),
            exclusive: reader.bool(f[.exclusive], "`exclusive` van optie \(id)") ?? false, location: reader.location(node))
    }

    private func condition(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> Condition? {
        guard let node, let text = reader.text(node, what()) else { return nil }
        var origin = reader.location(node)
        if node.style == .quoted {
            origin.column += 1
        }
        do {
            return try ConditionParser.parse(text, origin: origin)
        } catch {
            reader.bag.add(origin.advanced(by: error.offset), "\(what()) is geen geldige voorwaarde: \(error.message)")
            return nil
        }
    }

    /// A source's keys and its entries' keys: a source may give the entry keys but `theme` and
    /// `title` once for all its entries.
    private enum SourceKey: String, FieldKey { case id, name, entries, theme, title, kind, scope, url, insight, questions, origin }
    private static let sourceKeys: [SourceKey] = [.id, .name, .entries, .kind, .scope, .url, .insight, .questions, .origin]
    private static let entryKeys: [SourceKey] = [.theme, .title, .kind, .scope, .url, .insight, .questions, .origin]

    private func source(_ node: YAMLNode) -> Source? {
        guard let f = reader.fields(node, what: "een bron", named: named("bron", node), allowed: Self.sourceKeys, required: [.id, .name]),
            let id = id(f[.id], "een bron")
        else { return nil }
        let name = reader.text(f[.name], "de naam van bron \(id)") ?? id
        let defaults = entryValues(f, source: id)
        let entryNodes = reader.list(f[.entries], "de `entries` van bron \(id)")
        let entries = entryNodes.isEmpty
            ? [entry(defaults, node: node, source: id)].compactMap { $0 }
            : entryNodes.compactMap { entryNode -> SourceEntry? in
                guard let ef = reader.fields(entryNode, what: "een entry van bron \(id)", allowed: Self.entryKeys, required: [.theme]) else { return nil }
                return entry(entryValues(ef, source: id).merged(over: defaults), node: entryNode, source: id)
            }
        return Source(id: id, name: name, entries: entries, origin: defaults.origin, location: reader.location(node))
    }

    private struct EntryValues {
        var theme, title, url, insight: String?
        var kind: SourceKind?
        var scope: Scope?
        var questions: [OOVQuestionID]?
        var origin: Origin?

        func merged(over defaults: EntryValues) -> EntryValues {
            EntryValues(
                theme: theme, title: title, url: url ?? defaults.url, insight: insight ?? defaults.insight,
                kind: kind ?? defaults.kind, scope: scope ?? defaults.scope, questions: questions ?? defaults.questions,
                origin: origin ?? defaults.origin)
        }
    }

    private func entryValues(_ f: Fields<SourceKey>, source: String) -> EntryValues {
        let questions: [OOVQuestionID]? = f[.questions].map { node in
            let list = reader.stringList(node, "de `questions` van bron \(source)")
            return zip(list.values, list.marks).compactMap { value, mark in
                if let id = OOVQuestionID(rawValue: value) { return id }
                reader.bag.add(reader.location(mark), "`\(value)` is geen vraagpunt van het Kompas: gebruik A1, A2, A3, L1, L2 of L3")
                return nil
            }
        }
        return EntryValues(
            theme: reader.text(f[.theme], "het `theme` van bron \(source)"),
            title: reader.text(f[.title], "de `title` van bron \(source)"),
            url: reader.text(f[.url], "de `url` van bron \(source)"),
            insight: reader.text(f[.insight], "de `insight` van bron \(source)"),
            kind: reader.enumValue(f[.kind], "de `kind` van bron \(source)", SourceKind.self),
            scope: reader.enumValue(f[.scope], "de `scope` van bron \(source)", Scope.self),
            questions: questions,
            origin: reader.enumValue(f[.origin], "de `origin` van bron \(source)", Origin.self))
    }

    private func entry(_ values: EntryValues, node: YAMLNode, source: String) -> SourceEntry? {
        let at = reader.location(node)
        let where_ = values.theme.map { " bij thema \($0)" } ?? ""
        guard let kind = values.kind else {
            reader.bag.add(at, "bron \(source)\(where_) heeft geen `kind`: kies `partner`, `registratie` of `publicatie`")
            return nil
        }
        guard let insight = values.insight else {
            reader.bag.add(at, "bron \(source)\(where_) heeft geen `insight`: beschrijf waar de bron zicht op heeft")
            return nil
        }
        if kind != .publication, values.scope == nil {
            reader.bag.add(at, "bron \(source)\(where_) is een \(kind.rawValue) maar heeft geen `scope`: kies `intern` of `extern`")
        }
        if values.questions?.isEmpty ?? true {
            reader.bag.add(at, "bron \(source)\(where_) heeft geen `questions`: noem de vraagpunten (A1–L3) waarop zij antwoord geeft")
        }
        if let url = values.url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
            reader.bag.add(at, "de `url` van bron \(source) moet met https:// of http:// beginnen: een pad op iemands schijf kan een gebruiker niet openen")
        }
        return SourceEntry(
            theme: values.theme, title: values.title, kind: kind, scope: values.scope, url: values.url,
            insight: insight, questions: (values.questions ?? []).sorted(), origin: values.origin, location: at)
    }

    private enum StepKey: String, FieldKey { case id, text, phase, order, sources, origin }

    private func step(_ node: YAMLNode) -> Step? {
        guard let f = reader.fields(node, what: "een stap", named: named("stap", node), required: [StepKey.id, .text, .phase, .order]),
            let id = id(f[.id], "een stap")
        else { return nil }
        let text = reader.text(f[.text], "de tekst van stap \(id)") ?? ""
        let phase = reader.text(f[.phase], "de fase van stap \(id)") ?? ""
        let order = reader.int(f[.order], "de `order` van stap \(id)") ?? 0
        let sources = reader.stringList(f[.sources], "de `sources` van stap \(id)")
        return Step(
            id: id, text: text, phase: phase, order: order, sources: sources.values,
            origin: reader.enumValue(f[.origin], "de `origin` van stap \(id)", Origin.self),
            referenceLocations: ReferenceLocations(file: reader.file, [("sources", sources)]), location: reader.location(node))
    }

    private enum RuleKey: String, FieldKey { case id, when, because, sources, steps, start, exclude, priority, note, origin }

    private func rule(_ node: YAMLNode) -> Rule? {
        guard let f = reader.fields(node, what: "een regel", named: named("regel", node), required: [RuleKey.id, .when, .because]),
            let id = id(f[.id], "een regel")
        else { return nil }
        let when = condition(f[.when], "de `when` van regel \(id)")
        let because = reader.text(f[.because], "de `because` van regel \(id)")
        let sources = reader.stringList(f[.sources], "de `sources` van regel \(id)")
        let steps = reader.stringList(f[.steps], "de `steps` van regel \(id)")
        let start = reader.stringList(f[.start], "de `start` van regel \(id)")
        let exclude = reader.stringList(f[.exclude], "de `exclude` van regel \(id)")
        let priority = f[.priority].map { reader.enumValue($0, "de `priority` van regel \(id)", Priority.self) } ?? .normal
        let rule = Rule(
            id: id, when: when ?? Condition(text: "", expression: .answered(Reference(id: "", offset: 0)), origin: reader.location(node)),
            because: because ?? "", sources: sources.values, steps: steps.values, start: start.values, exclude: exclude.values,
            priority: priority ?? .normal, note: reader.text(f[.note], "de `note` van regel \(id)"),
            origin: reader.enumValue(f[.origin], "de `origin` van regel \(id)", Origin.self),
            referenceLocations: ReferenceLocations(
                file: reader.file, [("sources", sources), ("steps", steps), ("start", start), ("exclude", exclude)]),
            location: reader.location(node))
        if rule.sources.isEmpty, rule.steps.isEmpty, rule.start.isEmpty, rule.exclude.isEmpty, rule.note == nil {
            reader.bag.add(rule.location, "regel \(id) doet niets: geef `sources`, `steps`, `start`, `exclude` of een `note`")
        }
        return rule
    }

    private enum GlossaryKey: String, FieldKey { case term, meaning, explanation, origin }

    private func glossaryEntry(_ node: YAMLNode) -> GlossaryEntry? {
        guard let f = reader.fields(node, what: "een begrip", required: [GlossaryKey.term, .meaning]),
            let term = reader.text(f[.term], "de `term` van een begrip"),
            let meaning = reader.text(f[.meaning], "de `meaning` van begrip \(term)")
        else { return nil }
        return GlossaryEntry(term: term, meaning: meaning, explanation: reader.text(f[.explanation], "de `explanation` van begrip \(term)"),
            origin: reader.enumValue(f[.origin], "de `origin` van begrip \(term)", Origin.self), location: reader.location(node))
    }

    private enum ExampleKey: String, FieldKey { case name, answers, expect }
    private enum ExpectKey: String, FieldKey { case include, exclude, high, start, asked, notAsked = "not_asked", notes }

    private func example(_ node: YAMLNode) -> Example? {
        guard let f = reader.fields(node, what: "een voorbeeld", required: ExampleKey.allCases),
            let name = reader.text(f[.name], "de naam van een voorbeeld"),
            let answerNode = f[.answers], let expectNode = f[.expect]
        else { return nil }
        let what = "voorbeeld \"\(name)\""
        let answers: [(question: String, value: ExampleValue, location: SourceLocation)]
        if answerNode.kind == .mapping {
            answers = answerNode.pairs.compactMap { key, value in
                guard let question = key.scalar?.string else { return nil }
                switch value.kind {
                case .sequence: return (question, .list(reader.stringList(value, "het antwoord op \(question)").values), reader.location(key))
                default: return reader.string(value, "het antwoord op \(question)").map { (question, .scalar($0), reader.location(key)) }
                }
            }
        } else {
            reader.bag.add(reader.location(answerNode), "de `answers` van \(what) moeten `vraag: optie`-paren zijn")
            answers = []
        }
        guard let e = reader.fields(expectNode, what: "de `expect` van \(what)", required: [ExpectKey]()) else { return nil }
        var all = ReferenceLocations(file: reader.file, [])
        func ids(_ key: ExpectKey) -> [String] {
            let list = reader.stringList(e[key], "`\(key.rawValue)` van \(what)")
            all.append(list, as: key.rawValue)
            return list.values
        }
        return Example(
            name: name, answers: answers, include: ids(.include), exclude: ids(.exclude), high: ids(.high),
            start: e[.start] == nil ? nil : ids(.start),
            asked: ids(.asked), notAsked: ids(.notAsked), notes: ids(.notes),
            referenceLocations: all, location: reader.location(node))
    }
}

extension SourceLocation {
    func advanced(by columns: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + columns)
    }
}
