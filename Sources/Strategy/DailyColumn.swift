/// One column of daily rows (closes, highs, …) whose last row may be today's partial candle:
/// the completed rows are a slice of a longer history (never copied), the last row a value of
/// its own. Rows are indexed from 0 (the oldest row of the window) to `count − 1` (the last).
public struct DailyColumn: Sendable {
    private let completed: ArraySlice<Double>
    private let last: Double

    /// `completed` then `last` as the final row.
    public init(completed: ArraySlice<Double>, last: Double) {
        self.completed = completed
        self.last = last
    }

    /// A column of every value of `values` (the last one is the last row); `values` must not be empty.
    public init(_ values: [Double]) {
        self.init(completed: values.dropLast(), last: values.last ?? .nan)
    }

    public var count: Int { completed.count + 1 }

    public subscript(row: Int) -> Double {
        row < completed.count ? completed[completed.startIndex + row] : last
    }
}

/// The rolling figures of `Series`, evaluated at one row only. Each sums its window in the same
/// order as `Series` does (from the oldest row, starting at 0), so a figure is bit-for-bit the
/// value `Series` gives for that row, at O(window) instead of O(rows × window).
enum RowFigures {
    /// Mean of the `window` rows ending at `row`; nil when the window is not full or holds a non-finite value.
    static func mean(_ column: DailyColumn, window: Int, endingAt row: Int) -> Double? {
        guard window > 0, row < column.count, row + 1 >= window else { return nil }
        var sum = 0.0
        for index in (row + 1 - window)...row {
            let value = column[index]
            guard value.isFinite else { return nil }
            sum += value
        }
        return sum / Double(window)
    }

    /// Sample standard deviation (n − 1) of the `window` rows ending at `row`, two-pass like `Series`.
    static func sampleStd(_ column: DailyColumn, window: Int, endingAt row: Int) -> Double? {
        sampleStd(window: window, endingAt: row, count: column.count) { column[$0] }
    }

    /// Sample standard deviation of the daily returns (`close / previous close − 1`) of the
    /// `window` rows ending at `row`; a row without a previous close makes it undefined.
    static func returnsSampleStd(_ close: DailyColumn, window: Int, endingAt row: Int) -> Double? {
        guard row + 1 >= window + 1 else { return nil }
        return sampleStd(window: window, endingAt: row, count: close.count) { close[$0] / close[$0 - 1] - 1 }
    }

    /// `value[row] / value[row − lag] − 1`.
    static func percentChange(_ column: DailyColumn, lag: Int, at row: Int) -> Double? {
        guard row >= lag, row < column.count else { return nil }
        return column[row] / column[row - lag] - 1
    }

    private static func sampleStd(window: Int, endingAt row: Int, count: Int, _ value: (Int) -> Double) -> Double? {
        guard window > 1, row < count, row + 1 >= window else { return nil }
        let range = (row + 1 - window)...row
        var sum = 0.0
        for index in range {
            let element = value(index)
            guard element.isFinite else { return nil }
            sum += element
        }
        let mean = sum / Double(window)
        let first = value(range.lowerBound)
        if range.allSatisfy({ value($0) == first }) { return 0 }
        var squares = 0.0
        for index in range {
            let deviation = value(index) - mean
            squares += deviation * deviation
        }
        return (squares / Double(window - 1)).squareRoot()
    }
}
