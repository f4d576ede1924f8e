import Strategy

/// The figures behind the decisions: indicators, BTC snapshot, allocation before and after
/// trades, and how the pool was resolved.
public struct CycleDiagnostics: Sendable, Equatable {
    public var poolResolution: PoolResolution?
    public var btcSnapshot: BTCSnapshot?
    public var indicators: [String: SymbolIndicators] = [:]
    public var prices: [String: Double] = [:]
    public var allocationBeforeTrades: Allocation?
    public var allocationAfterTrades: Allocation?

    public init() {}

    public var json: JSONValue {
        var object: JSONObject = [:]
        if let resolution = poolResolution {
            object["pool_resolution"] = [
                "rung": .string(resolution.rung.rawValue), "source_detail": .string(resolution.sourceDetail),
                "degraded": .bool(resolution.degraded), "is_fresh": .bool(resolution.isFresh),
                "messages": JSONValue(resolution.messages), "version": .string(resolution.payload.version),
                "as_of_date": .string(resolution.payload.asOfDate), "symbols": JSONValue(resolution.payload.symbols),
            ]
        }
        object["btc_snapshot"] = btcSnapshot.map(Self.json) ?? .null
        object["trend_indicators"] = .sortedObject(indicators.mapValues(Self.json))
        object["prices"] = .sortedObject(prices.mapValues { .double($0) })
        object["allocation_before_trades"] = allocationBeforeTrades.map(Self.json) ?? .null
        object["allocation_after_trades"] = allocationAfterTrades.map(Self.json) ?? .null
        return .object(object)
    }

    static func json(_ snapshot: BTCSnapshot) -> JSONValue {
        var object: JSONObject = [
            "ma200": .double(snapshot.ma200), "zscore": .double(snapshot.zscore), "geom200": .double(snapshot.geom200),
            "sell_trigger": .double(snapshot.sellTrigger), "ma200_slope": .double(snapshot.ma200Slope),
            "ahr999": .double(snapshot.ahr999), "btc_roc20": JSONValue(snapshot.btcRoc20),
            "btc_roc60": JSONValue(snapshot.btcRoc60), "btc_roc120": JSONValue(snapshot.btcRoc120),
            "regime_on": .bool(snapshot.regimeOn),
        ]
        for (key, value) in snapshot.extras { object[key] = .double(value) }
        return .object(object)
    }

    static func json(_ row: SymbolIndicators) -> JSONValue {
        [
            "close": .double(row.close), "sma20": .double(row.sma20), "sma60": .double(row.sma60),
            "sma200": .double(row.sma200), "roc20": .double(row.roc20), "roc60": .double(row.roc60),
            "roc120": .double(row.roc120), "vol20": .double(row.vol20), "atr14": .double(row.atr14),
            "avg_quote_vol_30": .double(row.avgQuoteVol30), "avg_quote_vol_90": .double(row.avgQuoteVol90),
            "avg_quote_vol_180": .double(row.avgQuoteVol180), "trend_persist_90": .double(row.trendPersist90),
            "age_days": .int(Int64(row.ageDays)),
        ]
    }

    static func json(_ allocation: Allocation) -> JSONValue {
        [
            "total_equity": .double(allocation.totalEquity), "cash": .double(allocation.cash),
            "trend_value": .double(allocation.trendValue), "dca_value": .double(allocation.dcaValue),
            "btc_target_ratio": .double(allocation.btcTargetRatio), "trend_target_ratio": .double(allocation.trendTargetRatio),
            "trend_pool": .double(allocation.trendPool), "dca_pool": .double(allocation.dcaPool),
            "btc_base_order": .double(allocation.btcBaseOrder),
        ]
    }
}
