import Foundation

/// Locale-independent number formatting for messages and logs (Python format-spec equivalents).
public enum Format {
    /// `{:.Nf}`: C's `%.*f` (round half to even on the binary value, as Python and
    /// `String(format:)` do), written straight into a stack buffer — it runs for every log line
    /// of every cycle, and a backtest runs 70,000 cycles. A `,` from a host locale is put back to `.`.
    package static func fixed(_ value: Double, _ places: Int) -> String {
        let precision = Int32(max(0, min(places, 30)))
        let capacity = 352  // "%.30f" of ±1.8e308: 309 digits, sign, point, 30 decimals
        let text = withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer -> String in
            guard let base = buffer.baseAddress else { return "" }
            let written = withVaList([precision, value]) { vsnprintf(base, capacity, "%.*f", $0) }
            guard written > 0, written < capacity else { return "" }
            return String(decoding: UnsafeRawBufferPointer(start: base, count: Int(written)), as: UTF8.self)
        }
        return text.contains(",") ? text.replacingOccurrences(of: ",", with: ".") : text
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
