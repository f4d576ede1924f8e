import Foundation
import Testing
import Engine

private func d(_ text: String) -> Decimal { Decimal(string: text)! }

/// Issue #22, one simulated account: the fee, the filter check and the floor every simulated
/// exchange shares, with numbers worked out by hand.
@Suite struct SimulatedFillTests {
    let ethBuy = SimulatedFill(side: .buy, baseAsset: "ETH", quoteAsset: "USDT", quantity: d("0.1"), price: d("2000.50"))
    let ethSell = SimulatedFill(side: .sell, baseAsset: "ETH", quoteAsset: "USDT", quantity: d("0.04"), price: d("2000.50"))

    @Test func aBuyPaysQuoteAndReceivesBaseASellTheOtherWayRound() {
        #expect(ethBuy.paid == .init(asset: "USDT", amount: d("200.05")))
        #expect(ethBuy.received == .init(asset: "ETH", amount: d("0.1")))
        #expect(ethSell.paid == .init(asset: "ETH", amount: d("0.04")))
        #expect(ethSell.received == .init(asset: "USDT", amount: d("80.02")))
    }

    @Test func withoutBNBTheFeeIsATenthOfAPercentOfWhatIsReceived() {
        #expect(ethBuy.fee(bnbPrice: nil, freeBNB: 0) == .init(asset: "ETH", amount: d("0.0001")))
        #expect(ethSell.fee(bnbPrice: d("600"), freeBNB: 0) == .init(asset: "USDT", amount: d("0.08002")))
    }

    @Test func bnbThatCoversTheFeePaysAQuarterLess() {
        // 200.05 × 0.001 × 0.75 / 600 = 0.000250062… → rounded up to 8 decimals
        #expect(ethBuy.fee(bnbPrice: d("600"), freeBNB: 1) == .init(asset: "BNB", amount: d("0.00025007")))
        #expect(ethBuy.fee(bnbPrice: d("600"), freeBNB: d("0.00025007")).asset == "BNB")
        #expect(ethBuy.fee(bnbPrice: d("600"), freeBNB: d("0.00025006")) == .init(asset: "ETH", amount: d("0.0001")), "BNB short by one unit")
        #expect(ethBuy.fee(bnbPrice: 0, freeBNB: 1).asset == "ETH", "no usable BNB price")
    }

    @Test func bnbBoughtByTheOrderItselfCountsTowardsItsFee() {
        let bnbBuy = SimulatedFill(side: .buy, baseAsset: "BNB", quoteAsset: "USDT", quantity: d("0.05"), price: d("600"))
        // 30 × 0.001 × 0.75 / 600 = 0.0000375, paid out of the 0.05 BNB just bought
        let fee = bnbBuy.fee(bnbPrice: d("600"), freeBNB: 0)
        #expect(fee == .init(asset: "BNB", amount: d("0.0000375")))
        #expect(bnbBuy.balanceChanges(fee: fee) == ["USDT": d("-30"), "BNB": d("0.0499625")])
    }

    @Test func feesAreRoundedUpToEightDecimals() {
        let sell = SimulatedFill(side: .sell, baseAsset: "ETH", quoteAsset: "USDT", quantity: d("0.001"), price: d("123.45678"))
        // 0.12345678 × 0.001 = 0.00012345678 → 0.00012346
        #expect(sell.fee(bnbPrice: nil, freeBNB: 0) == .init(asset: "USDT", amount: d("0.00012346")))
        #expect(sell.balanceChanges(fee: sell.fee(bnbPrice: nil, freeBNB: 0)) == ["ETH": d("-0.001"), "USDT": d("0.12333332")])
    }

    @Test func anotherScheduleChargesItsOwnRate() {
        let vip = FeeSchedule(rate: d("0.0009"), bnbDiscount: d("0.75"))
        #expect(ethBuy.fee(bnbPrice: nil, freeBNB: 0, schedule: vip) == .init(asset: "ETH", amount: d("0.00009")))
        #expect(FeeSchedule.binanceSpot.rateValue == 0.001)
        #expect(FeeSchedule.binanceSpot.bnbRateValue == 0.00075)
    }

