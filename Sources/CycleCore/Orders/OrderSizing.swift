import Foundation

/// Turns a desired quantity into one the exchange accepts, in exact decimal arithmetic.
public enum OrderSizing {
    /// Floors `quantity` to the LOT_SIZE step (4 decimals when the rules are unknown).
    /// 0.3 at step 0.0001 is 0.3 exactly, never 0.2999.
    public static func floorToStep(_ quantity: Double, rules: SymbolRules?) -> Decimal {
        guard quantity.isFinite, quantity > 0 else { return 0 }
        let step = rules?.lotSize?.stepSize ?? Decimal(string: "0.0001")!
        var floored = floor(decimal(quantity), step: step)
        if let marketStep = rules?.marketLotSize?.stepSize, marketStep > 0 {
            floored = floor(floored, step: marketStep)
        }
        return floored
    }

    /// The engine's gate before sending: Binance's own check (`SymbolRules.marketOrderViolation`).
    /// A zero quantity passes (the caller reports it), and so does any order on unknown rules.
    public static func check(quantity: Decimal, price: Double, rules: SymbolRules?) -> FilterViolation? {
        guard quantity > 0, let rules else { return nil }
        return rules.marketOrderViolation(quantity: quantity, price: decimal(price))
    }

    /// The Double's shortest round-trip text read as a Decimal, so 0.1 stays 0.1.
    public static func decimal(_ value: Double) -> Decimal {
        Decimal(string: "\(value)") ?? Decimal(value)
    }

    /// The Double nearest a Decimal: what reading its exact text gives (`DecimalToDouble`
    /// skips the text where the result is provably the same).
    public static func double(_ value: Decimal) -> Double {
        DecimalToDouble.exactFastPath(value) ?? Double(text(value)) ?? NSDecimalNumber(decimal: value).doubleValue
    }

    /// Plain decimal text, locale-independent (`0.19`, never `0,19` or `1.9e-1`).
    public static func text(_ value: Decimal) -> String {
        value.description
    }

    /// Rounds half-up to `scale` decimals (earn amounts: 4 for subscriptions, 8 for redemptions).
    public static func round(_ value: Double, scale: Int) -> Decimal {
        var input = decimal(value)
        var output = Decimal()
        NSDecimalRound(&output, &input, scale, .plain)
        return output
    }

    /// `value` floored to a multiple of `step` (unchanged when the step is not positive): the one
    /// floor of the engine, the simulated exchanges and the fake Binance.
    public static func floor(_ value: Decimal, step: Decimal) -> Decimal {
        guard step > 0 else { return value }
        if let floored = integerFloor(value, step: step) { return floored }
        var ratio = value / step
        var whole = Decimal()
        NSDecimalRound(&whole, &ratio, 0, .down)
        return whole * step
    }

    /// True when `value` is a whole number of `step`s (always, for a step that is not positive).
    public static func isMultiple(_ value: Decimal, of step: Decimal) -> Bool {
        guard step > 0 else { return true }
        if let value = SmallDecimal(value), let step = SmallDecimal(step), let aligned = SmallDecimal.aligned(value, step) {
            return aligned.left % aligned.right == 0
        }
        var ratio = value / step
        var whole = Decimal()
        NSDecimalRound(&whole, &ratio, 0, .down)
        return whole == ratio
    }

    /// `floor` in 64-bit integers, for a value that is not negative and a step whose digits,
    /// aligned on the smaller exponent, fit in 64 bits: the same Decimal, bit for bit, as the
    /// division route gives (`OrderSizingTests` compares both); nil for any other pair.
    private static func integerFloor(_ value: Decimal, step: Decimal) -> Decimal? {
        guard let small = SmallDecimal(value), !small.isNegative, let step = SmallDecimal(step),
              let aligned = SmallDecimal.aligned(small, step) else { return nil }
        let floored = aligned.left / aligned.right * aligned.right
        return Decimal(sign: .plus, exponent: aligned.exponent, significand: Decimal(floored))
    }
}
