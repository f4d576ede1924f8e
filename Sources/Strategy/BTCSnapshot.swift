#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// BTC valuation and regime figures used by the rotation gate and DCA (docs/strategy.md#btc-snapshot).
public struct BTCSnapshot: Sendable, Equatable {
    public var ma200: Double
    public var zscore: Double
    public var geom200: Double
    /// 95th percentile of the 365-row zscore window, floored at 2.5.
    public var sellTrigger: Double
    /// ma200 / ma200 twenty rows earlier − 1 (fraction).
    public var ma200Slope: Double
    /// price / geom200, with price the current average price.
    public var ahr999: Double
    public var btcRoc20: Double?
    public var btcRoc60: Double?
    public var btcRoc120: Double?
    public var regimeOn: Bool
    /// Cycle-indicator fields merged from an external file (ahr999_gma, mayer_multiple, …); informational.
    public var extras: [String: Double]

    public init(
        ma200: Double, zscore: Double, geom200: Double, sellTrigger: Double, ma200Slope: Double,
        ahr999: Double, btcRoc20: Double?, btcRoc60: Double?, btcRoc120: Double?, regimeOn: Bool,
        extras: [String: Double] = [:]
    ) {
        self.ma200 = ma200
        self.zscore = zscore
        self.geom200 = geom200
        self.sellTrigger = sellTrigger
        self.ma200Slope = ma200Slope
        self.ahr999 = ahr999
        self.btcRoc20 = btcRoc20
        self.btcRoc60 = btcRoc60
        self.btcRoc120 = btcRoc120
        self.regimeOn = regimeOn
        self.extras = extras
    }

    public var hasMomentum: Bool { btcRoc20 != nil && btcRoc60 != nil && btcRoc120 != nil }
}

extension BTCSnapshot {
    public static let sellTriggerFloor = 2.5

    /// Raw per-row figures before the current price is applied.
    public struct Row: Sendable, Equatable {
        public let index: Int
        public let ma200: Double
        public let zscore: Double
        public let geom200: Double
        public let sellTrigger: Double
        public let ma200Slope: Double
        public let roc20: Double
        public let roc60: Double
        public let roc120: Double
    }

    /// Every row where all figures exist, in order.
    public static func validRows(from klines: [Kline]) -> [Row] {
        let close: [Double?] = klines.map { $0.close }
        let ma200 = Series.rollingMean(close, window: 200)
        let std200 = Series.rollingSampleStd(close, window: 200)
        let zscore: [Double?] = close.indices.map { index in
            guard let value = close[index], let mean = ma200[index], let std = std200[index], std != 0 else { return nil }
            return (value - mean) / std
        }
        let logClose: [Double?] = close.map { value in value.flatMap { $0 > 0 ? log($0) : nil } }
        let geom200 = Series.rollingMean(logClose, window: 200).map { $0.map(exp) }
        let trigger = Series.rollingQuantile(zscore, window: 365, quantile: 0.95)
        let slope = Series.percentChange(ma200, lag: 20)
        let roc20 = Series.percentChange(close, lag: 20)
        let roc60 = Series.percentChange(close, lag: 60)
        let roc120 = Series.percentChange(close, lag: 120)

        return close.indices.compactMap { index in
            guard
                let mean = ma200[index], let z = zscore[index], let geom = geom200[index],
                let rawTrigger = trigger[index], let slope = slope[index],
                let r20 = roc20[index], let r60 = roc60[index], let r120 = roc120[index]
            else { return nil }
            return Row(
                index: index, ma200: mean, zscore: z, geom200: geom,
                sellTrigger: max(rawTrigger, sellTriggerFloor), ma200Slope: slope,
                roc20: r20, roc60: r60, roc120: r120
            )
        }
    }

    /// The snapshot from the last qualifying row, priced at `price`; nil when no row qualifies.
    /// The last row is tried alone first (the usual case); only when it does not qualify are
    /// the earlier rows searched.
    public static func compute(from klines: [Kline], price: Double) -> BTCSnapshot? {
        let close = DailyColumn(klines.map(\.close))
        let last = close.count - 1
        if last >= triggerWindow - 1 {
            var earlier: [Double] = []
            earlier.reserveCapacity(triggerWindow - 1)
            for row in (last + 1 - triggerWindow)..<last {
                guard let z = zscore(close, row: row) else { break }
                earlier.append(z)
            }
            if earlier.count == triggerWindow - 1,
               let snapshot = lastRow(close: close, earlierZscoresSorted: earlier.sorted(), price: price) {
                return snapshot
            }
        }
        guard let row = validRows(from: klines).last else { return nil }
        return BTCSnapshot(
            ma200: row.ma200, zscore: row.zscore, geom200: row.geom200,
            sellTrigger: row.sellTrigger, ma200Slope: row.ma200Slope,
            ahr999: price / row.geom200,
            btcRoc20: row.roc20, btcRoc60: row.roc60, btcRoc120: row.roc120,
            regimeOn: price > row.ma200 && row.ma200Slope > 0
        )
    }
}

