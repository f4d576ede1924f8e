extension TradeState {
    /// The document as persisted: the original's keys and value types, plus unknown keys.
    public var document: JSONValue {
        var object = unknownKeys
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
        object["last_balance_snapshot"] = .object(lastBalanceSnapshot.mapValues { .double($0) })
        object["trend_pool_last_good_payload"] = .object(lastGoodPayload)
        object["trend_action_history"] = .object(actionHistory.mapValues {
            ["action": .string($0.action), "date": .string($0.date)]
        })
        object["retired_trend_positions"] = .object(retiredPositions.mapValues { retired in
            var entry = retired.position.document
            entry["base_asset"] = .string(retired.baseAsset)
            return .object(entry)
        })
        for (symbol, position) in positions { object[symbol] = .object(position.document) }
        return .object(object)
    }
}
