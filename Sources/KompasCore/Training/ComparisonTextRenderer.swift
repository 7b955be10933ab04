/// `kompas compare` in the terminal: the matrix of answers in blocks that fit the width (each
/// block repeats the reference's column), then the scores and what most trainees missed.
public struct ComparisonTextRenderer {
    public let comparison: GroupComparison
    public let width: Int

    /// Columns are cut to no fewer than 12 characters and an ellipsis.
    static let narrowest = 13
    static let widest = 24
    static let gap = "  "
    static let differenceMark = "≠ "

    public init(_ comparison: GroupComparison, width: Int) {
        self.comparison = comparison
        self.width = max(40, width)
    }

    public func render() -> String {
        let names = comparison.members.map(\.name)
        var out = TextLayout.wrap("Vergelijking met de referentie \(comparison.reference.name) (\(names.count) \(names.count == 1 ? "transcript" : "transcripten"))", width: width)
        out += matrix()
        out += TextLayout.wrap("≠ anders dan de referentie; — niet gevraagd. De gemeente telt nooit als verschil.", width: width)
        out += ["", "Scores"]
        for member in comparison.members {
            out += TextLayout.wrap("\(member.name): \(member.agreement.summary)", width: width, indent: "  ", hanging: "    ")
        }
        out += ["", "Wat de meeste cursisten misten"]
        if comparison.missed.isEmpty {
            out += TextLayout.wrap("Geen onderdeel van het plan van de referentie ontbrak bij de meeste cursisten op hetzelfde thema.", width: width, indent: "  ", hanging: "  ")
        }
        for missed in comparison.missed {
            let priority = missed.item.priority == .high ? " (prioriteit)" : ""
            out += TextLayout.wrap("\(missed.item.label)\(priority): gemist door \(missed.missedBy.count) van \(missed.of)", width: width, indent: "  • ", hanging: "    ")
            for reason in missed.item.reasons {
                let answers = comparison.answers(reason).map { "\($0.question) = \($0.value.compact)" }
                let read = answers.isEmpty ? "" : " (referentie: \(answers.joined(separator: "; ")))"
                out += TextLayout.wrap("regel \(reason.rule): omdat \(reason.because)\(read)", width: width, indent: "    ", hanging: "      ")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The matrix, in as few blocks as the width allows.
    private func matrix() -> [String] {
        let reference = column(comparison.reference.name, comparison.questions.map { comparison.reference.evaluation.effectiveAnswers[$0.id]?.compact ?? "—" })
        let members = comparison.members.map { member in
            column(member.name, comparison.questions.map { question in
                let cell = member.evaluation.effectiveAnswers[question.id]?.compact ?? "—"
                return comparison.differs(member, question) ? Self.differenceMark + cell : cell
            })
        }
        let labels = ["Vraag"] + comparison.questions.map { TranscriptWriter.oneLine($0.shortLabel) }
        let labelWidth = min(labels.map(\.count).max() ?? 0, max(10, min(width / 4, width - 2 * (Self.narrowest + Self.gap.count))))
        // The widest cap at which everything fits on one block, else the narrowest and several.
        let all = [reference] + members
        let cap = (Self.narrowest...Self.widest).reversed().first { cap in
            labelWidth + all.map { Self.gap.count + min($0.natural, cap) }.reduce(0, +) <= width
        } ?? Self.narrowest
        let columnWidth = { (column: Column) in min(column.natural, cap) }
        var blocks: [[Column]] = []
        var used = labelWidth + Self.gap.count + columnWidth(reference)
        for member in members {
            if blocks.isEmpty || used + Self.gap.count + columnWidth(member) > width {
                blocks.append([])
                used = labelWidth + Self.gap.count + columnWidth(reference)
            }
            blocks[blocks.count - 1].append(member)
            used += Self.gap.count + columnWidth(member)
        }
        return blocks.flatMap { block -> [String] in
            let columns = [reference] + block
            return [""] + labels.indices.map { row in
                let cells = [Self.fit(labels[row], labelWidth)] + columns.map { Self.fit($0.cells[row], columnWidth($0)) }
                return cells.joined(separator: Self.gap).trimmingTrailingSpaces
            }
        }
    }

    private struct Column {
        /// The heading, then one cell per question.
        var cells: [String]
        var natural: Int { cells.map(\.count).max() ?? 0 }
    }

    private func column(_ name: String, _ cells: [String]) -> Column {
        Column(cells: [TranscriptWriter.oneLine(name)] + cells)
    }

    /// Cut to `width` with an ellipsis, or padded to it.
    static func fit(_ text: String, _ width: Int) -> String {
        let cut = TextLayout.cut(text, width: width)
        return cut + String(repeating: " ", count: width - cut.count)
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
