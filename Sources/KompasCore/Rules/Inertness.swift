/// Answers that change nothing: a question no rule reads (directly, or through the condition of
/// a question that matters) is never asked; an option of a multiple-choice question no condition
/// names changes nothing when ticked (unless exclusive: it is the answer «none of these»); an option of a choice question that every condition treats
/// as an earlier option gives the same plan as that one. Text questions are shown in the plan.
struct Inertness {
    let rules: RuleSet

    var findings: [Coverage.Finding] {
        let read = questionsThatMatter()
        let naming = testsNamingOptions(read)
        var findings: [Coverage.Finding] = []
        for question in rules.questions where question.type != .text {
            guard read.contains(question.id) else {
                findings.append(Coverage.Finding(kind: .inert, location: question.location, message: "vraag \(question.id) wordt door geen regel gelezen, dus stelt kompas haar nooit: laat een regel haar lezen (zoals `when: \(question.id) \(question.type == .multiple ? "contains" : "==") …`) of haal haar weg"))
                continue
            }
            findings += options(of: question, naming: naming[question.id] ?? [:])
        }
        return findings
    }

    /// Per question and option, the tests that name it (numbered in the order found), in the
    /// conditions of the rules and of the questions that matter.
    private func testsNamingOptions(_ read: Set<String>) -> [String: [String: Set<Int>]] {
        var naming: [String: [String: Set<Int>]] = [:]
        var test = 0
        let conditions = rules.rules.map(\.when) + rules.questions.filter { read.contains($0.id) }.compactMap(\.when)
        for condition in conditions {
            condition.expression.forEachTest { _, reference, options in
                test += 1
                for option in options { naming[reference.id, default: [:]][option.id, default: []].insert(test) }
            }
        }
        return naming
    }

    /// The questions a rule's condition reads, and those read by the condition of such a question.
    private func questionsThatMatter() -> Set<String> {
        var read = Set(rules.rules.flatMap(\.when.questionIDs))
        var pending = Array(read)
        while let id = pending.popLast() {
            for next in rules.question(id)?.when?.questionIDs ?? [] where read.insert(next).inserted { pending.append(next) }
        }
        return read
    }

    private func options(of question: Question, naming: [String: Set<Int>]) -> [Coverage.Finding] {
        var findings: [Coverage.Finding] = []
        for (index, option) in question.options.enumerated() {
            let tests = naming[option.id] ?? []
            if question.type == .multiple {
                // An exclusive option («geen van deze») is the answer that ticks nothing else.
                guard tests.isEmpty, !option.exclusive else { continue }
                findings.append(Coverage.Finding(kind: .inert, location: option.location, message: "optie \(option.id) van vraag \(question.id) wordt door geen regel gelezen, dus verandert aanvinken niets: laat een regel `\(question.id) contains \(option.id)` lezen of haal de optie weg"))
            } else if let same = question.options[..<index].first(where: { (naming[$0.id] ?? []) == tests }) {
                findings.append(Coverage.Finding(kind: .inert, location: option.location, message: "optie \(option.id) van vraag \(question.id) geeft hetzelfde plan als optie \(same.id): geen regel maakt verschil tussen beide; laat een regel `\(question.id) == \(option.id)` lezen of voeg de opties samen"))
            }
        }
        return findings
    }
}
