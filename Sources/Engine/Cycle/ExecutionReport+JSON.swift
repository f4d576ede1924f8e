extension ExecutionReport {
    /// The report document; written with sorted keys, it is byte-identical for identical inputs.
    public var json: JSONValue {
        let delivered = notifications.filter { $0.deliveryStatus != .suppressed }
        var summary: JSONObject = [
            "strategy_display_name": .string(displayName),
            "strategy_display_name_localized": .string(displayNameLocalized),
            "intent_counts": [
                "buy_sell": .int(Int64(tradeIntents.count)), "btc_dca": .int(Int64(dcaIntents.count)),
                "earn": .int(Int64(earnIntents.count)),
            ],
        ]
        if !delivered.isEmpty {
            summary["notification_delivery_summary"] = [
                "event_count": .int(Int64(delivered.count)),
                "sent_count": .int(Int64(delivered.filter(\.acknowledged).count)),
                "failed_count": .int(Int64(delivered.filter { $0.deliveryStatus == .failed }.count)),
                "logged_count": .int(Int64(delivered.filter { $0.deliveryStatus == .logged }.count)),
                "all_acknowledged": .bool(delivered.allSatisfy(\.acknowledged)),
            ]
        }
        return [
            "status": .string(status.rawValue),
            "trading_mode": .string(tradingMode?.rawValue ?? "unknown"),
            "engine_version": .string(EngineVersion.full),
            "runtime_target": runtimeTarget?.json ?? .null,
            "reconciliation": reconciliation?.json ?? .null,
            "exposure_cap": .double(exposureCap),
            "run_id": .string(runId),
            "dry_run": .bool(dryRun),
            "platform": "binance",
            "strategy_profile": .string(strategyProfile),
            "service_name": .string(serviceName),
            "started_at": .string(startedAt),
            "selected_symbols": ["active_trend_pool": JSONValue(activeTrendPool), "selected_candidates": JSONValue(selectedCandidates)],
            "buy_sell_intents": .array(tradeIntents.map { $0.json(messages: MessageCatalog(language: language)) }),
            "btc_dca_intents": .array(dcaIntents.map(\.json)),
            "redemption_subscription_intents": .array(earnIntents.map(\.json)),
            "notifications": .array(notifications.map { $0.json(runId: runId, dryRun: dryRun) }),
            "state_write_intents": .array(stateWriteReasons.map { ["reason": .string($0)] }),
            "side_effect_summary": [
                "executed_call_count": .int(Int64(executedCallCount)),
                "suppressed_call_count": .int(Int64(suppressedCallCount)),
            ],
            "gating_summary": .sortedObject(gatingSummary.mapValues { .int(Int64($0)) }),
            "gating_events": .array(gatingEvents.map(\.json)),
            "error_summary": ["errors": .array(errors.map { ["stage": .string($0.stage.rawValue), "message": .string($0.message)] })],
            "log_lines": JSONValue(logLines),
            "total_equity_usdt": JSONValue(totalEquity),
            "trend_equity_usdt": JSONValue(trendEquity),
            "circuit_breaker_triggered": .bool(circuitBreakerTriggered),
            "degraded_mode_level": JSONValue(degradedModeLevel),
            "upstream_pool_symbols": JSONValue(upstreamPoolSymbols),
            "summary": .object(summary),
            "diagnostics": diagnostics.json,
            "order_journal_resolutions": .array(journalResolutions.map(\.json)),
        ]
    }
}
