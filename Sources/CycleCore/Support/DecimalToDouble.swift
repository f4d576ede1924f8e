import Foundation

/// The Double nearest a Decimal, without spelling the decimal as text where the answer is known
/// to be the same: a significand of at most 2^53 is exact in a Double, and so is 10^k for
/// k ≤ 22, so one IEEE multiplication or division rounds the exact value once, to nearest, as
/// reading its text does. Any other decimal (a longer significand, a larger exponent, NaN) goes
/// through its text. `DecimalToDoubleTests` compares both routes on random and edge values.
enum DecimalToDouble {
    /// The nearest Double, or nil when only the text route can say.
    static func exactFastPath(_ value: Decimal) -> Double? {
        guard let small = SmallDecimal(value), small.significand <= 1 << 53, small.exponent >= -22, small.exponent <= 22 else { return nil }
        let magnitude = small.exponent >= 0
            ? Double(small.significand) * powersOfTen[small.exponent]
            : Double(small.significand) / powersOfTen[-small.exponent]
        return small.isNegative ? -magnitude : magnitude
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { power, _ in power * 10 }
    }
}
