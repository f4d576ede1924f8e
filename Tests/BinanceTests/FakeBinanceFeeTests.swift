import Binance
import Engine
import Foundation
import Testing
import TestSupport

/// The fake plays a real account with "use BNB for fees" on (issue #22): 0.075 % of the value
/// in BNB when the free BNB covers it, else 0.1 % of the received asset, through the same rule
/// as the paper exchange (`SimulatedFill`).
struct FakeBinanceFeeTests {
    @Test func aSellPaysItsFeeInBNBAndReceivesTheWholeQuote() async throws {
        let harness = try await BinanceHarness.start(balances: ["USDT": 10_000, "BNB": Decimal(string: "0.1")!, "ETH": 1])
        let exchange = harness.exchange
        _ = try await exchange.symbolRules(symbols: ["ETHUSDT"])
        let fill = try await exchange.placeMarketOrder(MarketOrder(symbol: "ETHUSDT", side: .sell, size: .quantity(Decimal(string: "0.5")!), clientOrderId: "T_SELL_ETH_fee_001"))
        #expect(fill.commissionInBaseAsset == 0)
        let balances = await harness.fake.balances
        // 0.5 × 3,506.07 = 1,753.035 USDT; × 0.001 × 0.75 / 1,078.06 = 0.001219576… → 0.00121958 BNB
        #expect(balances["USDT"] == Decimal(string: "11753.035"))
        #expect(balances["BNB"] == Decimal(string: "0.09878042"))
        #expect(await harness.fake.orders.last?.commissionAsset == "BNB")
        await harness.fake.stop()
    }

    /// The BNB an order pays with is gone before its fee is charged: selling all of it leaves
    /// nothing to pay the fee in BNB, so the fee is taken from the USDT received.
    @Test func sellingAllTheBNBPaysTheFeeInTheQuote() async throws {
        let harness = try await BinanceHarness.start(balances: ["USDT": 10_000, "BNB": Decimal(string: "0.1")!])
        let exchange = harness.exchange
        _ = try await exchange.symbolRules(symbols: ["BNBUSDT"])
        _ = try await exchange.placeMarketOrder(MarketOrder(symbol: "BNBUSDT", side: .sell, size: .quantity(Decimal(string: "0.1")!), clientOrderId: "T_SELL_BNB_fee_001"))
        let balances = await harness.fake.balances
        // 0.1 × 1,078.06 = 107.806 USDT, less 0.1 % = 0.107806
        #expect(balances["USDT"] == Decimal(string: "10107.698194"))
        #expect(balances["BNB", default: 0] == 0)
        #expect(await harness.fake.orders.last?.commissionAsset == "USDT")
        await harness.fake.stop()
    }
}
