import Binance
import Engine
import Foundation
import Testing
import TestSupport

/// Issue 23: a cycle reads spot and Simple Earn from one account request (the `LD…` mirrors),
/// remembers the product id instead of paying the product list each time, and checks its own
/// orders with one status lookup; `cycle reconcile` compares the mirror with Simple Earn's list.
@Suite struct BinanceEarnMirrorTests {
    @Test func spotAndSimpleEarnComeFromOneAccountRequest() async throws {
        let harness = try await BinanceHarness.start(balances: ["USDT": 300, "BNB": Decimal(string: "0.1")!])
        await harness.fake.setEarn("USDT", 9_700)
        let exchange = harness.exchange
        let holdings = await exchange.holdings(earnAssets: ["USDT", "BNB", "BTC"])
        #expect(try holdings.spot.get()["USDT"]?.free == 300)
        #expect(try holdings.spot.get()["LDUSDT"] == nil, "the mirror is not spot")
        #expect(try holdings.earn.get() == ["USDT": EarnPosition(productId: "USDT001", totalAmount: 9_700)])
        #expect(await harness.fake.requestCount("GET /api/v3/account") == 1)
        #expect(await harness.fake.requestCount("GET /sapi/v1/simple-earn/flexible/position") == 0, "Simple Earn's list (weight 150) is not read")
        #expect(await harness.fake.requestCount("GET /sapi/v1/simple-earn/flexible/list") == 1, "the product id is looked up once")
        _ = await exchange.holdings(earnAssets: ["USDT"])
        #expect(await harness.fake.requestCount("GET /sapi/v1/simple-earn/flexible/list") == 1, "then remembered")
        await harness.fake.stop()
    }

    @Test func aRememberedProductIdSparesTheListUntilItIsStaleOrRefused() async throws {
        let harness = try await BinanceHarness.start()
        let now = Date()
        let fresh = EarnProductMemory(remembered: ["USDT": KnownEarnProduct(productId: "USDT001", lookedUpAt: now.addingTimeInterval(-86_400))])
        #expect(try await BinanceExchange(client: harness.client, earnProducts: fresh).flexibleProductId(asset: "USDT") == "USDT001")
        #expect(await harness.fake.requestCount("GET /sapi/v1/simple-earn/flexible/list") == 0)

        let stale = EarnProductMemory(remembered: ["USDT": KnownEarnProduct(productId: "USDT001", lookedUpAt: now.addingTimeInterval(-31 * 86_400))])
        #expect(try await BinanceExchange(client: harness.client, earnProducts: stale).flexibleProductId(asset: "USDT") == "USDT001")
        #expect(await harness.fake.requestCount("GET /sapi/v1/simple-earn/flexible/list") == 1, "older than 30 days: looked up again")
        #expect(await stale.snapshot["USDT"].map { $0.lookedUpAt > now.addingTimeInterval(-60) } == true, "and remembered anew")

        // An id Binance no longer knows: the move is refused and the id forgotten, so the next move looks it up.
        let wrong = EarnProductMemory(remembered: ["USDT": KnownEarnProduct(productId: "GONE", lookedUpAt: now)])
        let exchange = BinanceExchange(client: harness.client, earnProducts: wrong)
        await #expect(throws: BinanceRejection.self) { try await exchange.subscribeFlexible(productId: "GONE", amount: 100) }
        #expect(await wrong.snapshot.isEmpty)
        #expect(try await exchange.flexibleProductId(asset: "USDT") == "USDT001")
        await harness.fake.stop()
    }

    @Test func anOrdersStatusIsOneLookupWithoutItsTrades() async throws {
        let harness = try await BinanceHarness.start()
        let exchange = harness.exchange
        _ = try await exchange.symbolRules(symbols: ["BTCUSDT"])
        _ = try await exchange.averagePrices(symbols: ["BTCUSDT"])
        let placed = try await exchange.placeMarketOrder(MarketOrder(symbol: "BTCUSDT", side: .buy, size: .quote(50), clientOrderId: "D_BUY_BTC_1"))
        let trades = await harness.fake.requestCount("GET /api/v3/myTrades")
        let status = try #require(try await exchange.orderStatus(symbol: "BTCUSDT", clientOrderId: "D_BUY_BTC_1"))
        #expect(status.status == placed.status && status.executedQuantity == placed.executedQuantity)
        #expect(await harness.fake.requestCount("GET /api/v3/order") == 1)
        #expect(await harness.fake.requestCount("GET /api/v3/myTrades") == trades, "no trades read for a status")
        #expect(try await exchange.orderStatus(symbol: "BTCUSDT", clientOrderId: "NEVER_SENT") == nil)
        await harness.fake.stop()
    }

    @Test func reconcileFindsAMirrorThatDisagreesWithSimpleEarn() async throws {
        let harness = try await BinanceHarness.start(balances: ["USDT": 300, "BNB": Decimal(string: "0.1")!])
        await harness.fake.setEarn("USDT", 9_700)
        var full = Reconciler.KnownReads()
        full.checksEarnMirror = true
        let agreeing = await Reconciler(exchange: harness.exchange).reconcile(document: nil, recentEntries: [], account: "binance", now: Date(), known: full)
        #expect(agreeing.checks.contains { $0.name == "earn_mirror" && $0.failures == 0 }, "\(agreeing.checks)")
        #expect(agreeing.isOk, "\(agreeing.failures)")

        await harness.fake.setMirrorDrift("USDT", -100)
        let drifting = await Reconciler(exchange: harness.exchange).reconcile(document: nil, recentEntries: [], account: "binance", now: Date(), known: full)
        let failure = try #require(drifting.failures.first { $0.kind == .earnMirrorMismatch })
        #expect(failure.symbol == "USDT" && failure.detail.contains("9600") && failure.detail.contains("9700"), "\(failure.detail)")
        await harness.fake.stop()
    }
}
