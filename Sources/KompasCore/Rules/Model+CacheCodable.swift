/// How each part of the rule set is written to the rule cache and read back (`CacheCoding.swift`
/// has the encoding; `ReferenceLocations`' own is in `Model.swift`, beside its private list).
/// Fields in declaration order; the round-trip tests (`RuleCacheTests`) fill every one.

extension RuleSet: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.list(oovQuestions)
        writer.list(themes)
        writer.list(phases)
        writer.list(questions)
        writer.list(sources)
        writer.list(steps)
        writer.list(rules)
        writer.list(glossary)
        writer.list(examples)
        writer.string(fingerprint)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init()
        oovQuestions = try reader.list(OOVQuestion.self)
        themes = try reader.list(Theme.self)
        phases = try reader.list(Phase.self)
        questions = try reader.list(Question.self)
        sources = try reader.list(Source.self)
        steps = try reader.list(Step.self)
        rules = try reader.list(Rule.self)
        glossary = try reader.list(GlossaryEntry.self)
        examples = try reader.list(Example.self)
        fingerprint = try reader.string()
        index()
    }
}

extension OOVQuestion: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(id)
        writer.string(group)
        writer.string(text)
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init(id: try reader.string(), group: try reader.string(), text: try reader.string(), location: try reader.location())
    }
}

extension Theme: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(id)
        writer.string(name)
        writer.string(introduction)
        writer.string(basedOn)
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init(
            id: try reader.string(), name: try reader.string(), introduction: try reader.string(),
            basedOn: try reader.optionalString(), location: try reader.location())
    }
}

extension Phase: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(id)
        writer.string(name)
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init(id: try reader.string(), name: try reader.string(), location: try reader.location())
    }
}

extension AnswerOption: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(id)
        writer.string(label)
        writer.string(help)
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init(id: try reader.string(), label: try reader.string(), help: try reader.optionalString(), location: try reader.location())
    }
}

extension Condition: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(text)
        writer.item(expression)
        writer.location(origin)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init(text: try reader.string(), expression: try reader.item(Expression.self), origin: try reader.location())
    }
}

/// The parsed tree, not the text parsed again: parsing was a third of reading the cache.
extension Expression: CacheCodable {
    func write(to writer: inout CacheWriter) {
        switch self {
        case .equals(let q, let o): writer.int(0); writer.item(q); writer.item(o)
        case .notEquals(let q, let o): writer.int(1); writer.item(q); writer.item(o)
        case .isIn(let q, let os): writer.int(2); writer.item(q); writer.list(os)
        case .contains(let q, let o): writer.int(3); writer.item(q); writer.item(o)
        case .answered(let q): writer.int(4); writer.item(q)
        case .not(let e): writer.int(5); writer.item(e)
        case .and(let l, let r): writer.int(6); writer.item(l); writer.item(r)
        case .or(let l, let r): writer.int(7); writer.item(l); writer.item(r)
        }
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        // Conditions nest shallowly; a corrupt payload could nest without end, so bound it.
        try reader.descend()
        defer { reader.ascend() }
        switch try reader.int() {
        case 0: self = .equals(try reader.item(Reference.self), try reader.item(Reference.self))
        case 1: self = .notEquals(try reader.item(Reference.self), try reader.item(Reference.self))
        case 2: self = .isIn(try reader.item(Reference.self), try reader.list(Reference.self))
        case 3: self = .contains(try reader.item(Reference.self), try reader.item(Reference.self))
        case 4: self = .answered(try reader.item(Reference.self))
        case 5: self = .not(try reader.item(Expression.self))
        case 6: self = .and(try reader.item(Expression.self), try reader.item(Expression.self))
        case 7: self = .or(try reader.item(Expression.self), try reader.item(Expression.self))
        default: throw CacheMiss()
        }
    }
}

extension Reference: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(id)
        writer.int(offset)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init(id: try reader.string(), offset: try reader.int())
    }
}

