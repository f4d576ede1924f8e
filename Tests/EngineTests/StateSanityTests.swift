import Engine
import Foundation
import Testing

/// Issue 12: inputs that parse but make no sense are refused, naming the input, before anything is decided.
@Suite struct StateSanityTests {
    func expectAbortedNamingKey(_ result: Scenario.Result, _ key: String) {
        #expect(result.report.status == .aborted)
        #expect(result.report.errors.map(\.stage) == [.stateLoad])
        #expect(result.report.errors.first?.message.contains("'\(key)'") == true, "\(result.report.errors)")
        #expect(result.exchange.orders.isEmpty, "nothing traded")
    }

    @Test func aStoredNullDocumentIsRefusedNotReadAsNoState() async {
        var scenario = Scenario()
        scenario.state = .null
        let result = await scenario.run()
        expectAbortedNamingKey(result, "<root>")
        #expect(await result.store.writes.isEmpty, "nothing written over it")
    }

    @Test func anAbsurdTrendBaseAbortsInsteadOfTrippingTheBreaker() async {
        var scenario = Scenario()
        scenario.state = ["daily_trend_equity_base": 1e300, "daily_equity_base": 1000.0, "last_reset_date": "2026-03-15",
                          "daily_trend_pnl_basis": "trend_val"]
        let result = await scenario.run()
        expectAbortedNamingKey(result, "daily_trend_equity_base")
        #expect(!result.report.circuitBreakerTriggered)
    }

    @Test func anAbsurdHighAbortsInsteadOfFiringTheStop() async {
        var scenario = Scenario()
        scenario.exchange.spot["ETH"] = SpotBalance(free: 0.2, locked: 0)
        scenario.state = ["ETHUSDT": ["is_holding": true, "entry_price": 2400.0, "highest_price": 1e308]]
        let result = await scenario.run()
        expectAbortedNamingKey(result, "ETHUSDT.highest_price")
    }

    @Test(arguments: [JSONValue.double(.infinity), .double(-5)])
    func aNonFiniteOrNegativePriceInAPositionIsRefusedAtLoad(_ value: JSONValue) async {
        var scenario = Scenario()
        scenario.state = ["ETHUSDT": ["is_holding": true, "entry_price": 2400.0, "highest_price": value]]
        expectAbortedNamingKey(await scenario.run(), "ETHUSDT.highest_price")
    }

    @Test func aNegativeDailyBaseIsRefusedAtLoad() async {
        var scenario = Scenario()
        scenario.state = ["daily_equity_base": -1.0]
        expectAbortedNamingKey(await scenario.run(), "daily_equity_base")
    }

    @Test func aPoolWhoseBaseAssetIsNotTheSymbolsOwnIsRefused() {
        let validator = PoolValidator(contract: PoolContract(maxAgeDays: 45, acceptableModes: ["core_major"], expectedSize: 2),
                                      messages: MessageCatalog(language: .en))
        let result = validator.validate([
            "as_of_date": "2026-03-10", "mode": "core_major", "pool_size": 2, "symbols": ["ETHUSDT", "SOLUSDT"],
            "symbol_map": ["ETHUSDT": ["base_asset": "ETH"], "SOLUSDT": ["base_asset": "USDT"]],
        ], today: CalendarDay(year: 2026, month: 3, day: 15)!, enforceFreshness: true)
        #expect(!result.isUsable)
        #expect(result.errors.contains(MessageCatalog(language: .en).text(.baseAssetMismatch, [.symbol: "SOLUSDT", .baseAsset: "USDT"])))
    }
}

/// Issue 12: a pool naming a symbol the exchange cannot price (not listed) refuses its rung with
/// the reason; the cycle falls back down the ladder, and the payload never becomes the fallback.
@Suite struct UnpricedPoolTests {
    @Test func anUnlistedSymbolRefusesTheFreshRungAndTheCycleTradesOnTheLastKnownGood() async throws {
        var scenario = Scenario()
        scenario.poolPayload = Scenario.payload(asOf: "2026-03-10", symbols: ["ETHUSDT", "FAKEUSDT", "XRPUSDT", "LTCUSDT", "BCHUSDT"])
        scenario.state = ["trend_pool_last_good_payload": Scenario.payload(asOf: "2026-02-01")]
        let store = InMemoryStateStore(document: scenario.state)
        let result = await scenario.run(store: store)
        #expect(result.report.status == .ok, "\(result.report.errors)")
        #expect(result.report.degradedModeLevel == "last_known_good")
        let reason = MessageCatalog(language: .en).text(.poolRungUnpriced, [.label: "fresh_upstream", .symbol: "FAKEUSDT"])
        #expect(result.report.diagnostics.poolResolution?.messages.first == reason)
        #expect(!result.report.upstreamPoolSymbols.contains("FAKEUSDT"))
        #expect(!result.exchange.orders.contains { $0.symbol == "FAKEUSDT" })
        let stored = try TradeState.normalized(from: await store.document, universe: [])
        #expect(stored.lastGoodPayload["as_of_date"] == "2026-02-01", "the unlisted payload did not become the fallback")
        #expect(stored.trendPool.source == "last_known_good")
    }

