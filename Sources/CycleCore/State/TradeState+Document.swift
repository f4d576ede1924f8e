import OrderedCollections
import Strategy

/// The state document could not be understood; the cycle aborts without writing anything.
public struct StateDocumentError: Error, Equatable, CustomStringConvertible {
    public let key: String
    public let problem: String
    public init(key: String, problem: String) {
        self.key = key
        self.problem = problem
    }
    public var description: String {
        "State document key '\(key)' \(problem). The stored state was left untouched; fix the document "
            + "(or restore it from the store's history) before the next cycle."
    }
}

extension TradeState {
    static let knownKeys: Set<String> = [
        "BTCUSDT", "daily_equity_base", "daily_trend_equity_base", "daily_trend_pnl_basis", "last_reset_date",
        "is_circuit_broken", "dca_last_buy_date", "dca_last_sell_date", "rotation_pool_last_month",
        "rotation_pool_symbols", "rotation_pool_source_version", "rotation_pool_source_as_of_date",
        "last_btc_status_report_bucket", "trend_pool_source", "trend_pool_source_detail", "trend_pool_is_fresh",
        "trend_pool_degraded", "trend_pool_as_of_date", "trend_pool_version", "trend_pool_mode",
        "trend_pool_source_project", "trend_pool_loaded_at", "trend_pool_messages", "last_balance_snapshot",
        "trend_pool_last_good_payload", "trend_action_history", "retired_trend_positions", "operator_control",
    ]

    /// Reads a stored document and normalizes it against the resolved `universe` (docs/strategy.md#the-state-document):
    /// every universe symbol gets an entry (a retired entry merged under the top-level one),
    /// symbols outside the universe that are still active move to the retired positions,
    /// inactive ones are dropped, and unknown keys are kept. `nil` gives the defaults.
    public static func normalized(from document: JSONValue?, universe: [String]) throws -> TradeState {
        var state = TradeState()
        for symbol in universe { state.positions[symbol] = .flat }
        guard let document else { return state }
        guard let object = document.objectValue else {
            throw StateDocumentError(key: "<root>", problem: "is not a JSON object")
        }
        let reader = StateReader(object: object)
        // Known keys holding maps must hold maps: a wrong type would otherwise be replaced by
        // defaults on the next write (a held retired coin stranded, cooldowns gone).
        for key in ["BTCUSDT", "trend_pool_last_good_payload", "trend_action_history", "retired_trend_positions", "last_balance_snapshot"] {
            try reader.requireObject(key)
        }
        if let btc = object["BTCUSDT"]?.objectValue { state.btcCore.merge(btc) { _, stored in stored } }
        state.dailyEquityBase = try reader.number("daily_equity_base", nonNegative: true)
        state.dailyTrendEquityBase = try reader.number("daily_trend_equity_base", nonNegative: true)
        state.dailyTrendPnlBasis = try reader.string("daily_trend_pnl_basis")
        state.lastResetDate = try reader.string("last_reset_date")
        state.isCircuitBroken = try reader.bool("is_circuit_broken")
        state.dcaLastBuyDate = try reader.string("dca_last_buy_date")
        state.dcaLastSellDate = try reader.string("dca_last_sell_date")
        state.rotationPoolLastMonth = try reader.string("rotation_pool_last_month")
        state.rotationPoolSymbols = try reader.strings("rotation_pool_symbols")
        state.rotationPoolSourceVersion = try reader.string("rotation_pool_source_version")
        state.rotationPoolSourceAsOfDate = try reader.string("rotation_pool_source_as_of_date")
        state.lastBtcStatusReportBucket = try reader.string("last_btc_status_report_bucket")
        state.trendPool = try reader.trendPoolRecord()
        state.lastBalanceSnapshot = try reader.numberMap("last_balance_snapshot")
        state.lastGoodPayload = object["trend_pool_last_good_payload"]?.objectValue ?? [:]
        state.actionHistory = try reader.actionHistory()
        if let control = object["operator_control"], control != .null { state.operatorControl = try OperatorControl(document: control) }
        state.documentKeyOrder = Array(object.keys)
        state.unknownKeys = object.filter { key, value in
            !knownKeys.contains(key) && !isTrendSymbolEntry(key: key, value: value)
        }
        try state.absorbPositions(from: object, universe: Set(universe))
        return state
    }

    /// A top-level `XXXUSDT` entry carrying trend position keys.
    static func isTrendSymbolEntry(key: String, value: JSONValue) -> Bool {
        key.hasSuffix("USDT") && key != "BTCUSDT" && isTrendPositionShape(value)
    }

    static func isTrendPositionShape(_ value: JSONValue) -> Bool {
        guard let object = value.objectValue else { return false }
        return object["is_holding"] != nil || object["entry_price"] != nil || object["highest_price"] != nil
    }