extension Question: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(id)
        writer.string(text)
        writer.string(help)
        writer.raw(type)
        writer.list(options)
        writer.optional(when)
        writer.raw(role)
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        let id = try reader.string(), text = try reader.string(), help = try reader.optionalString()
        let type = try reader.raw(QuestionType.self)
        let options = try reader.list(AnswerOption.self), when = try reader.optional(Condition.self)
        self.init(
            id: id, text: text, help: help, type: type, options: options, when: when,
            role: try reader.optionalRaw(QuestionRole.self), location: try reader.location())
    }
}

extension SourceEntry: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(theme)
        writer.string(title)
        writer.raw(kind)
        writer.raw(scope)
        writer.string(url)
        writer.string(insight)
        writer.strings(questions.map(\.rawValue))
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        let theme = try reader.optionalString(), title = try reader.optionalString()
        let kind = try reader.raw(SourceKind.self), scope = try reader.optionalRaw(Scope.self)
        let url = try reader.optionalString(), insight = try reader.string()
        var questions: [OOVQuestionID] = []
        for text in try reader.strings() {
            guard let question = OOVQuestionID(rawValue: text) else { throw CacheMiss() }
            questions.append(question)
        }
        self.init(
            theme: theme, title: title, kind: kind, scope: scope, url: url, insight: insight, questions: questions,
            location: try reader.location())
    }
}

extension Source: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(id)
        writer.string(name)
        writer.list(entries)
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init(id: try reader.string(), name: try reader.string(), entries: try reader.list(SourceEntry.self), location: try reader.location())
    }
}

extension Step: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(id)
        writer.string(text)
        writer.string(phase)
        writer.int(order)
        writer.strings(sources)
        writer.item(referenceLocations)
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init(
            id: try reader.string(), text: try reader.string(), phase: try reader.string(), order: try reader.int(),
            sources: try reader.strings(), referenceLocations: try reader.item(ReferenceLocations.self),
            location: try reader.location())
    }
}

extension Rule: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(id)
        writer.item(when)
        writer.string(because)
        writer.strings(sources)
        writer.strings(steps)
        writer.strings(exclude)
        writer.raw(priority)
        writer.string(note)
        writer.item(referenceLocations)
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init(
            id: try reader.string(), when: try reader.item(Condition.self), because: try reader.string(),
            sources: try reader.strings(), steps: try reader.strings(), exclude: try reader.strings(),
            priority: try reader.raw(Priority.self), note: try reader.optionalString(),
            referenceLocations: try reader.item(ReferenceLocations.self), location: try reader.location())
    }
}

extension GlossaryEntry: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(term)
        writer.string(meaning)
        writer.string(explanation)
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        self.init(term: try reader.string(), meaning: try reader.string(), explanation: try reader.optionalString(), location: try reader.location())
    }
}

extension Example: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(name)
        writer.int(answers.count)
        for answer in answers {
            writer.string(answer.question)
            writer.item(answer.value)
            writer.location(answer.location)
        }
        for list in [include, exclude, high, asked, notAsked, notes] { writer.strings(list) }
        writer.item(referenceLocations)
        writer.location(location)
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        let name = try reader.string()
        var answers: [(question: String, value: ExampleValue, location: SourceLocation)] = []
        for _ in 0..<(try reader.count()) {
            answers.append((try reader.string(), try reader.item(ExampleValue.self), try reader.location()))
        }
        self.init(
            name: name, answers: answers, include: try reader.strings(), exclude: try reader.strings(),
            high: try reader.strings(), asked: try reader.strings(), notAsked: try reader.strings(),
            notes: try reader.strings(), referenceLocations: try reader.item(ReferenceLocations.self),
            location: try reader.location())
    }
}

extension ExampleValue: CacheCodable {
    func write(to writer: inout CacheWriter) {
        switch self {
        case .scalar(let text): writer.int(0); writer.string(text)
        case .list(let texts): writer.int(1); writer.strings(texts)
        }
    }

    init(from reader: inout CacheReader) throws(CacheMiss) {
        switch try reader.int() {
        case 0: self = .scalar(try reader.string())
        case 1: self = .list(try reader.strings())
        default: throw CacheMiss()
        }
    }
}
