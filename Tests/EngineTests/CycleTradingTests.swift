import Foundation
import Testing
import Engine
import Strategy

/// docs/strategy.md#sell-reasons, docs/strategy.md#buy-plan and docs/strategy.md#the-cycle-step-by-step steps 10–11, run live against the fake exchange.
@Suite struct CycleTradingTests {
    @Test func referenceScenarioBuysTheTopTwoThenDCAsAndParksTheRest() async throws {
        let result = await Scenario().run()
        #expect(result.report.status == .ok)
        #expect(result.report.activeTrendPool == Scenario.pool)
        #expect(result.report.selectedCandidates == ["ETHUSDT", "SOLUSDT"])
        #expect(result.exchange.orderSummaries == ["BUY ETHUSDT 0.19", "BUY SOLUSDT 2.53", "BUY BTCUSDT 0.0004"])
        #expect(result.report.dcaIntents.first?.budget == 30)
        #expect(result.report.earnIntents.map(\.action) == [.subscribe])
        #expect(result.report.earnIntents.first?.amount == 71.5)
        #expect(result.exchange.subscriptions.first?.1 == Decimal(string: "71.5"))
        #expect(result.report.executedCallCount > 0 && result.report.suppressedCallCount == 0)
        let state = try result.finalState()
        #expect(state.positions["ETHUSDT"] == PositionState(isHolding: true, entryPrice: 2500, highestPrice: 2500))
        #expect(state.actionHistory["SOLUSDT"] == TrendAction(action: "buy", date: "20260315"))
        #expect(state.dcaLastBuyDate == "20260315")
        #expect(state.rotationPoolSymbols == Scenario.pool)
        #expect(state.rotationPoolSourceVersion == "2026-03-10-core_major")
        #expect(state.rotationPoolLastMonth == "2026-03")
        #expect(state.lastBalanceSnapshot["ETH"] == 0.19)
        #expect(state.lastBalanceSnapshot["USDT"] == 121.5)
    }

    /// The backtest skips the report's human-readable lines; nothing else may change with them.
    @Test(arguments: [false, true]) func withoutLogLinesACycleDecidesAndReportsTheSame(circuitBroken: Bool) async throws {
        func scenario() -> Scenario {
            var scenario = Scenario()  // a fresh fake exchange each time
            if circuitBroken { scenario.state = ["is_circuit_broken": true, "last_reset_date": "2026-03-15", "daily_equity_base": 2000.0] }
            return scenario
        }
        let full = await scenario().run()
        let lean = await scenario().run(rendersLogLines: false)
        #expect(!full.report.logLines.isEmpty)
        #expect(lean.report.logLines.isEmpty)
        var withoutLines = full.report
        withoutLines.logLines = []
        #expect(lean.report == withoutLines)
        #expect(lean.outcome.finalState == full.outcome.finalState)
        #expect(lean.exchange.orderSummaries == full.exchange.orderSummaries)
    }

    @Test func dryRunSuppressesEverySideEffectButMovesSimulatedBalances() async throws {
        let result = await Scenario().run(dryRun: true)
        #expect(result.exchange.orders.isEmpty && result.exchange.subscriptions.isEmpty)
        #expect(await result.store.writes.isEmpty)
        #expect(await result.notifier.messages.isEmpty)
        #expect(result.report.executedCallCount == 0)
        #expect(result.report.suppressedCallCount == result.report.stateWriteReasons.count + result.report.notifications.count + 4)
        #expect(result.report.notifications.allSatisfy { $0.deliveryStatus == .suppressed })
        #expect(result.report.tradeIntents.map(\.quantity) == [0.19, 2.53])
        #expect(result.report.earnIntents.first?.amount == 71.5, "the subscription sees the simulated cash after the buys")
        #expect(try result.finalState().positions["ETHUSDT"]?.isHolding == true)
    }

