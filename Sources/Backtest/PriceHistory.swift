import Strategy

/// One symbol's whole history as columns, read once: its daily candles and, when the data has
/// them, its hourly rows. Everything a cycle at time t may see is derived from rows opened at
/// or before t: the days before t's day, and t's day as a partial candle built from its hourly
/// rows so far (open of the day, high and low so far, close of the last hour, volume so far).
/// A class: a cycle reaches it several times an hour, and a copy of its columns would count a
/// reference to each of them every time.
public final class PriceHistory: Sendable {
    public let symbol: String
    /// Daily candles; with hourly data, each is the aggregate of its day's hours.
    public let days: DayColumns
    /// Hourly rows (empty when the data is daily only).
    public let hours: HourColumns

    public struct DayColumns: Sendable {
        public internal(set) var openTime: [Int64] = []
        public internal(set) var open: [Double] = []
        public internal(set) var high: [Double] = []
        public internal(set) var low: [Double] = []
        public internal(set) var close: [Double] = []
        public internal(set) var volume: [Double] = []
        public var count: Int { openTime.count }
    }

    /// Per hourly row: its open time and close, which day it belongs to, and that day's
    /// candle up to and including this hour.
    public struct HourColumns: Sendable {
        public internal(set) var openTime: [Int64] = []
        public internal(set) var close: [Double] = []
        public internal(set) var day: [Int32] = []
        public internal(set) var dayHigh: [Double] = []
        public internal(set) var dayLow: [Double] = []
        public internal(set) var dayVolume: [Double] = []
        public var count: Int { openTime.count }
    }

    public static let hourMs: Int64 = 3_600_000
    public static let dayMs: Int64 = 86_400_000

    /// From daily candles, oldest first (a daily-only history: a day is seen once it opened).
    public init(symbol: String, dailyKlines: [Kline]) {
        self.symbol = symbol
        var days = DayColumns()
        for kline in dailyKlines {
            days.openTime.append(kline.openTime)
            days.open.append(kline.open)
            days.high.append(kline.high)
            days.low.append(kline.low)
            days.close.append(kline.close)
            days.volume.append(kline.volume)
        }
        self.days = days
        self.hours = HourColumns()
    }

    /// From hourly candles, oldest first, without duplicates; the daily candles are their aggregates.
    public init(symbol: String, hourlyKlines: [Kline]) {
        self.symbol = symbol
        var days = DayColumns()
        var hours = HourColumns()
        hours.openTime.reserveCapacity(hourlyKlines.count)
        for kline in hourlyKlines {
            let dayStart = kline.openTime - kline.openTime % Self.dayMs
            if days.openTime.last != dayStart {
                days.openTime.append(dayStart)
                days.open.append(kline.open)
                days.high.append(kline.high)
                days.low.append(kline.low)
                days.close.append(kline.close)
                days.volume.append(kline.volume)
            } else {
                let last = days.count - 1
                days.high[last] = max(days.high[last], kline.high)
                days.low[last] = min(days.low[last], kline.low)
                days.close[last] = kline.close
                days.volume[last] += kline.volume
            }
            let day = days.count - 1
            hours.openTime.append(kline.openTime)
            hours.close.append(kline.close)
            hours.day.append(Int32(truncatingIfNeeded: day))
            hours.dayHigh.append(days.high[day])
            hours.dayLow.append(days.low[day])
            hours.dayVolume.append(days.volume[day])
        }
        self.days = days
        self.hours = hours
    }

    public var hasHours: Bool { hours.count > 0 }

    /// What a cycle at `cutoff` (ms) sees of this symbol: nil before its first row, and nil
    /// while its newest row is stale (`isFresh`), so no price comes from a row long gone.
    public func view(at cutoff: Int64) -> View? {
        var hint = -1
        return view(at: cutoff, freshOnly: true, hint: &hint)
    }

    /// The same, for a reader that moves forward in time: `hint` is the row it saw last
    /// (-1 at first), checked with the row after it before any search, and updated.
    func view(at cutoff: Int64, hint: inout Int) -> View? {
        view(at: cutoff, freshOnly: true, hint: &hint)
    }

    /// The newest row at or before `cutoff` however old it is (to value a holding at its last
    /// known price); nil before the first row.
    public func lastView(at cutoff: Int64) -> View? {
        var hint = -1
        return view(at: cutoff, freshOnly: false, hint: &hint)
    }

    private func view(at cutoff: Int64, freshOnly: Bool, hint: inout Int) -> View? {
        if hasHours {
            guard let hour = Self.lastIndex(in: hours.openTime, atOrBefore: cutoff, hint: &hint),
                  !freshOnly || Self.isFresh(rowOpenedAt: hours.openTime[hour], interval: Self.hourMs, cutoff: cutoff) else { return nil }
            let day = Int(hours.day[hour])
            return View(day: day, open: days.open[day], high: hours.dayHigh[hour], low: hours.dayLow[hour],
                        close: hours.close[hour], volume: hours.dayVolume[hour])
        }
        guard let day = Self.lastIndex(in: days.openTime, atOrBefore: cutoff),
              !freshOnly || Self.isFresh(rowOpenedAt: days.openTime[day], interval: Self.dayMs, cutoff: cutoff) else { return nil }
        return View(day: day, open: days.open[day], high: days.high[day], low: days.low[day], close: days.close[day], volume: days.volume[day])
    }

    /// The days before `view.day` and `view`'s own (partial) candle, the last `limit` of them, as klines.
    public func dailyKlines(through view: View, limit: Int) -> [Kline] {
        let first = max(0, view.day + 1 - limit)
        var klines = (first..<view.day).map {
            Kline(openTime: days.openTime[$0], open: days.open[$0], high: days.high[$0], low: days.low[$0], close: days.close[$0], volume: days.volume[$0])
        }
        klines.append(view.kline(openTime: days.openTime[view.day]))
        return klines
    }

    /// A symbol's day as seen at one moment: the index of the day and its candle so far.
    public struct View: Sendable, Equatable {
        public let day: Int
        public let open: Double
        public let high: Double
        public let low: Double
        public let close: Double
        public let volume: Double

        func kline(openTime: Int64) -> Kline {
            Kline(openTime: openTime, open: open, high: high, low: low, close: close, volume: volume)
        }
    }

    /// Index of the last element ≤ `value` in ascending `values`.
    /// `lastIndex(in:atOrBefore:)`, trying the row at `hint` and the one after it first (an
    /// hourly reader's next answer); `hint` becomes the answer (-1 for none).
    static func lastIndex(in values: [Int64], atOrBefore value: Int64, hint: inout Int) -> Int? {
        func isAnswer(_ index: Int) -> Bool {
            index >= 0 && index < values.count && values[index] <= value && (index + 1 == values.count || values[index + 1] > value)
        }
        if isAnswer(hint + 1) {
            hint += 1
            return hint
        }
        if isAnswer(hint) { return hint }
        let found = lastIndex(in: values, atOrBefore: value)
        hint = found ?? -1
        return found
    }

    static func lastIndex(in values: [Int64], atOrBefore value: Int64) -> Int? {
        var low = 0, high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : low - 1
    }
}
