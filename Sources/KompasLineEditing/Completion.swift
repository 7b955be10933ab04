/// How a Tab press changes the line: pure, so it can be tested without a terminal.
struct CompletionPlan: Equatable {
    /// Unicode scalars (libedit characters) to delete before the cursor.
    var deleteCount: Int
    var insertion: String
    /// Shown below the line when more than one candidate remains.
    var listing: [String]

    var isEmpty: Bool { deleteCount == 0 && insertion.isEmpty && listing.isEmpty }

    /// Candidates are full replacements for the text being completed. That text starts at the
    /// earliest word boundary whose remainder is a (case-insensitive) prefix of the candidates'
    /// common prefix, so multi-word candidates like "Noord Holland" work; otherwise it is the last
    /// word. Only a longer common prefix is inserted: typed text is never shortened.
    static func make(textBeforeCursor text: String, candidates: [String]) -> CompletionPlan? {
        let unique = deduplicated(candidates)
        guard let first = unique.first else { return nil }
        let common = unique.dropFirst().reduce(first, commonPrefix)
        let typed = completedText(in: text, common: common)
        let listing = unique.count > 1 ? unique : []
        if common.hasPrefix(typed) {
            return CompletionPlan(deleteCount: 0, insertion: String(common.dropFirst(typed.count)), listing: listing)
        }
        if common.count >= typed.count {
            return CompletionPlan(deleteCount: typed.unicodeScalars.count, insertion: common, listing: listing)
        }
        return CompletionPlan(deleteCount: 0, insertion: "", listing: listing)
    }

    static func commonPrefix(_ left: String, _ right: String) -> String {
        String(zip(left, right).prefix(while: { $0 == $1 }).map(\.0))
    }

    private static func deduplicated(_ candidates: [String]) -> [String] {
        var seen = Set<String>()
        return candidates.filter { seen.insert($0).inserted }
    }

    private static func completedText(in text: String, common: String) -> Substring {
        let loweredCommon = common.lowercased()
        for start in wordStarts(in: text) where loweredCommon.hasPrefix(text[start...].lowercased()) {
            return text[start...]
        }
        return text[(wordStarts(in: text).last ?? text.startIndex)...]
    }

    /// The start of the text and every position right after whitespace, in order.
    private static func wordStarts(in text: String) -> [String.Index] {
        var starts = [text.startIndex]
        for index in text.indices where text[index].isWhitespace {
            starts.append(text.index(after: index))
        }
        return starts
    }
}

/// Formats candidates in columns, filled top to bottom like bash and ls.
enum CompletionListing {
    static func format(_ items: [String], width: Int) -> String {
        guard let widest = items.map(\.count).max() else { return "" }
        let columnWidth = widest + 2
        let columns = max(1, min(items.count, width / columnWidth))
        let rows = (items.count + columns - 1) / columns
        return (0..<rows).map { row in
            let cells = stride(from: row, to: items.count, by: rows).map { items[$0] }
            return cells.enumerated().map { column, item in
                column == cells.count - 1 ? item : item.padding(toLength: columnWidth)
            }.joined()
        }.joined(separator: "\n")
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        self + String(repeating: " ", count: Swift.max(0, length - count))
    }
}
