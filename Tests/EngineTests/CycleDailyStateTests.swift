import Foundation
import Testing
import Engine
import Strategy

/// docs/strategy.md#balances-and-equity fuel top-up and docs/strategy.md#the-cycle-step-by-step steps 5–9.
@Suite struct CycleDailyStateTests {
    @Test func fuelTopUpBuys15USDTOfBNBWhenFuelIsBelow10() async throws {
        let scenario = Scenario()
        scenario.exchange.spot["BNB"] = SpotBalance(free: 0.01, locked: 0) // 3 USDT of fuel
        let result = await scenario.run()
        let fuel = try #require(result.report.tradeIntents.first)
        #expect(fuel.category == .fuel && fuel.symbol == "BNBUSDT" && fuel.quoteOrderQty == 15)
        #expect(fuel.clientOrderId?.hasPrefix("F_BUY_BNBUSDT_") == true)
        #expect(result.exchange.orderSummaries.first == "BUY BNBUSDT quote 15")
        #expect(result.report.diagnostics.allocationBeforeTrades?.cash == 985)
    }

    @Test func dailyResetOnANewUTCDayClearsTheBreakerAndSetsBases() async throws {
        var scenario = Scenario()
        scenario.state = ["last_reset_date": "2026-03-14", "is_circuit_broken": true, "daily_equity_base": 5.0]
        let result = await scenario.run()
        let state = try result.finalState()
        #expect(result.report.stateWriteReasons.contains("daily_reset"))
        #expect(state.lastResetDate == "2026-03-15")
        #expect(state.dailyEquityBase == 1030)
        #expect(state.dailyTrendPnlBasis == "trend_val")
        #expect(state.isCircuitBroken == false)
    }

    @Test func sameDayWithAnOldBasisMigratesTheTrendBase() async {
        var scenario = Scenario()
        scenario.state = ["last_reset_date": "2026-03-15", "daily_trend_pnl_basis": "", "daily_equity_base": 1030.0]
        let result = await scenario.run()
        #expect(result.report.stateWriteReasons.contains("trend_pnl_basis_migrate"))
        #expect(!result.report.stateWriteReasons.contains("daily_reset"))
    }

    @Test func externalDepositRebasesTheDailyBases() async throws {
        var scenario = Scenario()
        scenario.state = [
            "last_reset_date": "2026-03-15", "daily_trend_pnl_basis": "trend_val", "daily_equity_base": 530.0,
            "last_balance_snapshot": ["USDT": 500.0, "BTC": 0.0, "ETH": 0.0, "SOL": 0.0, "XRP": 0.0, "LTC": 0.0, "BCH": 0.0],
        ]
        let result = await scenario.run()
        #expect(result.report.stateWriteReasons.contains("external_balance_flow_rebase"))
        #expect(result.report.logLines.contains { $0 == MessageCatalog(language: .en).text(.externalUsdtFlow) })
        #expect(try result.finalState().dailyEquityBase == 1030)
    }

    /// An asset only the previous snapshot has (a coin that left the universe) moved to 0; the
    /// moved assets are named sorted.
    @Test func anAssetGoneFromTheSnapshotCountsAsMovedAndAssetsAreNamedSorted() async throws {
        var scenario = Scenario()
        scenario.state = [
            "last_reset_date": "2026-03-15", "daily_trend_pnl_basis": "trend_val", "daily_equity_base": 530.0,
            "last_balance_snapshot": ["USDT": 500.0, "BTC": 0.0, "ETH": 0.0, "SOL": 0.0, "XRP": 0.0, "LTC": 0.0, "BCH": 0.0, "ADA": 12.5],
        ]
        let result = await scenario.run()
        #expect(result.report.stateWriteReasons.contains("external_balance_flow_rebase"))
        let named = MessageCatalog(language: .en).text(.externalBalanceFlow, [.assets: "ADA, USDT"])
        #expect(result.report.logLines.contains(named), "\(result.report.logLines)")
        #expect(try result.finalState().lastBalanceSnapshot["ADA"] == nil)
    }

    @Test func unchangedBalancesDoNotRebase() async {
        var scenario = Scenario()
        scenario.state = [
            "last_reset_date": "2026-03-15", "daily_trend_pnl_basis": "trend_val", "daily_equity_base": 1030.0,
            "last_balance_snapshot": ["USDT": 1000.00005, "BTC": 0.0, "ETH": 0.0, "SOL": 0.0, "XRP": 0.0, "LTC": 0.0, "BCH": 0.0],
        ]
        let result = await scenario.run()
        #expect(!result.report.stateWriteReasons.contains("external_balance_flow_rebase"))
    }

    @Test func latchedBreakerStopsBeforeAnyTrade() async {
        var scenario = Scenario()
        scenario.state = ["last_reset_date": "2026-03-15", "daily_trend_pnl_basis": "trend_val", "is_circuit_broken": true]
        let result = await scenario.run()
        #expect(result.report.status == .ok)
        #expect(result.report.logLines.first?.hasPrefix(MessageCatalog(language: .en).text(.circuitLatchedLine, [.equity: ""])) == true)
        #expect(result.exchange.orders.isEmpty)
        #expect(result.report.tradeIntents.isEmpty && result.report.dcaIntents.isEmpty)
    }

    @Test func trendLossOfFivePercentSellsEveryPositionAndLatches() async throws {
        var scenario = Scenario()
        scenario.exchange.spot["ETH"] = SpotBalance(free: 0.2, locked: 0)   // 500 USDT
        scenario.exchange.spot["SOL"] = SpotBalance(free: 0.05, locked: 0)  // 7.5 USDT: too small
        scenario.state = [
            "last_reset_date": "2026-03-15", "daily_trend_pnl_basis": "trend_val", "daily_equity_base": 1600.0,
            "daily_trend_equity_base": 540.0, // trend now 507.5 → −6.0 %
            "ETHUSDT": ["is_holding": true, "entry_price": 2700.0, "highest_price": 2700.0],
            "last_balance_snapshot": ["USDT": 1000.0, "BTC": 0.0, "ETH": 0.2, "SOL": 0.05, "XRP": 0.0, "LTC": 0.0, "BCH": 0.0],
        ]
        let result = await scenario.run()
        #expect(result.report.circuitBreakerTriggered)
        #expect(result.report.tradeIntents.map(\.symbol) == ["ETHUSDT"])
        #expect(result.report.tradeIntents.first?.reason == .circuitBreaker)
        #expect(result.report.json["buy_sell_intents"]?.arrayValue?.first?["reason"] == "daily_circuit_breaker")
        #expect(result.exchange.orderSummaries == ["SELL ETHUSDT 0.2"])
        #expect(result.report.gatingSummary["circuit_breaker_sell_below_min_position"] == 4)
        #expect(result.report.stateWriteReasons.last == "daily_circuit_breaker")
        let state = try result.finalState()
        #expect(state.isCircuitBroken)
        #expect(state.positions["ETHUSDT"] == .flat)
        let sent = await result.notifier.messages
        #expect(sent.last?.hasPrefix("🚫 【Circuit Breaker】") == true, "\(sent)")
        #expect(result.report.dcaIntents.isEmpty, "the cycle stops after the breaker")
    }
}
