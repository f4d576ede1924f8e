import Binance
import Engine
import Foundation
import Testing
import TestSupport

/// What the client does when Binance misbehaves, each against the fake with the real client.
struct BinanceFaultTests {
    @Test func a429IsWaitedOutForRetryAfterThenTheReadSucceeds() async throws {
        let harness = try await BinanceHarness.start(realWaits: true)
        await harness.fake.inject(.status(429, code: -1003, message: "Too many requests; current limit is 6000 request weight per 1 MINUTE.", retryAfter: 1), on: "GET /api/v3/avgPrice")
        let started = Date()
        let price = try await harness.client.averagePrice(symbol: "BTCUSDT")
        #expect(!price.price.isEmpty)
        #expect(await harness.waits.seconds == [1])
        #expect(Date().timeIntervalSince(started) >= 1, "the client waited the Retry-After before asking again")
        #expect(await harness.fake.requestCount("GET /api/v3/avgPrice") == 2)
        await harness.fake.stop()
    }

    @Test func a429BeyondTheBudgetIsAnErrorNotAnEndlessWait() async throws {
        let harness = try await BinanceHarness.start { $0.readAttempts = 2 }
        await harness.fake.inject(.status(429, code: -1003, message: "Too many requests.", retryAfter: 2), on: "GET /api/v3/avgPrice", times: 5)
        let error = try await #require(throws: BinanceAPIError.self) { try await harness.client.averagePrice(symbol: "BTCUSDT") }
        #expect(error.kind == .rateLimited)
        #expect(error.retryAfterSeconds == 2)
        #expect(await harness.fake.requestCount("GET /api/v3/avgPrice") == 2)
        await harness.fake.stop()
    }

