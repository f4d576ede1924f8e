import Foundation

/// Number-to-text for the chart, independent of the user's locale (a report must read the same
/// wherever it is generated): "." decimals, "," thousands, and short coordinates.
public enum ChartNumberFormat {
    /// `value` with `decimals` fraction digits and thousands separated by commas, e.g.
    /// `12,000` or `-1,234.5`; "–" for a non-finite value. Never prints "-0".
    public static func grouped(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        let digits = min(max(decimals, 0), 10)
        var text = String(format: "%.\(digits)f", value)
        var negative = false
        if text.hasPrefix("-") {
            text.removeFirst()
            negative = text.contains { $0 != "0" && $0 != "." }
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = Array(parts.first ?? Substring(text))
        var groupedWhole = ""
        for (offset, character) in whole.enumerated() {
            if offset > 0, (whole.count - offset) % 3 == 0 { groupedWhole.append(",") }
            groupedWhole.append(character)
        }
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + groupedWhole + fraction
    }

    /// A fraction as a percentage label such as `-25 %` (the space follows the report's style).
    public static func percent(_ fraction: Double, decimals: Int) -> String {
        grouped(fraction * 100, decimals: decimals) + " %"
    }

    /// An SVG coordinate rounded to one decimal, without a trailing ".0", e.g. `412.3` or `80`.
    /// Tenths are computed as an integer (clamped), which is both faster than formatting and
    /// immune to wild values.
    public static func coordinate(_ value: Double) -> String {
        let tenths = IntegerClamp.rounded(value * 10, in: -1_000_000_000...1_000_000_000, ifNaN: 0)
        let magnitude = tenths.magnitude
        let sign = tenths < 0 ? "-" : ""
        let whole = magnitude / 10, fraction = magnitude % 10
        return fraction == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}
