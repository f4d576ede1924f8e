import Binance
import Engine
import Foundation
import Signing
import Strategy
import Testing
import TestSupport

/// The real client against the fake Binance: reads, mapping, signing schemes, paging.
struct BinanceClientTests {
    @Test func readsTheAccountWithoutCountingSimpleEarnMirrorsTwice() async throws {
        let harness = try await BinanceHarness.start(balances: ["USDT": 500, "BNB": Decimal(string: "0.2")!, "LDO": 7])
        await harness.fake.setEarn("USDT", 1200)
        let exchange = harness.exchange
        try await exchange.connect()
        let spot = try await exchange.spotBalances()
        #expect(spot["USDT"] == SpotBalance(free: 500, locked: 0))
        #expect(spot["LDUSDT"] == nil, "LDUSDT mirrors the Earn position and must not count as spot")
        #expect(spot["LDO"]?.free == 7, "LDO is a real token")
        let earn = try await exchange.earnPositions(assets: ["USDT", "BNB"])
        #expect(earn == ["USDT": EarnPosition(productId: "USDT001", totalAmount: 1200)])
        #expect(try await exchange.flexibleProductId(asset: "USDT") == "USDT001")
        await harness.fake.stop()
    }

    @Test func rulesForManySymbolsComeInOneRequest() async throws {
        let harness = try await BinanceHarness.start()
        let rules = try await harness.exchange.symbolRules(symbols: ["BTCUSDT", "ETHUSDT", "SOLUSDT"])
        #expect(rules.count == 3)
        #expect(rules["BTCUSDT"]?.lotSize?.stepSize == Decimal(string: "0.00001"))
        #expect(rules["ETHUSDT"]?.notional?.filterName == .notional)
        #expect(rules["ETHUSDT"]?.notional?.appliesMinToMarket == true)
        #expect(await harness.fake.requestCount("GET /api/v3/exchangeInfo") == 1)
        // One unknown symbol makes Binance refuse the whole list (-1121): the full list is read instead.
        let withUnknown = try await harness.exchange.symbolRules(symbols: ["BTCUSDT", "NOPEUSDT"])
        #expect(Array(withUnknown.keys) == ["BTCUSDT"])
        await harness.fake.stop()
    }

    @Test func pricesAreFetchedConcurrentlyAndKlinesPagedBeyondAThousand() async throws {
        let harness = try await BinanceHarness.start()
        let prices = try await harness.exchange.averagePrices(symbols: ["BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT"])
        #expect(prices.count == 4)
        #expect(await harness.client.metrics.peakInFlight >= 2)
        // Stretch BTC's history to 1,500 days so 1,200 need two pages.
        var market = await harness.fake.market
        let candles = try #require(market.klines["BTCUSDT"])
        let first = try #require(candles.first)
        let earlier = (1...700).reversed().map { back -> FakeMarket.Candle in
            var row = first.row
            let open = first.openTime - Int64(back) * FakeMarket.dayMilliseconds
            row[0] = .int(open)
            row[6] = .int(open + FakeMarket.dayMilliseconds - 1)
            return FakeMarket.Candle(openTime: open, row: row)
        }
        market.klines["BTCUSDT"] = earlier + candles
        await harness.fake.replaceMarket(market)
        let klines = try await harness.exchange.dailyKlines(symbol: "BTCUSDT", days: 1200)
        #expect(klines.count == 1200)
        #expect(zip(klines, klines.dropFirst()).allSatisfy { $1.openTime - $0.openTime == FakeMarket.dayMilliseconds })
        #expect(klines.last?.openTime == candles.last?.openTime)
        #expect(await harness.fake.requestCount("GET /api/v3/klines") == 2)
        await harness.fake.stop()
    }

    @Test(arguments: [PrivateKey.Kind.ed25519, .rsa])
    func privateKeySignaturesAreAccepted(kind: PrivateKey.Kind) async throws {
        let key = try PrivateKey.generate(kind)
        let registered = FakeBinance.Key(apiKey: "asymmetric-key", verification: .publicKey(try PublicKey(pem: try key.publicKeyPEM())))
        let harness = try await BinanceHarness.start(keys: [registered], signer: .privateKey(key), apiKey: "asymmetric-key")
        try await harness.client.synchronizeTime()
        let account = try await harness.client.account()
        #expect(account.canTrade)
        await harness.fake.stop()
    }

    @Test func queriesAreEncodedWithoutTheProcessLocale() {
        var query = BinanceQuery()
        query.add("quantity", Decimal(string: "1234.5678", locale: Locale(identifier: "en_US_POSIX"))!)
        query.add("symbols", jsonArray: ["BTCUSDT", "ETHUSDT"])
        query.add("symbol", "１２３４５６")
        #expect(query.encoded == "quantity=1234.5678&symbols=%5B%22BTCUSDT%22%2C%22ETHUSDT%22%5D&symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96")
        // A German locale would write 1234,5678; the query never does.
        #expect(String(describing: Decimal(string: "0,5", locale: Locale(identifier: "de_DE"))!) == "0.5")
        var german = BinanceQuery()
        german.add("amount", Decimal(string: "0,5", locale: Locale(identifier: "de_DE"))!)
        #expect(german.encoded == "amount=0.5")
    }
}