extension BTCSnapshot {
    /// Rows in the sell trigger's zscore percentile.
    public static let triggerWindow = 365

    /// `(close − ma200) / std200` of `row`; nil when undefined (short history, std 0).
    public static func zscore(_ close: DailyColumn, row: Int) -> Double? {
        guard let mean = RowFigures.mean(close, window: 200, endingAt: row),
              let std = RowFigures.sampleStd(close, window: 200, endingAt: row), std != 0 else { return nil }
        return (close[row] - mean) / std
    }

    /// The snapshot of the window's last row alone, priced at `price`, given the zscores of the
    /// 364 rows before it, sorted ascending (the backtest keeps them per day, since only the
    /// last row moves within a day). nil when the last row does not qualify. Bit for bit the
    /// figures `validRows` gives for that row.
    /// `completed`: the completed rows' sums for this window, when the caller keeps them (a
    /// backtest's per-day cursor); the figures are then the same bits without a pass over the window's logs.
    public static func lastRow(close: DailyColumn, earlierZscoresSorted earlier: [Double], price: Double,
                               completed: BTCCompletedRows? = nil) -> BTCSnapshot? {
        let last = close.count - 1
        guard earlier.count == triggerWindow - 1, earlier.allSatisfy(\.isFinite),
              let mean = completed.map({ $0.mean(last: close[last]) }) ?? RowFigures.mean(close, window: 200, endingAt: last),
              let z = completed.map({ $0.zscore(close) }) ?? zscore(close, row: last), z.isFinite,
              let meanLog = completed.map({ $0.meanLogClose(last: close[last]) }) ?? meanLogClose(close, endingAt: last),
              let earlierMean = completed.map(\.earlierMean) ?? RowFigures.mean(close, window: 200, endingAt: last - 20),
              let r20 = RowFigures.percentChange(close, lag: 20, at: last),
              let r60 = RowFigures.percentChange(close, lag: 60, at: last),
              let r120 = RowFigures.percentChange(close, lag: 120, at: last)
        else { return nil }
        let geom = exp(meanLog)
        let slope = mean / earlierMean - 1
        let trigger = max(percentile95(earlier, inserting: z), sellTriggerFloor)
        return BTCSnapshot(
            ma200: mean, zscore: z, geom200: geom, sellTrigger: trigger, ma200Slope: slope,
            ahr999: price / geom, btcRoc20: r20, btcRoc60: r60, btcRoc120: r120,
            regimeOn: price > mean && slope > 0
        )
    }

    /// Mean of ln(close) over the 200 rows ending at `row`; nil when a close is not positive.
    private static func meanLogClose(_ close: DailyColumn, endingAt row: Int) -> Double? {
        guard row + 1 >= 200 else { return nil }
        var sum = 0.0
        for index in (row - 199)...row {
            let value = close[index]
            guard value > 0 else { return nil }
            let logarithm = log(value)
            guard logarithm.isFinite else { return nil }
            sum += logarithm
        }
        return sum / 200
    }

    /// The 95th percentile (linear interpolation, as `Series.rollingQuantile`) of `sorted` with
    /// `value` inserted in order, without building the merged array.
    private static func percentile95(_ sorted: [Double], inserting value: Double) -> Double {
        let count = sorted.count + 1
        let position = 0.95 * Double(count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, count - 1)
        let fraction = position - Double(lower)
        let insertAt = sorted.partitioningIndex { $0 > value }
        func element(_ index: Int) -> Double {
            index < insertAt ? sorted[index] : index == insertAt ? value : sorted[index - 1]
        }
        return element(lower) + (element(upper) - element(lower)) * fraction
    }
}

extension Array where Element == Double {
    /// The first index whose element satisfies `belongs` (which must be false then true along the array).
    public func partitioningIndex(where belongs: (Double) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if belongs(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
