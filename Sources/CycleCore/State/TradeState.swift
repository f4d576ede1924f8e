import OrderedCollections
import Strategy

/// The persisted state document (SPEC §8), typed. Keys and value types are the original's so
/// either engine can read the other's document; keys this engine does not know are kept in
/// `unknownKeys` and written back untouched.
public struct TradeState: Sendable, Equatable {
    /// `BTCUSDT {holding_qty, avg_cost}`, kept as a map so extra sub-keys survive.
    public var btcCore: JSONObject = ["holding_qty": 0.0, "avg_cost": 0.0]
    /// Total equity (USDT) at the daily reset.
    public var dailyEquityBase = 0.0
    /// Trend sleeve value (USDT) at the daily reset.
    public var dailyTrendEquityBase = 0.0
    public var dailyTrendPnlBasis = ""
    /// `YYYY-MM-DD` (UTC) of the last daily reset.
    public var lastResetDate = ""
    public var isCircuitBroken = false
    /// `YYYYMMDD` of the last DCA buy / trim.
    public var dcaLastBuyDate = ""
    public var dcaLastSellDate = ""
    public var rotationPoolLastMonth = ""
    public var rotationPoolSymbols: [String] = []
    public var rotationPoolSourceVersion = ""
    public var rotationPoolSourceAsOfDate = ""
    /// `YYYYMMDDHH` of the last acknowledged heartbeat.
    public var lastBtcStatusReportBucket = ""
    public var trendPool = TrendPoolRecord()
    /// Asset → balance (rounded to 8 decimals) at the end of the last cycle.
    public var lastBalanceSnapshot: [String: Double] = [:]
    /// The payload last accepted from fresh upstream (normalized), `{}` when none.
    public var lastGoodPayload: JSONObject = [:]
    /// Symbol → last trend action, in the order the document lists them (new symbols last).
    public var actionHistory: OrderedDictionary<String, TrendAction> = [:]
    /// Positions of symbols that left the pool but are still held, until sold, in the order
    /// the document lists them (newly retired last): the runtime universe follows this order.
    public var retiredPositions: OrderedDictionary<String, RetiredPosition> = [:]
    /// One entry per symbol of the resolved universe.
    public var positions: [String: PositionState] = [:]
    /// Each symbol's position entry as stored, so sub-keys this engine does not own are
    /// written back, in their order.
    public var storedPositionEntries: [String: JSONObject] = [:]
    /// The kill switch (`operator_control`); nil when the document has none (mode `run`).
    public var operatorControl: OperatorControl?
    public var tradingMode: TradingMode { operatorControl?.mode ?? .run }
    /// Top-level keys this engine does not know, preserved for the original.
    public var unknownKeys: JSONObject = [:]
    /// The stored document's top-level keys in their order; a write keeps that order and
    /// appends keys the document did not have.
    public var documentKeyOrder: [String] = []

    public init() {}
}

/// The last trend action on a symbol; `date` is `YYYYMMDD`.
public struct TrendAction: Sendable, Equatable {
    public var action: String
    public var date: String
    public init(action: String, date: String) {
        self.action = action
        self.date = date
    }
}

/// A held position whose symbol is no longer in the pool; it can only be sold.
public struct RetiredPosition: Sendable, Equatable {
    public var position: PositionState
    public var baseAsset: String
    public init(position: PositionState, baseAsset: String) {
        self.position = position
        self.baseAsset = baseAsset
    }
}

/// The `trend_pool_*` keys: where this cycle's pool came from (SPEC §4.4).
public struct TrendPoolRecord: Sendable, Equatable {
    public var source = ""
    public var sourceDetail = ""
    public var isFresh = false
    public var degraded = false
    public var asOfDate = ""
    public var version = ""
    public var mode = ""
    public var sourceProject = ""
    /// ISO-8601 with an explicit `+00:00` offset.
    public var loadedAt = ""
    public var messages: [String] = []
    public init() {}
}

/// One symbol the cycle trades or holds this run.
public struct UniverseMember: Sendable, Equatable {
    public var symbol: String
    public var baseAsset: String
    /// A held symbol that left the pool: sells only.
    public var isRetired: Bool

    public init(symbol: String, baseAsset: String, isRetired: Bool) {
        self.symbol = symbol
        self.baseAsset = baseAsset
        self.isRetired = isRetired
    }
}

extension TradeState {
    /// Position of a pool or retired symbol (flat when unknown).
    public func position(of symbol: String) -> PositionState {
        positions[symbol] ?? retiredPositions[symbol]?.position ?? .flat
    }

    /// Sets a symbol's position. A retired symbol set flat is removed for good.
    public mutating func setPosition(_ position: PositionState, of symbol: String) {
        if positions[symbol] != nil {
            positions[symbol] = position
            retiredPositions[symbol] = nil
        } else if position.isActive {
            let baseAsset = retiredPositions[symbol]?.baseAsset ?? inferBaseAsset(symbol)
            retiredPositions[symbol] = RetiredPosition(position: position, baseAsset: baseAsset)
        } else {
            retiredPositions[symbol] = nil
        }
    }

    /// The resolved universe in its order, then retired positions in the order state lists them.
    public func runtimeUniverse(resolved: [UniverseMember]) -> [UniverseMember] {
        guard !retiredPositions.isEmpty else { return resolved }
        let known = Set(resolved.map(\.symbol))
        let retired = retiredPositions.keys.filter { !known.contains($0) }.map { symbol in
            UniverseMember(symbol: symbol, baseAsset: retiredPositions[symbol]?.baseAsset ?? inferBaseAsset(symbol), isRetired: true)
        }
        return resolved + retired
    }

    public func hasAction(_ action: String, on symbol: String, date: String) -> Bool {
        actionHistory[symbol] == TrendAction(action: action, date: date)
    }

    public mutating func recordAction(_ action: String, on symbol: String, date: String) {
        actionHistory[symbol] = TrendAction(action: action, date: date)
    }
}