    @Test func aQuoteOrderFloorsToTheMarketStep() {
        let lot = SymbolRules(lotSize: .init(minQty: d("0.001"), maxQty: 9000, stepSize: d("0.0001")))
        #expect(SimulatedFill.quantity(forQuote: 100, price: d("2000.50"), rules: lot) == d("0.0499"))
        var market = lot
        market.marketLotSize = .init(minQty: 0, maxQty: 500, stepSize: d("0.01"))
        #expect(SimulatedFill.quantity(forQuote: 100, price: d("2000.50"), rules: market) == d("0.04"))
        #expect(SimulatedFill.quantity(forQuote: 100, price: 0, rules: lot) == 0, "a price that is not positive fills nothing")
    }

    // Binance's filter semantics (filters.md), one row per rule.
    static let rules = SymbolRules(
        lotSize: .init(minQty: d("0.0015"), maxQty: 100, stepSize: d("0.001")),
        marketLotSize: .init(minQty: 0, maxQty: 50, stepSize: 0),
        notional: .init(filterName: .notional, minNotional: 5, appliesMinToMarket: true, maxNotional: 1000, appliesMaxToMarket: true)
    )

    @Test(arguments: [
        ("0", .lotSize),                  // nothing to fill
        ("0.001", .lotSize),              // below minQty
        ("0.0035", nil),                  // minQty + 2 steps: the step counts from minQty
        ("0.003", .lotSize),              // a multiple of the step, but not from minQty
        ("101", .lotSize),                // above maxQty
        ("51.0015", .marketLotSize),      // above the market maxQty; its zero step is off
        ("0.0015", .notional),            // 0.0015 × 2,000 = 3 < 5
        ("0.5015", .notional),            // 1,003 > maxNotional, applied to market orders
    ] as [(String, ExchangeFilter?)])
    func theExchangeSideCheckNamesTheFirstFilterBroken(_ quantity: String, _ filter: ExchangeFilter?) {
        #expect(Self.rules.marketOrderViolation(quantity: d(quantity), price: 2000)?.filter == filter)
    }

    @Test func zeroBoundsAndMarketFlagsDisableTheirPart() {
        let open = SymbolRules(
            lotSize: .init(minQty: 0, maxQty: 0, stepSize: 0),
            notional: .init(filterName: .minNotional, minNotional: 5, appliesMinToMarket: false, maxNotional: 10, appliesMaxToMarket: false)
        )
        #expect(open.marketOrderViolation(quantity: d("0.123456789"), price: 1) == nil)
        #expect(open.marketOrderViolation(quantity: 1_000_000, price: 1) == nil)
        #expect(SymbolRules().marketOrderViolation(quantity: d("0.5"), price: 1) == nil)
    }

    @Test func theEngineGateIsTheSameCheckButLetsZeroAndUnknownRulesThrough() {
        #expect(OrderSizing.check(quantity: d("0.003"), price: 1000, rules: Self.rules)?.filter == .lotSize)
        #expect(OrderSizing.check(quantity: 0, price: 1000, rules: Self.rules) == nil)
        #expect(OrderSizing.check(quantity: d("0.001"), price: 1000, rules: nil) == nil)
    }

    @Test(arguments: [("0.29999", "0.0001", "0.2999"), ("5", "0", "5"), ("5", "-1", "5"), ("0.3", "0.1", "0.3"), ("7.5", "2", "6")])
    func floorKeepsWholeSteps(_ value: String, _ step: String, _ expected: String) {
        #expect(OrderSizing.floor(d(value), step: d(step)) == d(expected))
    }

    @Test func multiplesAreExact() {
        #expect(OrderSizing.isMultiple(d("0.3"), of: d("0.1")))
        #expect(!OrderSizing.isMultiple(d("0.00155"), of: d("0.0001")))
        #expect(OrderSizing.isMultiple(d("0.00155"), of: 0), "a zero step disables the check")
    }
}
