/// Dutch wording shared by every message that counts something.
public enum Dutch {
    /// «1 antwoord», «2 antwoorden»: the noun agrees with the number.
    public static func count(_ number: Int, _ one: String, _ many: String) -> String { "\(number) \(number == 1 ? one : many)" }
}