    @Test func a418StopsEveryFurtherRequest() async throws {
        let harness = try await BinanceHarness.start()
        try await harness.client.synchronizeTime()
        await harness.fake.inject(.status(418, code: -1003, message: "Way too much request weight used; IP banned until 1700000000000.", retryAfter: 120), on: "GET /api/v3/account")
        let banned = try await #require(throws: BinanceAPIError.self) { try await harness.exchange.spotBalances() }
        #expect(banned.kind == .ipBanned)
        #expect(!banned.isRetryable)
        let before = await harness.fake.requestCount()
        await #expect(throws: BinanceAPIError.self) { try await harness.exchange.averagePrices(symbols: ["BTCUSDT"]) }
        await #expect(throws: (any Error).self) {
            try await harness.exchange.placeMarketOrder(MarketOrder(symbol: "BTCUSDT", side: .buy, size: .quote(20), clientOrderId: "T_BUY_BTC_1"))
        }
        #expect(await harness.fake.requestCount() == before, "nothing reaches Binance after a 418")
        await harness.fake.stop()
    }

    @Test func aTimestampOutsideTheRecvWindowResynchronizesAndRecovers() async throws {
        let harness = try await BinanceHarness.start()
        try await harness.client.synchronizeTime()
        // Binance's clock jumps 10 s ahead after the offset was measured: the next signed call gets -1021.
        await harness.fake.setClockSkew(milliseconds: 10_000)
        let balances = try await harness.exchange.spotBalances()
        #expect(balances["USDT"]?.free == 10_000)
        #expect(await harness.fake.requestCount("GET /api/v3/account") == 2)
        #expect(await harness.fake.requestCount("GET /api/v3/time") == 2)
        let offset = await harness.client.serverTimeOffsetMilliseconds
        // The offset is measured over one round trip; on a loaded 2-core CI machine that can take
        // a second or more. Without the re-sync it would be about 0.
        #expect(abs(offset - 10_000) < 2_500)
        await harness.fake.stop()
    }

    @Test func aTimedOutOrderIsResolvedByQueryAndNeverSentTwice() async throws {
        let harness = try await BinanceHarness.start { $0.timeoutSeconds = 2 }
        let exchange = harness.exchange
        try await exchange.connect()
        _ = try await exchange.symbolRules(symbols: ["ETHUSDT"])
        _ = try await exchange.averagePrices(symbols: ["ETHUSDT"])
        await harness.fake.inject(.executeThenDelay(seconds: 3), on: "POST /api/v3/order")
        let order = MarketOrder(symbol: "ETHUSDT", side: .buy, size: .quantity(Decimal(string: "0.5")!), clientOrderId: "T_BUY_ETH_run1_001")
        let error = try await #require(throws: BinanceAPIError.self) { try await exchange.placeMarketOrder(order) }
        #expect(error.kind == .timeout)
        #expect(!(error is any ExchangeRejection), "a timeout is 'unknown', never a refusal")
        let found = try #require(try await exchange.order(symbol: "ETHUSDT", clientOrderId: "T_BUY_ETH_run1_001"))
        #expect(found.status == .filled)
        #expect(found.executedQuantity == 0.5)
        // The fake pays fees in BNB when its BNB covers them, as Binance does with "use BNB for
        // fees" on: no ETH was charged, where the standard-rate estimate would book 0.0005.
        #expect(found.commissionInBaseAsset == 0, "the commission comes from the order's trades")
        #expect(!found.commissionEstimated)
        #expect(await harness.fake.requestCount("POST /api/v3/order") == 1)
        #expect(await harness.fake.orders.count == 1)
        await harness.fake.stop()
    }

    @Test func a5xxOnAnOrderIsUnknownAndTheOrderIsFoundAfterMinus2013Backoff() async throws {
        let harness = try await BinanceHarness.start()
        let exchange = harness.exchange
        try await exchange.connect()
        await harness.fake.inject(.executeThenFail, on: "POST /api/v3/order")
        let order = MarketOrder(symbol: "SOLUSDT", side: .buy, size: .quote(100), clientOrderId: "T_BUY_SOL_run2_001")
        let error = try await #require(throws: BinanceAPIError.self) { try await exchange.placeMarketOrder(order) }
        #expect(error.kind == .serverError)
        #expect(error.httpStatus == 503)
        // Binance does not know the order for a moment: two -2013 answers, then the order.
        await harness.fake.inject(.orderNotYetVisible, on: "GET /api/v3/order", times: 2)
        let found = try #require(try await exchange.order(symbol: "SOLUSDT", clientOrderId: "T_BUY_SOL_run2_001"))
        #expect(found.executedQuantity > 0)
        #expect(await harness.waits.seconds == [0.01, 0.01])
        #expect(await harness.fake.requestCount("POST /api/v3/order") == 1)
        // An order Binance never had is "not placed" once the backoff is spent.
        #expect(try await exchange.order(symbol: "SOLUSDT", clientOrderId: "T_BUY_SOL_never") == nil)
        await harness.fake.stop()
    }

    @Test func malformedJSONIsAClearError() async throws {
        let harness = try await BinanceHarness.start()
        await harness.fake.inject(.malformedJSON, on: "GET /api/v3/avgPrice")
        let error = try await #require(throws: BinanceAPIError.self) { try await harness.client.averagePrice(symbol: "BTCUSDT") }
        #expect(error.kind == .malformedResponse)
        #expect("\(error)".contains("GET /api/v3/avgPrice"))
        #expect("\(error)".contains("<html>upstream hiccup"))
        await harness.fake.stop()
    }

    /// A market buy of 1 ETH that the fake fills 40 % of (then expires).
    static func buyOneETHFillingFourTenths(_ harness: BinanceHarness) async throws -> OrderFill {
        let exchange = harness.exchange
        try await exchange.connect()
        _ = try await exchange.symbolRules(symbols: ["ETHUSDT"])
        await harness.fake.inject(.partialFill(share: Decimal(string: "0.4")!), on: "POST /api/v3/order")
        return try await exchange.placeMarketOrder(MarketOrder(symbol: "ETHUSDT", side: .buy, size: .quantity(1), clientOrderId: "T_BUY_ETH_run3_001"))
    }

    @Test func aPartialFillIsAccountedExactly() async throws {
        let harness = try await BinanceHarness.start()
        let fill = try await Self.buyOneETHFillingFourTenths(harness)
        #expect(fill.status == .expired)
        #expect(fill.executedQuantity == 0.4)
        #expect(fill.commissionInBaseAsset == 0, "the account's 0.1 BNB pays the fee")
        let price = try #require(await harness.fake.market.price("ETHUSDT"))
        #expect(fill.quoteQuantity == OrderSizing.double(price * Decimal(string: "0.4")!))
        #expect(await harness.fake.balances["ETH"] == Decimal(string: "0.4"))
        // 0.4 × 3,506.07 × 0.001 × 0.75 / 1,078.06 (BNBUSDT) = 0.000975660… → 0.00097567 BNB
        #expect(await harness.fake.balances["BNB"] == Decimal(string: "0.09902433"))
        await harness.fake.stop()
    }

    /// Without BNB the fee is 0.1 % of the bought asset, and the adapter books it in the base.
    @Test func aPartialFillWithoutBNBPaysItsFeeInTheBoughtAsset() async throws {
        let harness = try await BinanceHarness.start(balances: ["USDT": 10_000])
        let fill = try await Self.buyOneETHFillingFourTenths(harness)
        #expect(fill.status == .expired)
        #expect(fill.executedQuantity == 0.4)
        #expect(fill.commissionInBaseAsset == 0.0004)
        #expect(await harness.fake.balances["ETH"] == Decimal(string: "0.3996"))
        await harness.fake.stop()
    }

    @Test func anOrderBelowNotionalIsNeverSent() async throws {
        let harness = try await BinanceHarness.start()
        let exchange = harness.exchange
        _ = try await exchange.symbolRules(symbols: ["ETHUSDT"])
        _ = try await exchange.averagePrices(symbols: ["ETHUSDT"])
        let tiny = MarketOrder(symbol: "ETHUSDT", side: .buy, size: .quantity(Decimal(string: "0.0001")!), clientOrderId: "T_BUY_ETH_run4_001")
        let refusal = try await #require(throws: BinanceFilterRejection.self) { try await exchange.placeMarketOrder(tiny) }
        #expect(refusal.violation.filter == .notional)
        let tinyQuote = MarketOrder(symbol: "ETHUSDT", side: .buy, size: .quote(2), clientOrderId: "T_BUY_ETH_run4_002")
        await #expect(throws: BinanceFilterRejection.self) { try await exchange.placeMarketOrder(tinyQuote) }
        #expect(await harness.fake.requestCount("POST /api/v3/order") == 0)
        await harness.fake.stop()
    }

    @Test func refusalsAreFinalAndCarryBinancesCode() async throws {
        let harness = try await BinanceHarness.start(balances: ["USDT": 50])
        let exchange = harness.exchange
        try await exchange.connect()
        let order = MarketOrder(symbol: "ETHUSDT", side: .buy, size: .quantity(1), clientOrderId: "T_BUY_ETH_run5_001")
        let refusal = try await #require(throws: BinanceRejection.self) { try await exchange.placeMarketOrder(order) }
        #expect(refusal.error.code == -2010)
        #expect(refusal.error.httpStatus == 400)
        #expect(!refusal.error.isRetryable)
        await harness.fake.stop()
    }

    @Test func theWeightBudgetSlowsRequestsBeforeTheLimit() async throws {
        // A 2 s interval instead of a minute, so the wait is really waited.
        let harness = try await BinanceHarness.start(realWaits: true) { $0.weightLimitPerMinute = 100; $0.weightWindowMilliseconds = 2_000 }
        await harness.fake.setWeightBudget(limit: 100, windowMilliseconds: 2_000)
        try await harness.client.synchronizeTime()
        // Start right after an interval begins, so the whole exchange below falls inside it.
        let now = await harness.client.estimatedServerTime
        try await Task.sleep(nanoseconds: UInt64((2_000 - now % 2_000) + 20) * 1_000_000)
        await harness.fake.setWeightUsed(85)
        _ = try await harness.client.ping()          // the header now says 86 used
        #expect(await harness.client.metrics.usedWeightLastMinute >= 86)
        _ = try await harness.client.exchangeInfo(symbols: ["BTCUSDT"])   // 86 + 20 > 90: wait for the next interval first
        let waits = await harness.waits.seconds
        #expect(waits.count == 1)
        #expect(waits[0] > 0 && waits[0] <= 2.05)
        #expect(await harness.fake.weightRefusals == 0)
        await harness.fake.stop()
    }

    /// Issue 13: 16 concurrent requests (signed account reads and orders) under a weight limit
    /// that lets only a few through per interval: the client waits for the next interval
    /// before it signs, so none is refused for weight (429) or for a stale timestamp (-1021),
    /// and the fake never sees the limit exceeded. The interval is 1 s instead of a minute,
    /// and recvWindow 700 ms, shorter than the waits.
    @Test func concurrentRequestsUnderALowWeightLimitNeitherExceedItNorGoStale() async throws {
        let harness = try await BinanceHarness.start(realWaits: true) {
            $0.weightLimitPerMinute = 100
            $0.weightWindowMilliseconds = 1_000
            $0.recvWindowMilliseconds = 700
        }
        await harness.fake.setWeightBudget(limit: 100, windowMilliseconds: 1_000)
        try await harness.client.synchronizeTime()
        let client = harness.client
        let outcomes = await withTaskGroup(of: String.self) { group in
            for index in 0..<16 {
                group.addTask {
                    do {
                        if index % 4 == 3 {
                            _ = try await client.newMarketOrder(symbol: "ETHUSDT", side: "BUY", quantity: nil,
                                                                quoteQuantity: 20, clientOrderId: "weight-test-\(index)")
                        } else {
                            _ = try await client.account()
                        }
                        return "ok"
                    } catch {
                        return "\(error)"
                    }
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(outcomes.allSatisfy { $0 == "ok" }, "\(outcomes.filter { $0 != "ok" })")
        #expect(await harness.fake.weightRefusals == 0)
        #expect(await harness.fake.peakWeightInWindow <= 100)
        #expect(await harness.fake.orders.count == 4)
        #expect(await !harness.waits.seconds.isEmpty, "the budget made the client wait")
        await harness.fake.stop()
    }

    /// Issue 13: an order Binance answered for keeps that answer when its trades cannot be
    /// read; the commission is estimated at the standard fee and marked estimated.
    @Test func anOrderLookupWhoseTradesFailIsStillResolvedWithAnEstimatedCommission() async throws {
        let harness = try await BinanceHarness.start()
        try await harness.client.synchronizeTime()
        _ = try await harness.client.newMarketOrder(symbol: "ETHUSDT", side: "BUY", quantity: nil, quoteQuantity: 100, clientOrderId: "estimate-1")
        await harness.fake.inject(.status(503, code: -1001, message: "Internal error; unable to process your request. Please try again."),
                                  on: "GET /api/v3/myTrades", times: 100)
        let fill = try #require(try await harness.exchange.order(symbol: "ETHUSDT", clientOrderId: "estimate-1"))
        let placed = try #require(await harness.fake.orders.first)
        #expect(fill.status == .filled)
        #expect(fill.executedQuantity == OrderSizing.double(placed.executedQty))
        #expect(fill.commissionEstimated)
        #expect(abs(fill.commissionInBaseAsset - fill.executedQuantity * 0.001) < 1e-15)
        await harness.fake.stop()
    }

    @Test func secretsNeverAppearInErrors() async throws {
        let harness = try await BinanceHarness.start(signer: .hmac(secret: "wrong-secret-0123456789"))
        try await harness.client.synchronizeTime()
        let error = try await #require(throws: BinanceAPIError.self) { try await harness.client.account() }
        #expect(error.code == -1022)
        let text = "\(error) \(String(reflecting: error))"
        #expect(text.contains("BINANCE_API_SECRET"))
        for secret in ["wrong-secret-0123456789", FakeBinance.testAPIKey, "signature="] { #expect(!text.contains(secret)) }
        await harness.fake.stop()
    }
}
