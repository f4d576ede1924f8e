import Engine
import Foundation
import LocalStore
@testable import Paper
import Strategy
import Testing

/// A two-symbol market fixed in code: ETH at 2,000.50 and BNB at 600, Binance-like filters.
struct TinyMarket: MarketData {
    var label: String { "tiny" }
    func dailyKlines(symbol: String, days: Int, now: Date) async throws -> [Kline] { [] }
    func averagePrice(symbol: String, now: Date) async throws -> Decimal? {
        ["ETHUSDT": Decimal(string: "2000.50")!, "BNBUSDT": 600][symbol]
    }
    func listings(symbols: [String]) async throws -> [String: Listing] {
        let rules = SymbolRules(
            lotSize: .init(minQty: Decimal(string: "0.001")!, maxQty: 9000, stepSize: Decimal(string: "0.0001")!),
            marketLotSize: .init(minQty: 0, maxQty: 500, stepSize: 0),
            notional: .init(filterName: .notional, minNotional: 5, appliesMinToMarket: true, maxNotional: 9_000_000, appliesMaxToMarket: false)
        )
        let all = [
            "ETHUSDT": Listing(symbol: "ETHUSDT", baseAsset: "ETH", quoteAsset: "USDT", rules: rules),
            "BNBUSDT": Listing(symbol: "BNBUSDT", baseAsset: "BNB", quoteAsset: "USDT", rules: rules),
        ]
        return all.filter { symbols.contains($0.key) }
    }
}

@Suite struct PaperExchangeTests {
    func exchange(_ balances: [String: Decimal]) async throws -> PaperExchange {
        let wallet = try PaperWallet(database: StateDatabase.inMemory())
        try await wallet.fundIfNew(balances)
        return PaperExchange(wallet: wallet, market: TinyMarket(), now: Date(timeIntervalSince1970: 0))
    }

    func buy(_ quantity: String, id: String = "T_BUY_1") -> MarketOrder {
        MarketOrder(symbol: "ETHUSDT", side: .buy, size: .quantity(Decimal(string: quantity)!), clientOrderId: id)
    }

    @Test func buyWithoutBNBPaysTheFeeInTheBoughtAsset() async throws {
        let paper = try await exchange(["USDT": 1000])
        let fill = try await paper.placeMarketOrder(buy("0.1"))
        #expect(fill.executedQuantity == 0.1)
        #expect(fill.quoteQuantity == 200.05)
        #expect(fill.commissionInBaseAsset == 0.0001)
        let spot = try await paper.spotBalances()
        #expect(spot["ETH"]?.free == 0.0999, "fees reduce the received quantity")
        #expect(spot["USDT"]?.free == 799.95)
    }

    @Test func buyWithEnoughBNBPaysAQuarterLessInBNB() async throws {
        let paper = try await exchange(["USDT": 1000, "BNB": 1])
        let fill = try await paper.placeMarketOrder(buy("0.1"))
        #expect(fill.commissionInBaseAsset == 0)
        let spot = try await paper.spotBalances()
        #expect(spot["ETH"]?.free == 0.1)
        // 200.05 × 0.001 × 0.75 / 600 = 0.000250062… → rounded up to 8 decimals
        #expect(try await paper.wallet.spot()["BNB"]?.free == Decimal(string: "0.99974993"))
    }

    @Test(arguments: [
        ("0.0005", "Filter failure: LOT_SIZE"),      // below minQty
        ("0.00155", "Filter failure: LOT_SIZE"),     // off the step
        ("600", "Filter failure: MARKET_LOT_SIZE"),  // above the market maxQty
    ])
    func quantitiesOutsideTheLotFiltersAreRefused(quantity: String, message: String) async throws {
        let paper = try await exchange(["USDT": 10_000_000])
        await #expect(throws: PaperExchangeError(code: -1013, message: message)) { try await paper.placeMarketOrder(buy(quantity)) }
        #expect(try await paper.order(symbol: "ETHUSDT", clientOrderId: "T_BUY_1") == nil)
    }

    @Test func orderUnderNotionalIsRefused() async throws {
        let paper = try await exchange(["USDT": 1000])
        // 0.002 × 2,000.50 = 4.001 < 5
        await #expect(throws: PaperExchangeError(code: -1013, message: "Filter failure: NOTIONAL")) { try await paper.placeMarketOrder(buy("0.002")) }
    }

    @Test func insufficientBalanceAndDuplicateIdsAreRefusedLikeBinance() async throws {
        let paper = try await exchange(["USDT": 100])
        await #expect(throws: PaperExchangeError.insufficientBalance) { try await paper.placeMarketOrder(buy("0.1")) }
        _ = try await paper.placeMarketOrder(buy("0.01", id: "DUP"))
        await #expect(throws: PaperExchangeError.duplicateOrder) { try await paper.placeMarketOrder(buy("0.01", id: "DUP")) }
    }

    @Test func ordersAreKnownByClientOrderId() async throws {
        let paper = try await exchange(["USDT": 1000])
        let fill = try await paper.placeMarketOrder(buy("0.1", id: "T_BUY_X"))
        #expect(try await paper.order(symbol: "ETHUSDT", clientOrderId: "T_BUY_X") == fill)
        #expect(try await paper.order(symbol: "ETHUSDT", clientOrderId: "nope") == nil)
    }

    @Test func quoteOrderFloorsToTheStepAndSellPaysFeeInUSDT() async throws {
        let paper = try await exchange(["USDT": 1000])
        let bought = try await paper.placeMarketOrder(MarketOrder(symbol: "ETHUSDT", side: .buy, size: .quote(100), clientOrderId: "Q"))
        #expect(bought.executedQuantity == 0.0499) // 100 / 2,000.50 = 0.04998… floored to 0.0001
        let sold = try await paper.placeMarketOrder(MarketOrder(symbol: "ETHUSDT", side: .sell, size: .quantity(Decimal(string: "0.04")!), clientOrderId: "S"))
        #expect(sold.quoteQuantity == 80.02)
        // 1,000 − 0.0499 × 2,000.50 + 80.02 − 0.1 % of 80.02
        #expect(try await paper.wallet.spot()["USDT"]?.free == Decimal(string: "980.11503")!)
    }

    @Test func simpleEarnMovesAreInstantAndChecked() async throws {
        let paper = try await exchange(["USDT": 1000])
        let product = try #require(try await paper.flexibleProductId(asset: "USDT"))
        try await paper.subscribeFlexible(productId: product, amount: 600)
        #expect(try await paper.earnPositions(assets: ["USDT"])["USDT"]?.totalAmount == 600)
        try await paper.redeemFlexible(productId: product, amount: 100)
        #expect(try await paper.spotBalances()["USDT"]?.free == 500)
        await #expect(throws: PaperExchangeError.earnAssetNotEnough) { try await paper.redeemFlexible(productId: product, amount: 501) }
    }

    @Test func anExistingWalletIsNeverRefunded() async throws {
        let wallet = try PaperWallet(database: StateDatabase.inMemory())
        #expect(try await wallet.fundIfNew(["USDT": 10]))
        #expect(try await wallet.fundIfNew(["USDT": 99]) == false)
        #expect(try await wallet.spot()["USDT"]?.free == 10)
    }
}
