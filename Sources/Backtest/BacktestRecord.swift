import Engine
import Foundation
import Paper

/// Everything a backtest run produced, from which every output is written.
public struct BacktestRecord: Sendable {
    public let period: BacktestPeriod
    public let cadence: BacktestCadence
    /// The starting balances (dated the day before the period, at the first cycle's prices),
    /// then one valuation per simulated day, after the day's last cycle.
    public var days: [DayValuation] = []
    /// Every order the paper exchange filled, in order.
    public var orders: [BacktestOrder] = []
    /// Cycles by report status (`ok`, `error`, …).
    public var cyclesByStatus: [String: Int] = [:]
    /// Cycles by the ladder rung their pool came from (`fresh_upstream`, …, `static`).
    public var cyclesByRung: [String: Int] = [:]
    /// The first error a cycle reported, for the operator when nothing traded.
    public var firstError: String?
    /// Rows missing from the inputs up to the last cycle (summary.json's `data_gaps`).
    public var dataGaps = DataGaps.none

    public init(period: BacktestPeriod, cadence: BacktestCadence) {
        self.period = period
        self.cadence = cadence
    }

    public var cycles: Int { cyclesByStatus.values.reduce(0, +) }

    mutating func count(_ report: ExecutionReport) {
        cyclesByStatus[report.status.rawValue, default: 0] += 1
        if let rung = report.diagnostics.poolResolution?.rung { cyclesByRung[rung.rawValue, default: 0] += 1 }
        if firstError == nil, let error = report.errors.first {
            firstError = "\(report.startedAt): \(error.message)"
        }
    }
}

/// The account at the end of a day, in USDT at the day's last prices.
public struct DayValuation: Sendable, Equatable {
    public var date: String
    public var btcPrice: Double
    public var cash = 0.0
    public var trend = 0.0
    public var btcCore = 0.0
    public var fuel = 0.0

    public init(date: String, btcPrice: Double) {
        self.date = date
        self.btcPrice = btcPrice
    }

    public var equity: Double { cash + trend + btcCore + fuel }
}

/// The engine's three holdings besides cash (docs/backtest.md's attribution).
public enum Sleeve: String, Sendable, CaseIterable {
    case trend
    case btcCore = "btc_core"
    case fuel

    /// BTC is the core, BNB the fee fuel, every other coin the trend rotation.
    public init(asset: String) {
        switch asset {
        case "BTC": self = .btcCore
        case "BNB": self = .fuel
        default: self = .trend
        }
    }
}

/// One filled order, as trades.csv lists it.
public struct BacktestOrder: Sendable, Equatable {
    public var time: String
    public var symbol: String
    public var side: String
    /// What the engine sent it for, from its client order id's prefix.
    public var purpose: String
    public var quantity: Decimal
    public var price: Decimal
    public var quote: Decimal
    public var commission: Decimal
    public var commissionAsset: String
    /// The commission in USDT at the fill's prices.
    public var feeUSDT: Double

    init(_ record: PaperOrderRecord) {
        time = record.createdAt
        symbol = record.symbol
        side = record.side
        purpose = Self.purpose(clientOrderId: record.clientOrderId)
        quantity = record.executedQuantity
        price = record.price
        quote = record.quoteQuantity
        commission = record.commission
        commissionAsset = record.commissionAsset
        let commission = NSDecimalNumber(decimal: record.commission).doubleValue
        // Charged in the received asset (USDT on a sell, the coin on a buy), or in BNB at 0.075 % of the order's value.
        feeUSDT = switch record.commissionAsset {
        case "USDT": commission
        case String(record.symbol.dropLast(4)): commission * NSDecimalNumber(decimal: record.price).doubleValue
        default: NSDecimalNumber(decimal: record.quoteQuantity).doubleValue * FeeSchedule.binanceSpot.bnbRateValue
        }
    }

    /// The order's value in USDT.
    public var quoteValue: Double { NSDecimalNumber(decimal: quote).doubleValue }

    public var sleeve: Sleeve { Sleeve(asset: String(symbol.dropLast(4))) }

    static func purpose(clientOrderId: String) -> String {
        switch clientOrderId.split(separator: "_").prefix(2).joined(separator: "_") {
        case "T_BUY": "trend_buy"
        case "T_SELL": "trend_sell"
        case "D_BUY": "dca_buy"
        case "D_SELL": "dca_trim"
        case "C_SELL": "circuit_breaker"
        case "F_BUY": "fuel"
        default: "other"
        }
    }
}
