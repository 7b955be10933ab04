/// Line differences between a recorded and a derived plan, in order, for `replay --check`.
public enum PlanDiff {
    public enum Line: Hashable, Sendable {
        case same(String), removed(String), added(String)
    }

    /// A longest-common-subsequence diff; plans are short, so quadratic is fine.
    public static func diff(_ old: [String], _ new: [String]) -> [Line] {
        var table = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var result: [Line] = []
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                result.append(.same(old[i])); i += 1; j += 1
            } else if j < new.count, i == old.count || table[i][j + 1] >= table[i + 1][j] {
                result.append(.added(new[j])); j += 1
            } else {
                result.append(.removed(old[i])); i += 1
            }
        }
        return result
    }
}
