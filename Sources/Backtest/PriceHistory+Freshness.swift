extension PriceHistory {
    /// The length of one row in ms: an hour with hourly rows, else a day.
    public var interval: Int64 { hasHours ? Self.hourMs : Self.dayMs }

    /// Whether a row that opened at `openTime` may still price a cycle at `cutoff` (all ms).
    /// A row covers [openTime, openTime + interval); the time after it that no row covers must
    /// be shorter than one whole interval. So the cron at hh:59:59 prices from the row that
    /// opened at hh:00 (uncovered: none) and, when that row is missing, from the one at
    /// hh−1:00 (uncovered: 59 min 59 s); with two rows missing the symbol has no price. The
    /// same holds for daily rows and a cycle at 23:59:59.
    public static func isFresh(rowOpenedAt openTime: Int64, interval: Int64, cutoff: Int64) -> Bool {
        // Outside numbers never trap: an age beyond `Int64` is stale.
        let (age, overflow) = cutoff.subtractingReportingOverflow(openTime)
        guard !overflow else { return false }
        // uncovered = age − interval, compared without subtracting when the row is recent.
        return age < interval || age - interval < interval
    }
}
