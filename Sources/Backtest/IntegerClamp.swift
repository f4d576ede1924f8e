/// Converting a `Double` to `Int` with `Int(_:)` traps when the value is NaN, infinite or outside
/// `Int`'s range, and chart coordinates, tick counts and day counts derived from outside data can
/// be any of those. Every such conversion in this module goes through here, so a wild input gives
/// a bounded number instead of a crash.
public enum IntegerClamp {
    /// `value` truncated toward zero and clamped into `range`; NaN gives `fallback` (itself clamped).
    public static func int(_ value: Double, in range: ClosedRange<Int>, ifNaN fallback: Int) -> Int {
        guard !value.isNaN else { return clamp(fallback, to: range) }
        // Comparing in `Double` first keeps `Int(_:)` away from values it cannot represent; the
        // bounds may round when converted, so the result is clamped once more as `Int`.
        if value <= Double(range.lowerBound) { return range.lowerBound }
        if value >= Double(range.upperBound) { return range.upperBound }
        return clamp(Int(value), to: range)
    }

    /// `value` rounded to the nearest integer (halves away from zero), then as `int(_:in:ifNaN:)`.
    public static func rounded(_ value: Double, in range: ClosedRange<Int>, ifNaN fallback: Int) -> Int {
        int(value.rounded(), in: range, ifNaN: fallback)
    }

    static func clamp(_ value: Int, to range: ClosedRange<Int>) -> Int {
        min(max(value, range.lowerBound), range.upperBound)
    }
}
