/// How far a trainee's answers and plan agree with a reference's: the score of `compare` and of
/// the quiz.
public struct Agreement: Sendable {
    /// Both chose the same theme; otherwise only the questions both answered are compared.
    public var sameTheme: Bool
    /// The questions compared, in rule order, and those the trainee answered differently. The
    /// municipality is free text about another place: it is never compared.
    public var compared: [String]
    public var differing: [String]
    /// The reference's plan items the trainee's plan also has, those it lacks, and the trainee's
    /// items the reference lacks; each in plan order.
    public var shared: [PlanItem]
    public var missed: [PlanItem]
    public var extra: [PlanItem]

    public init(reference: Evaluation, trainee: Evaluation, rules: RuleSet) {
        sameTheme = reference.plan.theme?.id == trainee.plan.theme?.id
        var ignored = Set([rules.municipalityQuestion?.id].compactMap { $0 })
        // Another theme differs by choice, not by judgement: the shared questions are what compare.
        if !sameTheme, let theme = rules.themeQuestion { ignored.insert(theme.id) }
        let sameTheme = sameTheme
        compared = rules.questions.map(\.id).filter { id in
            !ignored.contains(id) && reference.effectiveAnswers[id] != nil && (sameTheme || trainee.effectiveAnswers[id] != nil)
        }
        differing = compared.filter { reference.effectiveAnswers[$0] != trainee.effectiveAnswers[$0] }
        let referenceItems = PlanItem.items(reference.plan), traineeItems = PlanItem.items(trainee.plan)
        let referenceKeys = Set(referenceItems.map(\.key)), traineeKeys = Set(traineeItems.map(\.key))
        shared = referenceItems.filter { traineeKeys.contains($0.key) }
        missed = referenceItems.filter { !traineeKeys.contains($0.key) }
        extra = traineeItems.filter { !referenceKeys.contains($0.key) }
    }

    public var sameAnswers: Int { compared.count - differing.count }
    public var answerPercentage: Int { Self.percentage(sameAnswers, of: compared.count) }
    public var planPercentage: Int { Self.percentage(shared.count, of: shared.count + missed.count) }

    /// Rounded; nothing to agree on counts as full agreement.
    static func percentage(_ part: Int, of whole: Int) -> Int {
        whole == 0 ? 100 : Int((Double(part) * 100 / Double(whole)).rounded())
    }

    /// «antwoorden 7 van 9 gelijk (78%); plan 40 van 45 onderdelen (89%), 3 extra», for the
    /// terminal and the quiz.
    public var summary: String {
        let answers = "antwoorden \(sameAnswers) van \(compared.count) gelijk (\(answerPercentage)%)"
        let plan = "plan \(shared.count) van \(shared.count + missed.count) onderdelen (\(planPercentage)%), \(extra.count) extra"
        return sameTheme ? "\(answers); \(plan)" : "ander thema, vergeleken op de gedeelde vragen: \(answers); \(plan)"
    }
}
