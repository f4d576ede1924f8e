import OrderedCollections
import Strategy

/// The persisted state document (docs/strategy.md#the-state-document), typed. Keys and value types are the original's so
/// either engine can read the other's document; keys this engine does not know are kept in
/// `unknownKeys` and written back untouched.
///
/// A value with copy-on-write storage, as Swift's collections are: every field lives in one
/// shared `Storage`, so handing the state to a store, a report or the next simulated hour costs
/// one reference count rather than one per field (a backtest hour copies it about eight times);
/// the first change through a copy duplicates the storage (`makeUnique`). Reads and writes look
/// like plain stored properties.
public struct TradeState: Sendable, Equatable {
    /// `BTCUSDT {holding_qty, avg_cost}`, kept as a map so extra sub-keys survive.
    public var btcCore: JSONObject {
        get { storage.fields.btcCore }
        _modify {
            makeUnique()
            yield &storage.fields.btcCore
        }
    }
    /// Total equity (USDT) at the daily reset.
    public var dailyEquityBase: Double {
        get { storage.fields.dailyEquityBase }
        _modify {
            makeUnique()
            yield &storage.fields.dailyEquityBase
        }
    }
    /// Trend sleeve value (USDT) at the daily reset.
    public var dailyTrendEquityBase: Double {
        get { storage.fields.dailyTrendEquityBase }
        _modify {
            makeUnique()
            yield &storage.fields.dailyTrendEquityBase
        }
    }
    public var dailyTrendPnlBasis: String {
        get { storage.fields.dailyTrendPnlBasis }
        _modify {
            makeUnique()
            yield &storage.fields.dailyTrendPnlBasis
        }
    }
    /// `YYYY-MM-DD` (UTC) of the last daily reset.
    public var lastResetDate: String {
        get { storage.fields.lastResetDate }
        _modify {
            makeUnique()
            yield &storage.fields.lastResetDate
        }
    }
    public var isCircuitBroken: Bool {
        get { storage.fields.isCircuitBroken }
        _modify {
            makeUnique()
            yield &storage.fields.isCircuitBroken
        }
    }
    /// `YYYYMMDD` of the last DCA buy / trim.
    public var dcaLastBuyDate: String {
        get { storage.fields.dcaLastBuyDate }
        _modify {
            makeUnique()
            yield &storage.fields.dcaLastBuyDate
        }
    }
    public var dcaLastSellDate: String {
        get { storage.fields.dcaLastSellDate }
        _modify {
            makeUnique()
            yield &storage.fields.dcaLastSellDate
        }
    }
    public var rotationPoolLastMonth: String {
        get { storage.fields.rotationPoolLastMonth }
        _modify {
            makeUnique()
            yield &storage.fields.rotationPoolLastMonth
        }
    }
    public var rotationPoolSymbols: [String] {
        get { storage.fields.rotationPoolSymbols }
        _modify {
            makeUnique()
            yield &storage.fields.rotationPoolSymbols
        }
    }
    public var rotationPoolSourceVersion: String {
        get { storage.fields.rotationPoolSourceVersion }
        _modify {
            makeUnique()
            yield &storage.fields.rotationPoolSourceVersion
        }
    }
    public var rotationPoolSourceAsOfDate: String {
        get { storage.fields.rotationPoolSourceAsOfDate }
        _modify {
            makeUnique()
            yield &storage.fields.rotationPoolSourceAsOfDate
        }
    }
    /// `YYYYMMDDHH` of the last acknowledged heartbeat.
    public var lastBtcStatusReportBucket: String {
        get { storage.fields.lastBtcStatusReportBucket }
        _modify {
            makeUnique()
            yield &storage.fields.lastBtcStatusReportBucket
        }
    }
    public var trendPool: TrendPoolRecord {
        get { storage.fields.trendPool }
        _modify {
            makeUnique()
            yield &storage.fields.trendPool
        }
    }
    /// Asset → balance (rounded to 8 decimals) at the end of the last cycle.
    public var lastBalanceSnapshot: [String: Double] {
        get { storage.fields.lastBalanceSnapshot }
        _modify {
            makeUnique()
            yield &storage.fields.lastBalanceSnapshot
        }
    }
    /// The payload last accepted from fresh upstream (normalized), `{}` when none.
    public var lastGoodPayload: JSONObject {
        get { storage.fields.lastGoodPayload }
        _modify {
            makeUnique()
            yield &storage.fields.lastGoodPayload
        }
    }
    /// Symbol → last trend action, in the order the document lists them (new symbols last).
    public var actionHistory: OrderedDictionary<String, TrendAction> {
        get { storage.fields.actionHistory }
        _modify {
            makeUnique()
            yield &storage.fields.actionHistory
        }
    }
    /// Positions of symbols that left the pool but are still held, until sold, in the order
    /// the document lists them (newly retired last): the runtime universe follows this order.
    public var retiredPositions: OrderedDictionary<String, RetiredPosition> {
        get { storage.fields.retiredPositions }
        _modify {
            makeUnique()
            yield &storage.fields.retiredPositions
        }
    }
    /// One entry per symbol of the resolved universe.
    public var positions: [String: PositionState] {
        get { storage.fields.positions }
        _modify {
            makeUnique()
            yield &storage.fields.positions
        }
    }
    /// Each symbol's position entry as stored, so sub-keys this engine does not own are
    /// written back, in their order.
    public var storedPositionEntries: [String: JSONObject] {
        get { storage.fields.storedPositionEntries }
        _modify {
            makeUnique()
            yield &storage.fields.storedPositionEntries
        }
    }
    /// The kill switch (`operator_control`); nil when the document has none (mode `run`).
    public var operatorControl: OperatorControl? {
        get { storage.fields.operatorControl }
        _modify {
            makeUnique()
            yield &storage.fields.operatorControl
        }
    }
    /// Top-level keys this engine does not know, preserved for the original.
    public var unknownKeys: JSONObject {
        get { storage.fields.unknownKeys }
        _modify {
            makeUnique()
            yield &storage.fields.unknownKeys
        }
    }
    /// The stored document's top-level keys in their order; a write keeps that order and
    /// appends keys the document did not have.
    public var documentKeyOrder: [String] {
        get { storage.fields.documentKeyOrder }
        _modify {
            makeUnique()
            yield &storage.fields.documentKeyOrder
        }
    }
    public var tradingMode: TradingMode { operatorControl?.mode ?? .run }

