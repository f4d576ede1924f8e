/// A chart cannot show more points than it has pixels, and an 8-year hourly run has ~70,000
/// samples per series; drawing them all makes the SVG megabytes large for no visible gain.
/// Picking evenly spaced samples (always the first and the last) keeps the shape and the file small.
public enum EvenDownsampling {
    /// Increasing indices into `0..<count`, at most `limit` of them (at least 2 when `count` ≥ 2),
    /// including `0` and `count - 1`, spread as evenly as integers allow.
    public static func indices(count: Int, limit: Int) -> [Int] {
        guard count > 0 else { return [] }
        let limit = max(limit, 2)
        guard count > limit else { return Array(0..<count) }
        let lastIndex = count - 1, lastSlot = limit - 1
        // Nearest-integer position of slot k on the 0...lastIndex line. Since count > limit the
        // spacing exceeds 1, so the indices are strictly increasing without duplicates.
        return (0..<limit).map { slot in
            let scaled = slot.multipliedFullWidth(by: lastIndex)
            let (quotient, remainder) = lastSlot.dividingFullWidth((scaled.high, scaled.low))
            return remainder >= lastSlot - remainder ? quotient + 1 : quotient
        }
    }
}
