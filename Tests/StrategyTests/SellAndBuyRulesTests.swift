import Testing
import Strategy

/// docs/strategy.md#sell-reasons (sell reasons, trailing high) and docs/strategy.md#buy-plan (buy plan, same-day re-buy fix).
@Suite struct SellAndBuyRulesTests {
    let holding = PositionState(isHolding: true, entryPrice: 90, highestPrice: 110)

    @Test func unselectedHoldingIsRotatedOutAndHighestPriceRises() {
        let result = SellRules.evaluate(universe: ["AUSDT"], positions: ["AUSDT": holding],
                                        indicators: ["AUSDT": Samples.row()], prices: ["AUSDT": 120], selected: [])
        #expect(result.sells.map(\.reason) == [.rotatedOut])
        #expect(result.positions["AUSDT"]?.highestPrice == 120)
    }

    @Test func belowSMA60ComesBeforeTheStop() {
        let result = SellRules.evaluate(universe: ["AUSDT"], positions: ["AUSDT": holding],
                                        indicators: ["AUSDT": Samples.row(sma60: 80, atr14: 4)], prices: ["AUSDT": 79], selected: ["AUSDT"])
        #expect(result.sells.map(\.reason) == [.belowSMA60])
    }

    @Test func atrTrailingStopAt2point5ATRBelowTheHigh() {
        // stop = 110 − 2.5 × 4 = 100; price 99 is above sma60 (80) but under the stop.
        let result = SellRules.evaluate(universe: ["AUSDT"], positions: ["AUSDT": holding],
                                        indicators: ["AUSDT": Samples.row(atr14: 4)], prices: ["AUSDT": 99], selected: ["AUSDT"])
        #expect(result.sells.map(\.reason) == [.atrTrailingStop(stop: 100)])
        let safe = SellRules.evaluate(universe: ["AUSDT"], positions: ["AUSDT": holding],
                                      indicators: ["AUSDT": Samples.row(atr14: 4)], prices: ["AUSDT": 101], selected: ["AUSDT"])
        #expect(safe.sells.isEmpty)
    }

    @Test func missingIndicatorsSellsAndFlatOrUnpricedSymbolsAreIgnored() {
        let result = SellRules.evaluate(
            universe: ["AUSDT", "BUSDT", "CUSDT"],
            positions: ["AUSDT": holding, "BUSDT": .flat, "CUSDT": holding],
            indicators: ["BUSDT": Samples.row()], prices: ["AUSDT": 100, "BUSDT": 100], selected: []
        )
        #expect(result.sells.map(\.symbol) == ["AUSDT"])
        #expect(result.sells.map(\.reason) == [.missingIndicators])
    }

    func candidate(_ symbol: String, weight: Double) -> TrendCandidate {
        TrendSelector().select(pool: [symbol], indicators: [symbol: Samples.row()], prices: [symbol: 100], btc: Samples.btc)
            .map { TrendCandidate(symbol: $0.symbol, weight: weight, relativeScore: $0.relativeScore, absoluteMomentum: $0.absoluteMomentum, vol20: $0.vol20) }[0]
    }

    @Test func budgetsSplitTheTrendPoolByWeightAmongEligible() {
        let plan = BuyPlan.make(
            universe: ["AUSDT", "BUSDT"], positions: [:], candidates: [candidate("AUSDT", weight: 0.6), candidate("BUSDT", weight: 0.4)],
            indicators: ["AUSDT": Samples.row(), "BUSDT": Samples.row()], prices: ["AUSDT": 100, "BUSDT": 100],
            trendPool: 1000, allowNewEntries: true, soldToday: []
        )
        #expect(plan.eligible == ["AUSDT", "BUSDT"])
        #expect(plan.budgets == ["AUSDT": 600, "BUSDT": 400])
    }

    @Test func heldSymbolsAndPausedEntriesAreNotEligible() {
        let inputs = (candidates: [candidate("AUSDT", weight: 0.6), candidate("BUSDT", weight: 0.4)],
                      indicators: ["AUSDT": Samples.row(), "BUSDT": Samples.row()], prices: ["AUSDT": 100.0, "BUSDT": 100.0])
        let held = BuyPlan.make(universe: ["AUSDT", "BUSDT"], positions: ["AUSDT": holding], candidates: inputs.candidates,
                                indicators: inputs.indicators, prices: inputs.prices, trendPool: 1000, allowNewEntries: true, soldToday: [])
        #expect(held.eligible == ["BUSDT"])
        #expect(held.budgets == ["BUSDT": 1000])
        let paused = BuyPlan.make(universe: ["AUSDT", "BUSDT"], positions: [:], candidates: inputs.candidates,
                                  indicators: inputs.indicators, prices: inputs.prices, trendPool: 1000, allowNewEntries: false, soldToday: [])
        #expect(paused.eligible.isEmpty)
    }

    @Test func symbolSoldTodayIsNotBoughtBackTheSameDay() {
        let plan = BuyPlan.make(
            universe: ["AUSDT", "BUSDT"], positions: [:], candidates: [candidate("AUSDT", weight: 0.6), candidate("BUSDT", weight: 0.4)],
            indicators: ["AUSDT": Samples.row(), "BUSDT": Samples.row()], prices: ["AUSDT": 100, "BUSDT": 100],
            trendPool: 1000, allowNewEntries: true, soldToday: ["AUSDT"]
        )
        #expect(plan.blockedSoldToday == ["AUSDT"])
        #expect(plan.eligible == ["BUSDT"])
        #expect(plan.budgets == ["BUSDT": 1000])
    }
}
