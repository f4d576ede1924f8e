import Engine
import Foundation

/// Rows missing from the inputs, per symbol, from the symbol's first row to the run's last
/// cycle: every interval slot (an hour, or a day for daily-only data) after a row with no row of
/// its own. A symbol listed later has no gap before its first row; one whose rows stop early has
/// one up to the last cycle. Only symbols with a missing row are listed.
public struct DataGaps: Sendable, Equatable {
    /// One symbol's missing rows; times in milliseconds.
    public struct SymbolGaps: Sendable, Equatable {
        public var intervalMs: Int64
        public var missingRows: Int64
        /// Stretches of consecutive missing rows.
        public var gaps: Int64
        public var longestGapRows: Int64
        /// Open time the first missing row would have had.
        public var firstMissingOpenTime: Int64?

        public init(intervalMs: Int64, missingRows: Int64 = 0, gaps: Int64 = 0, longestGapRows: Int64 = 0, firstMissingOpenTime: Int64? = nil) {
            self.intervalMs = intervalMs
            self.missingRows = missingRows
            self.gaps = gaps
            self.longestGapRows = longestGapRows
            self.firstMissingOpenTime = firstMissingOpenTime
        }

        public var longestGapHours: Int64 { longestGapRows.multipliedReportingOverflow(by: intervalMs / PriceHistory.hourMs).partialValue }
        /// `firstMissingOpenTime` in ISO-8601 UTC, as trades.csv writes times.
        public var firstGapAt: String? {
            firstMissingOpenTime.map { Date(timeIntervalSince1970: TimeInterval($0 / 1000)).isoWithOffset }
        }
        public var intervalName: String { intervalMs == PriceHistory.hourMs ? "1h" : "1d" }

        /// `rows` missing right after the row that opened at `previous`.
        mutating func add(missing rows: Int64, after previous: Int64) {
            guard rows > 0 else { return }
            missingRows = missingRows.addingReportingOverflow(rows).partialValue
            gaps += 1
            longestGapRows = max(longestGapRows, rows)
            if firstMissingOpenTime == nil { firstMissingOpenTime = previous.addingReportingOverflow(intervalMs).partialValue }
        }
    }

    public let symbols: [String: SymbolGaps]

    public static let none = DataGaps(symbols: [:])

    public init(symbols: [String: SymbolGaps]) {
        self.symbols = symbols
    }

    /// The gaps of every history up to the cycle at `end` (ms).
    public init(histories: [String: PriceHistory], through end: Int64) {
        var symbols: [String: SymbolGaps] = [:]
        for (symbol, history) in histories {
            let gaps = Self.gaps(openTimes: history.hasHours ? history.hours.openTime : history.days.openTime, interval: history.interval, through: end)
            if gaps.missingRows > 0 { symbols[symbol] = gaps }
        }
        self.symbols = symbols
    }

    /// Slots missing between ascending `openTimes` and after the last one up to `end`.
    static func gaps(openTimes: [Int64], interval: Int64, through end: Int64) -> SymbolGaps {
        var gaps = SymbolGaps(intervalMs: interval)
        guard interval > 0, let first = openTimes.first, first <= end else { return gaps }
        var previous = first
        for openTime in openTimes.dropFirst() {
            guard openTime <= end else { break }
            gaps.add(missing: slots(from: previous, to: openTime, interval: interval) - 1, after: previous)
            previous = openTime
        }
        // The slots that opened after the last row, up to the last cycle.
        gaps.add(missing: slots(from: previous, to: end, interval: interval), after: previous)
        return gaps
    }

    /// Whole intervals from `start` to `end` (0 when a difference does not fit an `Int64`).
    private static func slots(from start: Int64, to end: Int64, interval: Int64) -> Int64 {
        let (difference, overflow) = end.subtractingReportingOverflow(start)
        return overflow ? 0 : difference / interval
    }
}
