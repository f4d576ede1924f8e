import Foundation

/// Decimal arithmetic that skips Foundation's general algorithm where 64-bit integers give the
/// exact answer: both operands' digits (aligned on the smaller exponent, for a sum) and the
/// result's fit in 64 bits. The result is the Decimal Foundation's operator gives, bit for bit
/// (Foundation keeps every result compact, as `Decimal(sign:exponent:significand:)` does);
/// `DecimalFastArithmeticTests` compares both on edges and random operands. Any other operands
/// go through Foundation. Foundation's operators allocate on every call, and a simulated fill
/// makes dozens of them.
extension Decimal {
    /// `self + other`.
    public func plus(_ other: Decimal) -> Decimal {
        Self.fastSum(self, other, negatingOther: false) ?? self + other
    }

    /// `self - other`.
    public func minus(_ other: Decimal) -> Decimal {
        Self.fastSum(self, other, negatingOther: true) ?? self - other
    }

    /// `self * other`.
    public func times(_ other: Decimal) -> Decimal {
        guard let left = SmallDecimal(self), let right = SmallDecimal(other) else { return self * other }
        let (high, low) = left.significand.multipliedFullWidth(by: right.significand)
        let exponent = left.exponent + right.exponent
        guard high == 0, Self.exponentRange.contains(exponent) else { return self * other }
        return Self.make(negative: left.isNegative != right.isNegative, significand: low, exponent: exponent)
    }

    /// `self < other`.
    public func isBelow(_ other: Decimal) -> Bool {
        guard let left = SmallDecimal(self), let right = SmallDecimal(other), let aligned = SmallDecimal.aligned(left, right) else {
            return self < other
        }
        switch (left.isNegative, right.isNegative) {
        case (false, false): return aligned.left < aligned.right
        case (true, true): return aligned.left > aligned.right
        case (true, false): return true
        case (false, true): return false
        }
    }

    /// `self >= other`.
    public func isAtLeast(_ other: Decimal) -> Bool {
        guard SmallDecimal(self) != nil, SmallDecimal(other) != nil else { return self >= other }
        return !isBelow(other)
    }

    /// `self > 0`.
    public var isPositive: Bool { !isNaN && !isZero && sign == .plus }

    /// `NSDecimalRound(self, scale, mode)` for `.down` and `.up` (the paper wallet's rounding).
    public func rounded(toScale scale: Int, _ mode: Decimal.RoundingMode) -> Decimal {
        if let fast = Self.fastRounded(self, scale: scale, mode: mode) { return fast }
        var value = self
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, scale, mode)
        return rounded
    }

    private static let exponentRange = -128...127

    private static func make(negative: Bool, significand: UInt64, exponent: Int) -> Decimal {
        Decimal(sign: negative && significand != 0 ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
    }

    private static func fastSum(_ left: Decimal, _ right: Decimal, negatingOther: Bool) -> Decimal? {
        guard let small = SmallDecimal(left), let other = SmallDecimal(right), let aligned = SmallDecimal.aligned(small, other) else {
            return nil
        }
        let otherNegative = other.isNegative != negatingOther && other.significand != 0
        if small.isNegative == otherNegative {
            let (sum, overflow) = aligned.left.addingReportingOverflow(aligned.right)
            guard !overflow else { return nil }
            return make(negative: small.isNegative, significand: sum, exponent: aligned.exponent)
        }
        // Opposite signs: the larger magnitude keeps its sign.
        return aligned.left >= aligned.right
            ? make(negative: small.isNegative, significand: aligned.left - aligned.right, exponent: aligned.exponent)
            : make(negative: otherNegative, significand: aligned.right - aligned.left, exponent: aligned.exponent)
    }

    /// Rounds a positive value to `scale` decimals toward zero (`.down`) or away from it
    /// (`.up`); nil for any other mode or value, and for a result of zero (Foundation's rounded
    /// zero keeps the scale as its exponent, a form no other operation makes).
    private static func fastRounded(_ value: Decimal, scale: Int, mode: Decimal.RoundingMode) -> Decimal? {
        guard mode == .down || mode == .up, let small = SmallDecimal(value), !small.isNegative, small.significand != 0 else { return nil }
        let dropped = -scale - small.exponent
        guard dropped > 0 else { return make(negative: false, significand: small.significand, exponent: small.exponent) }
        guard dropped <= 19 else { return nil }
        var divisor: UInt64 = 1
        for _ in 0..<dropped { divisor *= 10 }
        let (quotient, remainder) = small.significand.quotientAndRemainder(dividingBy: divisor)
        let kept = mode == .up && remainder != 0 ? quotient + 1 : quotient
        guard kept != 0 else { return nil }
        return make(negative: false, significand: kept, exponent: -scale)
    }
}