    @Test func withNothingBelowTheStaticUniverseTheCycleStopsNamingTheSymbol() async {
        var scenario = Scenario()
        scenario.poolPayload = Scenario.payload(asOf: "2026-03-10", symbols: ["ETHUSDT", "FAKEUSDT", "XRPUSDT", "LTCUSDT", "BCHUSDT"])
        scenario.exchange.prices["ETHUSDT"] = nil
        let result = await scenario.run()
        #expect(result.report.status == .error)
        #expect(result.report.errors.first?.message.contains("ETHUSDT") == true, "the static universe has no price for ETHUSDT either")
        #expect(result.exchange.orders.isEmpty)
    }
}

/// Issue 12: the pool's base asset must be the one the exchange lists for the symbol.
@Suite struct ListedBaseAssetTests {
    @Test func aPoolWhoseBaseAssetTheExchangeListsOtherwiseRefusesItsRung() async throws {
        var scenario = Scenario()
        scenario.poolPayload = Scenario.payload(asOf: "2026-03-10", symbols: ["ETHUSDT", "ADAUSDT", "XRPUSDT", "LTCUSDT", "BCHUSDT"])
        scenario.exchange.prices["ADAUSDT"] = 0.5
        scenario.exchange.rules["ADAUSDT"] = SymbolRules(lotSize: .init(stepSize: 1), listing: .init(baseAsset: "ADX", status: "TRADING"))
        scenario.state = ["trend_pool_last_good_payload": Scenario.payload(asOf: "2026-02-01")]
        let result = await scenario.run()
        #expect(result.report.status == .ok, "\(result.report.errors)")
        #expect(result.report.degradedModeLevel == "last_known_good")
        let reason = MessageCatalog(language: .en).text(.poolRungListedBaseMismatch,
                                                         [.label: "fresh_upstream", .symbol: "ADAUSDT", .baseAsset: "ADA", .declared: "ADX"])
        #expect(result.report.diagnostics.poolResolution?.messages.first == reason)
        #expect(!result.exchange.orders.contains { $0.symbol == "ADAUSDT" })
    }

    @Test func aListingThatAgreesIsTradedAsBefore() async throws {
        var scenario = Scenario()
        for (symbol, base) in [("ETHUSDT", "ETH"), ("SOLUSDT", "SOL")] {
            scenario.exchange.rules[symbol]?.listing = .init(baseAsset: base, status: "TRADING")
        }
        let result = await scenario.run()
        #expect(result.report.degradedModeLevel == nil)
        #expect(result.exchange.orderSummaries == ["BUY ETHUSDT 0.19", "BUY SOLUSDT 2.53", "BUY BTCUSDT 0.0004"])
    }
}

/// Issue 13: an order on a symbol the exchange does not list as TRADING is not sent.
@Suite struct SymbolNotTradingTests {
    @Test(arguments: ["BREAK", "HALT", "CANCEL_ONLY"])
    func aBuyOnASymbolThatIsNotTradingIsGatedWithItsStatus(_ status: String) async throws {
        var scenario = Scenario()
        scenario.exchange.rules["SOLUSDT"]?.listing = .init(baseAsset: "SOL", status: status)
        let result = await scenario.run()
        #expect(result.report.status == .ok)
        #expect(result.exchange.orderSummaries == ["BUY ETHUSDT 0.19", "BUY BTCUSDT 0.0004"])
        let gate = try #require(result.report.gatingEvents.first { $0.gate == .orderSymbolNotTrading })
        #expect(gate.symbol == "SOLUSDT" && gate.detail == .text(status) && gate.category == .trend)
        let alert = MessageCatalog(language: .en).text(.orderSymbolNotTrading, [.symbol: "SOLUSDT", .detail: status])
        #expect(await result.notifier.messages.contains(alert))
    }

    @Test func aHeldPositionOnAHaltedSymbolIsReportedNotSold() async throws {
        var scenario = Scenario()
        scenario.exchange.spot["XRP"] = SpotBalance(free: 100, locked: 0)
        scenario.state = ["XRPUSDT": ["is_holding": true, "entry_price": 1.0, "highest_price": 1.1]]
        scenario.exchange.rules["XRPUSDT"]?.listing = .init(baseAsset: "XRP", status: "HALT")
        let result = await scenario.run()
        #expect(!result.exchange.orders.contains { $0.symbol == "XRPUSDT" })
        #expect(result.report.gatingEvents.contains { $0.gate == .orderSymbolNotTrading && $0.symbol == "XRPUSDT" })
        #expect(try result.finalState().positions["XRPUSDT"]?.isHolding == true, "the position stays on the books")
    }
}
