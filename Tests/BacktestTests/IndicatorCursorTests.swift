import Backtest
import Engine
import Foundation
import Strategy
import Testing

/// The backtest's per-day cursor (`CompletedRowSums`, kept by `IndicatorTables`) gives the same
/// bits as the live computation of the last row, every hour of every symbol of the synthetic
/// market (620 days).
@Suite struct IndicatorCursorTests {
    @Test func theCursorGivesTheLiveLastRowEveryHour() throws {
        let market = try SyntheticHourlyMarket.market()
        let tables = IndicatorTables(market: market)
        let lookback = KlineMarketAnalysis.trendLookbackDays
        var compared = 0, withSums = 0
        for (symbol, history) in market.histories.sorted(by: { $0.key < $1.key }) {
            for hour in stride(from: 0, to: history.hours.count, by: 1) {
                let t = Date(timeIntervalSince1970: TimeInterval(history.hours.openTime[hour] / 1000 + 3_599))
                guard let view = market.view(symbol: symbol, now: t) else { continue }
                let first = max(0, view.day + 1 - lookback)
                let range = first..<view.day
                let close = DailyColumn(completed: history.days.close[range], last: view.close)
                let live = SymbolIndicators.lastRow(
                    close: close, high: DailyColumn(completed: history.days.high[range], last: view.high),
                    low: DailyColumn(completed: history.days.low[range], last: view.low),
                    volume: DailyColumn(completed: history.days.volume[range], last: view.volume), ageDays: view.day - first + 1
                ) { SymbolIndicators.closeAboveSma200(close, row: $0) }
                let cursor = tables.trendIndicators(symbols: [symbol], now: t)[symbol]
                #expect(cursor == live, "\(symbol) at \(t)")
                compared += 1
                if close.count >= CompletedRowSums.rowsNeeded, live != nil { withSums += 1 }
            }
        }
        #expect(withSums > compared / 2, "most hours are computed from the cursor's sums (\(withSums) of \(compared))")
    }
}
