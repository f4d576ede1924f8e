/// What a daily window's completed rows (every row but the last) add to the last row's
/// indicators: each sum added in row order, from the oldest row of its window, exactly as
/// `SymbolIndicators.lastRow` adds them. A backtest computes them once per day (a cursor),
/// so each hour of the day only adds its partial candle; the figures stay bit for bit those of
/// the live computation.
public struct CompletedRowSums: Sendable, Equatable {
    /// Closes of the 19, 59 and 199 rows before the last (sma20, sma60, sma200).
    var close19: Double
    var close59: Double
    var close199: Double
    /// True ranges of the 13 rows before the last (atr14).
    var trueRange13: Double
    /// close × volume of the 29, 89 and 179 rows before the last (avg quote volume 30/90/180).
    var quoteVolume29: Double
    var quoteVolume89: Double
    var quoteVolume179: Double
    /// How many of the 89 rows before the last closed above their own sma200.
    var aboveSma200Count89: Double

    /// The rows that must exist for the sums to stand for the last row's windows: the longest
    /// window (200), and a row before the atr's first so its true range has a previous close.
    public static let rowsNeeded = 200

    /// The sums for the last row of a window of `rows` rows, from the completed rows' values;
    /// nil when the window is shorter than `rowsNeeded` (the figures are then computed in full).
    public init?(rows: Int, close: (Int) -> Double, high: (Int) -> Double, low: (Int) -> Double, volume: (Int) -> Double,
                 aboveSma200: (Int) -> Double) {
        let last = rows - 1
        guard rows >= Self.rowsNeeded else { return nil }
        func sum(_ count: Int, _ value: (Int) -> Double) -> Double {
            var total = 0.0
            for row in (last - count)..<last { total += value(row) }
            return total
        }
        close19 = sum(19, close)
        close59 = sum(59, close)
        close199 = sum(199, close)
        trueRange13 = sum(13) { row in
            let previousClose = close(row - 1)
            return max(high(row) - low(row), abs(high(row) - previousClose), abs(low(row) - previousClose))
        }
        quoteVolume29 = sum(29) { close($0) * volume($0) }
        quoteVolume89 = sum(89) { close($0) * volume($0) }
        quoteVolume179 = sum(179) { close($0) * volume($0) }
        aboveSma200Count89 = sum(89, aboveSma200)
    }
}
