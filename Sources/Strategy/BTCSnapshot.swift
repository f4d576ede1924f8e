#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// BTC valuation and regime figures used by the rotation gate and DCA (SPEC §5.3).
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
    public static func compute(from klines: [Kline], price: Double) -> BTCSnapshot? {
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
