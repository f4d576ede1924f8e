import Strategy

extension TradeState {
    /// The document as persisted: the original's keys and value types, plus unknown keys, in
    /// the stored document's key order (keys it did not have follow in the order built here).
    public var document: JSONValue {
        var object = JSONObject(minimumCapacity: Self.knownKeys.count + positions.count + unknownKeys.count)
        object["BTCUSDT"] = .object(btcCore)
        object["daily_equity_base"] = .double(dailyEquityBase)
        object["daily_trend_equity_base"] = .double(dailyTrendEquityBase)
        object["daily_trend_pnl_basis"] = .string(dailyTrendPnlBasis)
        object["last_reset_date"] = .string(lastResetDate)
        object["is_circuit_broken"] = .bool(isCircuitBroken)
        object["dca_last_buy_date"] = .string(dcaLastBuyDate)
        object["dca_last_sell_date"] = .string(dcaLastSellDate)
        object["rotation_pool_last_month"] = .string(rotationPoolLastMonth)
        object["rotation_pool_symbols"] = JSONValue(rotationPoolSymbols)
        object["rotation_pool_source_version"] = .string(rotationPoolSourceVersion)
        object["rotation_pool_source_as_of_date"] = .string(rotationPoolSourceAsOfDate)
        object["last_btc_status_report_bucket"] = .string(lastBtcStatusReportBucket)
        object["trend_pool_source"] = .string(trendPool.source)
        object["trend_pool_source_detail"] = .string(trendPool.sourceDetail)
        object["trend_pool_is_fresh"] = .bool(trendPool.isFresh)
        object["trend_pool_degraded"] = .bool(trendPool.degraded)
        object["trend_pool_as_of_date"] = .string(trendPool.asOfDate)
        object["trend_pool_version"] = .string(trendPool.version)
        object["trend_pool_mode"] = .string(trendPool.mode)
        object["trend_pool_source_project"] = .string(trendPool.sourceProject)
        object["trend_pool_loaded_at"] = .string(trendPool.loadedAt)
        object["trend_pool_messages"] = JSONValue(trendPool.messages)
        object["last_balance_snapshot"] = .sortedObject(lastBalanceSnapshot.mapValues { .double($0) })
        object["trend_pool_last_good_payload"] = .object(lastGoodPayload)
        object["trend_action_history"] = .object(actionHistory.mapValues { action -> JSONValue in
            ["action": .string(action.action), "date": .string(action.date)]
        })
        var retired: JSONObject = [:]
        for (symbol, entry) in retiredPositions {
            var fields = positionEntry(entry.position, of: symbol)
            fields["base_asset"] = .string(entry.baseAsset)
            retired[symbol] = .object(fields)
        }
        object["retired_trend_positions"] = .object(retired)
        if let operatorControl { object["operator_control"] = .object(operatorControl.document) }
        for symbol in positions.keys.sorted() {
            object[symbol] = .object(positionEntry(positions[symbol] ?? .flat, of: symbol))
        }
        object.merge(unknownKeys) { known, _ in known }
        return .object(Self.ordered(object, like: documentKeyOrder))
    }

    /// A position's entry as it was stored (sub-keys this engine does not own kept, in their
    /// order) with the three keys it owns set to the current position.
    private func positionEntry(_ position: PositionState, of symbol: String) -> JSONObject {
        var entry = storedPositionEntries[symbol] ?? [:]
        entry.merge(position.document) { _, owned in owned }
        return entry
    }

    /// `object` with the keys of `order` first, in that order, then the rest as they were.
    static func ordered(_ object: JSONObject, like order: [String]) -> JSONObject {
        // A document this engine wrote last time is usually already in that order.
        if object.keys.elementsEqual(order) { return object }
        var result = JSONObject(minimumCapacity: object.count)
        for key in order { if let value = object[key] { result[key] = value } }
        for (key, value) in object where result[key] == nil { result[key] = value }
        return result
    }
}
