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

    /// The sums for the last row of a window whose rows, the last included (its own values are
    /// not read), are the slices' elements in order; nil when the window is shorter than
    /// `rowsNeeded` (the figures are then computed in full). Every slice holds the same rows.
    public init?(close: ArraySlice<Double>, high: ArraySlice<Double>, low: ArraySlice<Double>, volume: ArraySlice<Double>,
                 aboveSma200: ArraySlice<Double>) {
        let rows = close.count
        guard rows >= Self.rowsNeeded, high.count == rows, low.count == rows, volume.count == rows, aboveSma200.count == rows else {
            return nil
        }
        let end = close.startIndex + rows - 1
        func sum(_ count: Int, _ column: ArraySlice<Double>) -> Double {
            var total = 0.0
            for row in (end - count)..<end { total += column[row - close.startIndex + column.startIndex] }
            return total
        }
        func quoteVolume(_ count: Int) -> Double {
            var total = 0.0
            for row in (end - count)..<end { total += close[row] * volume[row - close.startIndex + volume.startIndex] }
            return total
        }
        close19 = sum(19, close)
        close59 = sum(59, close)
        close199 = sum(199, close)
        var trueRanges = 0.0
        for row in (end - 13)..<end {
            let offset = row - close.startIndex
            let previousClose = close[row - 1]
            let high = high[high.startIndex + offset], low = low[low.startIndex + offset]
            trueRanges += max(high - low, abs(high - previousClose), abs(low - previousClose))
        }
        trueRange13 = trueRanges
        quoteVolume29 = quoteVolume(29)
        quoteVolume89 = quoteVolume(89)
        quoteVolume179 = quoteVolume(179)
        aboveSma200Count89 = sum(89, aboveSma200)
    }
}