    public init() {}

    /// A new state shares the one storage of defaults until it is first changed.
    private var storage = Storage.defaults

    /// Gives this value storage of its own before it is changed, if another copy shares it.
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage.fields) }
    }

    public static func == (lhs: TradeState, rhs: TradeState) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    /// The fields, shared by copies until one of them changes. `@unchecked Sendable`: a shared
    /// storage is only read; a write goes to storage no other copy references.
    private final class Storage: @unchecked Sendable {
        static let defaults = Storage()
        var fields: Fields
        init(copying fields: Fields = Fields()) {
            self.fields = fields
        }
    }

    /// The document's fields with their defaults (a state that has never been written).
    private struct Fields: Equatable {
        var btcCore: JSONObject = ["holding_qty": 0.0, "avg_cost": 0.0]
        var dailyEquityBase: Double = 0.0
        var dailyTrendEquityBase: Double = 0.0
        var dailyTrendPnlBasis: String = ""
        var lastResetDate: String = ""
        var isCircuitBroken: Bool = false
        var dcaLastBuyDate: String = ""
        var dcaLastSellDate: String = ""
        var rotationPoolLastMonth: String = ""
        var rotationPoolSymbols: [String] = []
        var rotationPoolSourceVersion: String = ""
        var rotationPoolSourceAsOfDate: String = ""
        var lastBtcStatusReportBucket: String = ""
        var trendPool: TrendPoolRecord = TrendPoolRecord()
        var lastBalanceSnapshot: [String: Double] = [:]
        var lastGoodPayload: JSONObject = [:]
        var actionHistory: OrderedDictionary<String, TrendAction> = [:]
        var retiredPositions: OrderedDictionary<String, RetiredPosition> = [:]
        var positions: [String: PositionState] = [:]
        var storedPositionEntries: [String: JSONObject] = [:]
        var operatorControl: OperatorControl?
        var unknownKeys: JSONObject = [:]
        var documentKeyOrder: [String] = []
    }
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

/// The `trend_pool_*` keys: where this cycle's pool came from (docs/strategy.md#what-a-degraded-pool-changes).
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