    @Test func rotatedOutHoldingIsSoldBeforeBuysAndNotBoughtBackToday() async throws {
        var scenario = Scenario()
        scenario.exchange.spot["XRP"] = SpotBalance(free: 100, locked: 0)
        scenario.state = ["XRPUSDT": ["is_holding": true, "entry_price": 1.0, "highest_price": 1.1]]
        let result = await scenario.run()
        #expect(result.exchange.orderSummaries.first == "SELL XRPUSDT 100")
        let sell = try #require(result.report.tradeIntents.first)
        #expect(sell.reason == .trend(.rotatedOut) && sell.price == 1.2)
        #expect(sell.clientOrderId?.hasPrefix("T_SELL_XRPUSDT_") == true)
        #expect(result.report.stateWriteReasons.contains("trend_sell:XRPUSDT"))
        #expect(await result.notifier.messages.contains { $0.hasPrefix("📉 【Trend Sell】 XRPUSDT\nReason: Rotated out of candidates") })
        #expect(try result.finalState().actionHistory["XRPUSDT"] == TrendAction(action: "sell", date: "20260315"))
    }

    @Test func atrStopSaleCannotBeBoughtBackTheSameDay() async throws {
        var scenario = Scenario()
        // ETH is selected but trades 2500 < stop 2700 − 2.5 × 75 = 2512.5.
        scenario.exchange.spot["ETH"] = SpotBalance(free: 0.2, locked: 0)
        scenario.state = ["ETHUSDT": ["is_holding": true, "entry_price": 2400.0, "highest_price": 2700.0]]
        let result = await scenario.run()
        #expect(result.report.tradeIntents.first?.reason.map { MessageCatalog(language: .en).intentReasonText($0) }
            == MessageCatalog(language: .en).text(.sellReasonATRStop, [.stop: "2512.50"]))
        #expect(result.report.gatingEvents.contains(GatingEvent(gate: .trendBuySoldToday, category: .trend, symbol: "ETHUSDT")))
        #expect(result.exchange.orderSummaries.filter { $0.hasPrefix("BUY ETHUSDT") }.isEmpty)
        #expect(result.exchange.orderSummaries.contains { $0.hasPrefix("BUY SOLUSDT") })
    }

    @Test func trailingHighPersistsWhenNothingIsSold() async throws {
        var scenario = Scenario()
        scenario.exchange.spot["ETH"] = SpotBalance(free: 0.2, locked: 0)
        scenario.state = ["ETHUSDT": ["is_holding": true, "entry_price": 2300.0, "highest_price": 2400.0]]
        let result = await scenario.run()
        #expect(try result.finalState().positions["ETHUSDT"]?.highestPrice == 2500)
    }

    @Test func sameDayBuyIsACooldownGate() async {
        var scenario = Scenario()
        scenario.state = ["trend_action_history": ["ETHUSDT": ["action": "buy", "date": "20260315"]]]
        let result = await scenario.run()
        #expect(result.gates.contains("trend_buy_duplicate_cooldown"))
        #expect(result.report.logLines.contains(MessageCatalog(language: .en).text(.duplicateBuySkipped, [.symbol: "ETHUSDT"])))
    }

    @Test func smallTrendBudgetIsGated() async {
        var scenario = Scenario()
        scenario.exchange.spot["USDT"] = SpotBalance(free: 25, locked: 0)
        let result = await scenario.run()
        #expect(result.gates.filter { $0 == "trend_buy_below_min_budget" }.count == 2)
        #expect(result.exchange.orders.filter { $0.symbol != "BTCUSDT" }.isEmpty)
    }

    @Test func regimeOffExplainsEveryPoolSymbol() async throws {
        var scenario = Scenario()
        scenario.btc.regimeOn = false
        let result = await scenario.run()
        let event = try #require(result.report.gatingEvents.first { $0.gate == .trendNoSelectedCandidate })
        #expect(event.detail?.json["active_trend_pool_size"] == .int(5))
        #expect(event.detail?.json["candidate_filter_reasons"]?["ETHUSDT"]?["reasons"] == ["btc_regime_off"])
        #expect(event.detail?.json["candidate_filter_reasons"]?["LTCUSDT"]?["reasons"] == ["btc_regime_off", "relative_score_lte_zero"])
    }

    @Test func degradedPoolPausesBuysButStillSells() async throws {
        var scenario = Scenario()
        scenario.poolPayload = Scenario.payload(asOf: "2026-01-01")
        scenario.exchange.spot["XRP"] = SpotBalance(free: 100, locked: 0)
        scenario.state = [
            "trend_pool_last_good_payload": Scenario.payload(asOf: "2025-12-20"),
            "rotation_pool_symbols": ["SOLUSDT", "ETHUSDT", "BCHUSDT"],
            "XRPUSDT": ["is_holding": true, "entry_price": 1.0, "highest_price": 1.1],
        ]
        let result = await scenario.run()
        #expect(result.report.degradedModeLevel == "last_known_good")
        #expect(result.report.gatingEvents.first == GatingEvent(gate: .trendBuyPausedDegradedMode, category: .trend, detail: .text("last_known_good")))
        #expect(result.report.activeTrendPool == ["SOLUSDT", "ETHUSDT", "BCHUSDT"], "the monthly execution pool is retained")
        #expect(result.exchange.orderSummaries.first == "SELL XRPUSDT 100")
        #expect(result.report.tradeIntents.filter { $0.action == .buy }.isEmpty)
        #expect(result.gates.contains("trend_no_eligible_buy"))
        #expect(try result.finalState().lastGoodPayload["as_of_date"] == "2025-12-20")
    }

    @Test func degradedEntriesCanBeAllowedByConfiguration() async {
        var scenario = Scenario()
        scenario.poolPayload = nil
        scenario.config.allowNewEntriesOnDegraded = true
        scenario.state = ["trend_pool_last_good_payload": Scenario.payload(asOf: "2025-12-20")]
        let result = await scenario.run()
        #expect(!result.gates.contains("trend_buy_paused_degraded_mode"))
        #expect(result.exchange.orderSummaries.contains { $0.hasPrefix("BUY ETHUSDT") })
    }

    @Test func retiredPositionIsSoldAndThenForgotten() async throws {
        var scenario = Scenario()
        scenario.exchange.spot["DOGE"] = SpotBalance(free: 1000, locked: 0)
        scenario.exchange.prices["DOGEUSDT"] = 0.2
        scenario.exchange.rules["DOGEUSDT"] = SymbolRules(lotSize: .init(stepSize: 1))
        scenario.state = ["retired_trend_positions": ["DOGEUSDT": ["is_holding": true, "entry_price": 0.1, "highest_price": 0.25, "base_asset": "DOGE"]]]
        let result = await scenario.run()
        #expect(result.report.upstreamPoolSymbols == Scenario.pool + ["DOGEUSDT"])
        #expect(result.report.tradeIntents.first?.reason == .trend(.missingIndicators))
        #expect(result.exchange.orderSummaries.first == "SELL DOGEUSDT 1000")
        #expect(try result.finalState().retiredPositions.isEmpty)
    }

    @Test func orderTheExchangeWouldRejectIsNotSent() async {
        var scenario = Scenario()
        scenario.exchange.rules["SOLUSDT"] = SymbolRules(lotSize: .init(stepSize: Decimal(string: "0.01")!),
                                                         notional: .init(filterName: .notional, minNotional: 500, appliesMinToMarket: true))
        let result = await scenario.run()
        #expect(result.gates.contains("order_filter_notional"))
        #expect(!result.exchange.orderSummaries.contains { $0.hasPrefix("BUY SOLUSDT") })
        #expect(result.exchange.orderSummaries.contains { $0.hasPrefix("BUY ETHUSDT") })
    }

    @Test func refusedOrderIsAlertedAndTheCycleGoesOn() async {
        let scenario = Scenario()
        scenario.exchange.rejections["ETHUSDT"] = TestRejection(description: "code -2010 insufficient balance")
        let result = await scenario.run()
        #expect(result.report.status == .ok)
        let messages = await result.notifier.messages
        #expect(messages.contains { $0.hasPrefix("⚠️ 【Trend Buy Failed】 ETHUSDT") && $0.contains("code -2010") })
        #expect(result.exchange.orderSummaries == ["BUY SOLUSDT 2.53", "BUY BTCUSDT 0.0004"])
        #expect(result.report.stateWriteReasons.last == "cycle_complete")
    }

    @Test func shortSpotIsRedeemedFromSimpleEarnBeforeBuying() async {
        var scenario = Scenario()
        scenario.exchange.spot["USDT"] = SpotBalance(free: 100, locked: 0)
        scenario.exchange.earn["USDT"] = EarnPosition(productId: "usdt-flex", totalAmount: 900)
        let result = await scenario.run()
        let redeem = result.report.earnIntents.first
        #expect(redeem?.action == .redeem && redeem?.reason == .assetAvailability)
        // One redemption for the whole cycle: ETH's shortfall (475 − 100) × 1.001, what SOL's buy
        // and the DCA buy still to come will spend (budgets after the sizing haircut) and the 50
        // USDT buffer target (5 % of 1,000, at least 50).
        let solBudget = result.report.tradeIntents.first { $0.symbol == "SOLUSDT" }?.budget ?? 0
        let dcaBudget = result.report.dcaIntents.first?.budget ?? 0
        let laterSpend = (solBudget + dcaBudget) * StrategyConstants.orderBudgetHaircut
        #expect(abs((redeem?.amount ?? 0) - (375.375 + laterSpend + 50)) < 1e-6)
        #expect(result.report.earnIntents.filter { $0.reason == .assetAvailability }.count == 1)
        #expect(result.exchange.orderSummaries == ["BUY ETHUSDT 0.19", "BUY SOLUSDT 2.53", "BUY BTCUSDT 0.0004"])
    }

    /// Issue 13: redeemed funds that have not reached spot yet are waited for (spot read every
    /// 0.5 s); the buy goes out once they are there.
    @Test func aBuyWaitsUntilTheRedeemedFundsReachSpot() async throws {
        var scenario = Scenario()
        scenario.exchange.spot["USDT"] = SpotBalance(free: 100, locked: 0)
        scenario.exchange.earn["USDT"] = EarnPosition(productId: "usdt-flex", totalAmount: 900)
        scenario.exchange.creditAfterReads = 4
        let clock = FixedClock(Scenario.now)
        let result = await scenario.run(clock: clock)
        #expect(result.exchange.orderSummaries == ["BUY ETHUSDT 0.19", "BUY SOLUSDT 2.53", "BUY BTCUSDT 0.0004"])
        #expect(clock.sleeps.filter { $0 == 0.5 }.count == 3, "three reads found nothing, the fourth (after three 0.5 s waits) found the funds")
        #expect(!result.gates.contains("earn_redemption_not_credited"))
    }

    /// Funds that never arrive: the order that needed them is not sent (never sent short), gated
    /// and alerted; the cycle goes on.
    @Test func aRedemptionThatNeverReachesSpotSkipsTheOrderWithAGate() async throws {
        var scenario = Scenario()
        scenario.exchange.spot["USDT"] = SpotBalance(free: 100, locked: 0)
        scenario.exchange.earn["USDT"] = EarnPosition(productId: "usdt-flex", totalAmount: 900)
        scenario.exchange.creditAfterReads = nil
        let clock = FixedClock(Scenario.now)
        let result = await scenario.run(clock: clock)
        #expect(!result.exchange.orders.contains { $0.symbol == "ETHUSDT" })
        let gate = try #require(result.report.gatingEvents.first { $0.gate == .earnRedemptionNotCredited })
        #expect(gate.category == .trend && gate.detail?.json["asset"] == "USDT")
        #expect(clock.sleeps.filter { $0 == 0.5 }.count >= 20, "polled for 10 s")
        let alert = MessageCatalog(language: .en).text(.redemptionNotCredited, [.asset: "USDT", .amount: "475.0"])
        #expect(await result.notifier.messages.contains { $0.hasPrefix(alert) })
    }

    /// Simple Earn takes one move per 3 s: a second move in the same cycle waits out the rest.
    @Test func earnMovesAreSpacedByThreeSeconds() async throws {
        var scenario = Scenario()
        scenario.exchange.spot["USDT"] = SpotBalance(free: 100, locked: 0)
        scenario.exchange.earn["USDT"] = EarnPosition(productId: "usdt-flex", totalAmount: 900)
        let clock = FixedClock(Scenario.now)
        let result = await scenario.run(clock: clock)
        let moves = result.exchange.redemptions.count + result.exchange.subscriptions.count
        #expect(clock.sleeps.filter { $0 == 3 }.count == max(0, moves - 1), "every move after the first waited (the fixed clock does not advance)")
    }
}
