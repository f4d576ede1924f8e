@testable import Backtest
import Testing

/// BTC's sorted zscore window moves by one day at a time (one value out, one in) instead of
/// being sorted again; it must be the window sorted afresh, element for element.
@Suite struct SortedZscoreWindowTests {
    @Test func theMovedWindowIsTheWindowSortedAfresh() throws {
        let market = try SyntheticHourlyMarket.market()
        let moving = IndicatorTables(market: market)
        let lastDay = SyntheticHourlyMarket.days - 1
        var compared = 0
        for day in Array((lastDay - 60)...lastDay) + [lastDay - 30, lastDay - 29, lastDay] {
            let fresh = IndicatorTables(market: market).sortedZscores(before: day)
            #expect(moving.sortedZscores(before: day) == fresh, "day \(day)")
            if fresh != nil { compared += 1 }
        }
        #expect(compared > 40, "most days have a full window")
    }
}
