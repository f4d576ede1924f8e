import Binance
import Engine
import Foundation
import Testing
import TestSupport

/// Issue 21 #4: Binance never redirects. An order met with a redirect is a refusal (final,
/// nothing placed, no lookup needed), and the origin the redirect names sees nothing.
struct BinanceRedirectTests {
    @Test func anOrderMetWithARedirectIsARefusalAndTheOtherOriginSeesNothing() async throws {
        let harness = try await BinanceHarness.start()
        let elsewhere = try await RedirectingPeer.launch(redirectingTo: nil)
        await harness.fake.inject(.redirect(status: 307, to: await elsewhere.baseURL), on: "POST /api/v3/order")
        let order = MarketOrder(symbol: "BTCUSDT", side: .buy, size: .quote(20), clientOrderId: "T_BUY_BTC_1")

        // Unchanged code followed the 307 with the signed order and got no order back: "outcome unknown".
        let rejection = try await #require(throws: BinanceRejection.self) { try await harness.exchange.placeMarketOrder(order) }
        #expect(rejection.error.kind == .redirected)
        #expect(rejection.error.httpStatus == 307)
        #expect(rejection.error.isDefiniteRefusal)
        #expect(rejection.stopsTrading, "every other order would meet the same redirect")
        let text = "\(rejection)"
        #expect(text.contains("POST /api/v3/order HTTP 307: redirected to host 127.0.0.1"), "\(text)")
        #expect(text.contains("BINANCE_BASE_URL"), "names what to check: \(text)")
        #expect(!text.contains("signature") && !text.contains(FakeBinance.testAPIKey), "\(text)")
        #expect(await elsewhere.requests.isEmpty, "the signed order never reached the other origin")
        #expect(await harness.fake.orders.isEmpty)
        #expect(await harness.fake.requestCount("POST /api/v3/order") == 1, "sent once, never again")
        await elsewhere.stop()
        await harness.fake.stop()
    }

    @Test func aReadMetWithARedirectFailsAtOnceWithoutRetrying() async throws {
        let harness = try await BinanceHarness.start()
        let elsewhere = try await RedirectingPeer.launch(redirectingTo: nil)
        await harness.fake.inject(.redirect(status: 302, to: await elsewhere.baseURL), on: "GET /api/v3/account", times: 10)
        let error = try await #require(throws: BinanceAPIError.self) { try await harness.exchange.spotBalances() }
        #expect(error.kind == .redirected)
        #expect(!error.isRetryable)
        #expect(await harness.fake.requestCount("GET /api/v3/account") == 1)
        #expect(await elsewhere.requests.isEmpty, "the API key never reached the other origin")
        await elsewhere.stop()
        await harness.fake.stop()
    }
}
