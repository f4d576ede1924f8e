import Foundation

/// What BTC's completed daily rows (every row of the window but the last) add to the last
/// row's snapshot, added in row order from the oldest row exactly as `BTCSnapshot.lastRow`
/// adds them: a backtest computes them once per day, so each hour of the day only adds its
/// partial candle, and the snapshot stays bit for bit the live one.
public struct BTCCompletedRows: Sendable, Equatable {
    /// Closes of the 199 rows before the last (ma200 and the zscore's mean); nil when one is not finite.
    let close199: Double?
    /// Whether those 199 closes are all equal (the zscore's deviation is then 0 if the last is too).
    let close199AllEqual: Bool
    /// ln(close) of the 199 rows before the last (geom200); nil when a close is not positive.
    let logClose199: Double?
    /// ma200 of the row 20 before the last (the ma200 slope), entirely completed rows.
    let earlierMean: Double?

    /// The sums for the last row of `close`, from its completed rows; nil when the window is
    /// shorter than 200 rows (the snapshot is then computed in full).
    public init?(close: DailyColumn) {
        let last = close.count - 1
        guard last >= 199 + 20 else { return nil }
        var sum = 0.0
        var finite = true
        var logSum: Double? = 0
        let first = close[last - 199]
        var allEqual = true
        for row in (last - 199)..<last {
            let value = close[row]
            finite = finite && value.isFinite
            sum += value
            allEqual = allEqual && value == first
            if let partial = logSum {
                let logarithm = value > 0 ? log(value) : .nan
                logSum = logarithm.isFinite ? partial + logarithm : nil
            }
        }
        close199 = finite ? sum : nil
        close199AllEqual = allEqual
        logClose199 = logSum
        earlierMean = RowFigures.mean(close, window: 200, endingAt: last - 20)
    }

    /// ma200 at the last row.
    func mean(last: Double) -> Double? {
        guard let close199, last.isFinite else { return nil }
        return (close199 + last) / 200
    }

    /// The last row's zscore, `(close − ma200) / std200`, two-pass like `BTCSnapshot.zscore`.
    func zscore(_ close: DailyColumn) -> Double? {
        let last = close.count - 1
        guard let mean = mean(last: close[last]) else { return nil }
        if close199AllEqual, close[last] == close[last - 199] { return nil }
        var squares = 0.0
        for row in (last - 199)...last {
            let deviation = close[row] - mean
            squares += deviation * deviation
        }
        let std = (squares / 199).squareRoot()
        guard std != 0 else { return nil }
        return (close[last] - mean) / std
    }

    /// Mean of ln(close) over the 200 rows ending at the last.
    func meanLogClose(last: Double) -> Double? {
        guard let logClose199, last > 0 else { return nil }
        let logarithm = log(last)
        guard logarithm.isFinite else { return nil }
        return (logClose199 + logarithm) / 200
    }
}
