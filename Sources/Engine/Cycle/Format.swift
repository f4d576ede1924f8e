import Foundation

/// Locale-independent number formatting for messages and logs (Python format-spec equivalents).
public enum Format {
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// `{:.Nf}`
    static func fixed(_ value: Double, _ places: Int) -> String {
        String(format: "%.\(places)f", locale: posix, value)
    }

    /// `{:,.0f}`: thousands separators, no decimals.
    static func grouped(_ value: Double) -> String {
        let whole = fixed(value, 0)
        let negative = whole.hasPrefix("-")
        let digits = Array(negative ? String(whole.dropFirst()) : whole)
        var output = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { output.append(",") }
            output.append(digit)
        }
        return (negative ? "-" : "") + output
    }

    /// `{:.N%}` or `{:+.N%}`.
    static func percent(_ value: Double, _ places: Int, signed: Bool = false) -> String {
        let text = fixed(value * 100, places) + "%"
        return signed && value >= 0 ? "+" + text : text
    }

    /// A quantity as Python prints a float (`0.19`, `2.53`, `0.0004`).
    public static func quantity(_ value: Double) -> String {
        JSONWriter.format(value)
    }
}