    private mutating func absorbPositions(from object: JSONObject, universe: Set<String>) throws {
        let storedRetired = object["retired_trend_positions"]?.objectValue ?? [:]
        for symbol in universe {
            var merged: JSONObject = [:]
            if let retired = storedRetired[symbol], Self.isTrendPositionShape(retired) { merged.merge(retired.objectValue ?? [:]) { $1 } }
            if let top = object[symbol], Self.isTrendPositionShape(top) { merged.merge(top.objectValue ?? [:]) { $1 } }
            positions[symbol] = try PositionState(document: .object(merged), key: symbol)
            if !merged.isEmpty { storedPositionEntries[symbol] = merged }
        }
        // Retired entries in the order the document lists them, then top-level entries of
        // symbols that just left the pool, in document order.
        var retired: OrderedDictionary<String, RetiredPosition> = [:]
        let candidates = Array(storedRetired) + object.filter { Self.isTrendSymbolEntry(key: $0.key, value: $0.value) }
        for (symbol, value) in candidates where !universe.contains(symbol) && Self.isTrendPositionShape(value) {
            let position = try PositionState(document: value, key: symbol)
            guard position.isActive else { continue }
            let base = value["base_asset"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? inferBaseAsset(symbol)
            retired[symbol] = RetiredPosition(position: position, baseAsset: base)
            storedPositionEntries[symbol] = value.objectValue
        }
        retiredPositions = retired
    }
}

extension PositionState {
    /// Lenient reading, as the original does: absent or unreadable numbers count as 0. A price
    /// that is a number but infinite or negative (another tool wrote it) is refused, naming the key:
    /// trusting it would fire ATR stops or sell on a made-up high.
    init(document: JSONValue, key: String) throws {
        func price(_ field: String) throws -> Double {
            guard let number = document[field]?.numberValue else { return 0 }
            guard number.isFinite, number >= 0 else {
                throw StateDocumentError(key: "\(key).\(field)", problem: "should be a finite, non-negative price but is \(number)")
            }
            return number
        }
        self.init(isHolding: document["is_holding"]?.truthy ?? false, entryPrice: try price("entry_price"), highestPrice: try price("highest_price"))
    }

    var document: JSONObject {
        ["is_holding": .bool(isHolding), "entry_price": .double(entryPrice), "highest_price": .double(highestPrice)]
    }
}

/// Typed access to the stored document; a present value of the wrong type is an error naming the key.
private struct StateReader {
    let object: JSONObject

    func number(_ key: String, nonNegative: Bool = false) throws -> Double {
        guard let value = object[key], value != .null else { return 0 }
        guard let number = value.numberValue, number.isFinite, !nonNegative || number >= 0 else {
            throw StateDocumentError(key: key, problem: "should be a finite\(nonNegative ? ", non-negative" : "") number but is \(JSONWriter.string(value, pretty: false))")
        }
        return number
    }

    /// Booleans as either engine writes them (true/false, or 0/1); anything else is refused.
    func bool(_ key: String) throws -> Bool {
        switch object[key] {
        case nil, .null?: return false
        case .bool(let flag)?: return flag
        case .int(let number)? where number == 0 || number == 1: return number == 1
        case let value?:
            throw StateDocumentError(key: key, problem: "should be true or false but is \(JSONWriter.string(value, pretty: false))")
        }
    }

    func string(_ key: String) throws -> String {
        guard let value = object[key], value != .null else { return "" }
        guard let text = value.stringValue else {
            throw StateDocumentError(key: key, problem: "should be a string but is \(JSONWriter.string(value, pretty: false))")
        }
        return text
    }

    func strings(_ key: String) throws -> [String] {
        guard let value = object[key], value != .null else { return [] }
        guard let items = value.arrayValue?.compactMap(\.stringValue), items.count == value.arrayValue?.count else {
            throw StateDocumentError(key: key, problem: "should be a list of strings")
        }
        return items
    }

    func numberMap(_ key: String) throws -> [String: Double] {
        guard let value = object[key], value != .null else { return [:] }
        guard let map = value.objectValue else { throw StateDocumentError(key: key, problem: "should be an object") }
        return try Dictionary(uniqueKeysWithValues: map.map { asset, entry in
            guard let number = entry.numberValue, number.isFinite else {
                throw StateDocumentError(key: key, problem: "should map assets to finite numbers")
            }
            return (asset, number)
        })
    }

    func trendPoolRecord() throws -> TrendPoolRecord {
        var record = TrendPoolRecord()
        record.source = try string("trend_pool_source")
        record.sourceDetail = try string("trend_pool_source_detail")
        record.isFresh = try bool("trend_pool_is_fresh")
        record.degraded = try bool("trend_pool_degraded")
        record.asOfDate = try string("trend_pool_as_of_date")
        record.version = try string("trend_pool_version")
        record.mode = try string("trend_pool_mode")
        record.sourceProject = try string("trend_pool_source_project")
        record.loadedAt = try string("trend_pool_loaded_at")
        record.messages = try strings("trend_pool_messages")
        return record
    }

    /// Absent or null is fine (defaults); any other type than an object is refused.
    func requireObject(_ key: String) throws {
        guard let value = object[key], value != .null, value.objectValue == nil else { return }
        throw StateDocumentError(key: key, problem: "should be an object but is \(JSONWriter.string(value, pretty: false).prefix(80))")
    }

    func actionHistory() throws -> OrderedDictionary<String, TrendAction> {
        guard let map = object["trend_action_history"]?.objectValue else { return [:] }
        var history: OrderedDictionary<String, TrendAction> = [:]
        for (symbol, entry) in map {
            guard let action = entry["action"]?.stringValue, let date = entry["date"]?.stringValue else {
                throw StateDocumentError(key: "trend_action_history.\(symbol)", problem: "should be {\"action\": text, \"date\": text}")
            }
            history[symbol] = TrendAction(action: action, date: date)
        }
        return history
    }
}
