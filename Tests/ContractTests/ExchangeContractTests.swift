import Binance
import BinanceWireFormat
import Engine
import Foundation
import LocalStore
import Paper
import Replay
import Strategy
import Testing
import TestSupport

/// The `Exchange` port means the same thing on the paper exchange, the Binance adapter over the
/// fake Binance, and replay: the same filters give the same decision, an order is found by its
/// client id and in the order history, a refusal is an `ExchangeRejection`.
@Suite(.serialized) struct ExchangeContractTests {
    /// ETHUSDT with LOT_SIZE and a MIN_NOTIONAL of 100 USDT that does not say whether it applies to market orders.
    static let filters: JSONValue = [
        ["filterType": "LOT_SIZE", "minQty": "0.00010000", "maxQty": "9000.00000000", "stepSize": "0.00010000"],
        ["filterType": "MIN_NOTIONAL", "minNotional": "100.00000000", "avgPriceMins": 5],
    ]
    /// 0.01 ETH is worth about 20–40 USDT: below the minimum notional.
    static let smallQuantity = Decimal(string: "0.01")!

    /// A copy of the bundled paper market whose ETHUSDT carries `filters`.
    static func paperMarket() throws -> BundledMarketData {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("contract-market-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: FakeMarket.bundledDirectory, to: folder)
        let infoURL = folder.appendingPathComponent("exchange_info.json")
        var info = try JSONParser.parse(Data(contentsOf: infoURL)).objectValue ?? [:]
        info["symbols"] = .array((info["symbols"]?.arrayValue ?? []).map { symbol in
            guard var object = symbol.objectValue, object["symbol"] == "ETHUSDT" else { return symbol }
            object["filters"] = filters
            return .object(object)
        })
        try Data(JSONWriter.string(.object(info)).utf8).write(to: infoURL)
        return try BundledMarketData(directory: folder)
    }

    static func paperExchange(market: BundledMarketData) async throws -> PaperExchange {
        let wallet = try PaperWallet(database: StateDatabase.inMemory())
        try await wallet.fundIfNew(["USDT": 10_000])
        let now = try #require(market.lastDay).addingTimeInterval(12 * 3600)
        return PaperExchange(wallet: wallet, market: market, now: now)
    }

    static func binance() async throws -> (fake: FakeBinance, exchange: BinanceExchange) {
        let fake = try await FakeBinance.launch()
        await fake.removeFilter(symbol: "ETHUSDT", filterType: "NOTIONAL")
        await fake.replaceFilter(symbol: "ETHUSDT", filterType: "MIN_NOTIONAL", with: ["minNotional": "100.00000000", "avgPriceMins": 5])
        let client = BinanceClient(configuration: BinanceClientConfiguration(
            baseURL: await fake.baseURL, apiKey: FakeBinance.testAPIKey, signer: .hmac(secret: FakeBinance.testSecret),
            timeoutSeconds: 10, orderLookupDelays: [0.01]))
        return (fake, BinanceExchange(client: client))
    }

    /// True when `body` throws an `ExchangeRejection` (a refusal), false when it succeeds or throws anything else.
    static func isRefusal(_ body: () async throws -> Void) async -> Bool {
        do {
            try await body()
            return false
        } catch {
            return error is any ExchangeRejection
        }
    }

    static func decision(_ exchange: any Exchange) async throws -> FilterViolation? {
        let rules = try await exchange.symbolRules(symbols: ["ETHUSDT"])["ETHUSDT"]
        let price = try #require(try await exchange.averagePrices(symbols: ["ETHUSDT"])["ETHUSDT"])
        return OrderSizing.check(quantity: smallQuantity, price: price, rules: rules)
    }

    @Test func aMinNotionalWithoutApplyToMarketGivesTheSameDecisionOnPaperReplayAndLive() async throws {
        let paper = try await Self.paperExchange(market: try Self.paperMarket())
        let account: JSONValue = ["avg_prices": ["ETHUSDT": "2500.0"], "symbol_info": ["ETHUSDT": ["filters": Self.filters]]]
        let replay = ReplayExchange(account: account, klinesDirectory: nil, now: Date())
        let (fake, live) = try await Self.binance()

        let decisions = [try await Self.decision(paper), try await Self.decision(replay), try await Self.decision(live)]
        #expect(decisions.allSatisfy { $0?.filter == .minNotional }, "\(decisions)")

        // The exchanges' own last checks agree with the engine's gate: the order is refused, not filled.
        let order = MarketOrder(symbol: "ETHUSDT", side: .buy, size: .quantity(Self.smallQuantity), clientOrderId: "C_MIN_NOTIONAL_1")
        #expect(await Self.isRefusal { _ = try await paper.placeMarketOrder(order) })
        #expect(await Self.isRefusal { _ = try await live.placeMarketOrder(order) })
        #expect(await fake.requestCount("POST /api/v3/order") == 0, "the adapter never sends what the filter refuses")
        await fake.stop()
    }

    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case paper, binance
        var testDescription: String { rawValue }
    }

    func exchange(_ kind: Kind) async throws -> (exchange: any Exchange, stop: () async -> Void) {
        switch kind {
        case .paper:
            let market = try BundledMarketData(directory: FakeMarket.bundledDirectory)
            return (try await Self.paperExchange(market: market), {})
        case .binance:
            let fake = try await FakeBinance.launch()
            let client = BinanceClient(configuration: BinanceClientConfiguration(
                baseURL: await fake.baseURL, apiKey: FakeBinance.testAPIKey, signer: .hmac(secret: FakeBinance.testSecret),
                timeoutSeconds: 10, orderLookupDelays: [0.01]))
            return (BinanceExchange(client: client), { await fake.stop() })
        }
    }

    @Test(arguments: Kind.allCases)
    func aPlacedOrderIsFoundByClientIdAndInTheHistory(_ kind: Kind) async throws {
        let (exchange, stop) = try await exchange(kind)
        _ = try await exchange.symbolRules(symbols: ["ETHUSDT"])
        let order = MarketOrder(symbol: "ETHUSDT", side: .buy, size: .quote(100), clientOrderId: "T_BUY_ETHUSDT_contract_001")
        let fill = try await exchange.placeMarketOrder(order)
        #expect(fill.status == .filled && fill.executedQuantity > 0)
        let found = try #require(try await exchange.order(symbol: "ETHUSDT", clientOrderId: order.clientOrderId))
        #expect(found.executedQuantity == fill.executedQuantity)
        #expect(abs(found.quoteQuantity - fill.quoteQuantity) < 1e-9)
        let now = Date()
        let history = try await exchange.orderInHistory(symbol: "ETHUSDT", clientOrderId: order.clientOrderId,
                                                        from: now.addingTimeInterval(-86_000), to: now.addingTimeInterval(60))
        #expect(history?.executedQuantity == fill.executedQuantity)
        #expect(try await exchange.order(symbol: "ETHUSDT", clientOrderId: "T_BUY_ETHUSDT_never_001") == nil)
        #expect(try await exchange.orderInHistory(symbol: "ETHUSDT", clientOrderId: "T_BUY_ETHUSDT_never_001",
                                                  from: now.addingTimeInterval(-86_000), to: now.addingTimeInterval(60)) == nil)
        await stop()
    }

    @Test(arguments: Kind.allCases)
    func anOrderBeyondTheBalanceIsARefusalNotAnUnknownOutcome(_ kind: Kind) async throws {
        let (exchange, stop) = try await exchange(kind)
        _ = try await exchange.symbolRules(symbols: ["ETHUSDT"])
        let order = MarketOrder(symbol: "ETHUSDT", side: .buy, size: .quantity(100), clientOrderId: "T_BUY_ETHUSDT_contract_002")
        #expect(await Self.isRefusal { _ = try await exchange.placeMarketOrder(order) })
        #expect(try await exchange.order(symbol: "ETHUSDT", clientOrderId: order.clientOrderId) == nil)
        await stop()
    }
}
