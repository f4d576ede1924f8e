import Foundation

/// The few lines `cycle backtest` prints for a person (summary.json has everything).
public enum BacktestSummaryText {
    public static func lines(_ summary: BacktestSummary, context: BacktestContext, folder: String) -> [String] {
        let record = summary.record
        let statuses = record.cyclesByStatus.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        func line(_ name: String, _ statistics: PerformanceStatistics) -> String {
            "\(name.padding(toLength: 18, withPad: " ", startingAt: 0))\(usdt(statistics.initialEquity)) → \(usdt(statistics.finalEquity)) USDT"
                + "  return \(percent(statistics.totalReturn))  CAGR \(percent(statistics.cagr))"
                + "  max drawdown \(percent(statistics.maxDrawdown)) (\(statistics.maxDrawdownDays) days)  Sharpe \(String(format: "%.2f", statistics.sharpe))"
        }
        var lines = [
            "Backtest \(record.period.from.iso) … \(record.period.to.iso): \(record.cadence.rawValue), \(record.cycles) cycles (\(statuses)), engine \(context.engineVersion)",
            line("Engine", summary.strategy),
            line("BTC buy and hold", summary.btcHold),
            line("BTC daily DCA", summary.btcDCA),
            "Profit by sleeve: " + Sleeve.allCases.map { "\($0.rawValue) \(usdt(summary.sleeves.sleeves[$0]?.profit ?? 0))" }.joined(separator: ", ")
                + " USDT; \(summary.trading.orders) orders, fees \(usdt(summary.trading.feesUSDT)) USDT, turnover \(String(format: "%.1f", summary.trading.turnover))× equity",
        ]
        if !record.dataGaps.symbols.isEmpty {
            lines.append("Data gaps (no price while a whole interval has no row): " + record.dataGaps.symbols.sorted { $0.key < $1.key }.map { symbol, gaps in
                "\(symbol) \(gaps.missingRows) missing \(gaps.intervalName) rows in \(gaps.gaps) \(gaps.gaps == 1 ? "gap" : "gaps") (longest \(gaps.longestGapHours) h, first at \(gaps.firstGapAt ?? "?"))"
            }.joined(separator: "; "))
        }
        if let walkForward = summary.walkForward {
            let beating = walkForward.windows.filter(\.beatsBTC).count
            lines.append("Walk-forward: \(beating) of \(walkForward.windows.count) windows beat BTC held (\(percent(walkForward.beatingShare))): \(walkForward.passes ? "pass" : "fail") (runbook: above 60 %)")
        }
        if let comparison = context.paperComparison {
            lines.append("Paper vs backtest: final equity \(usdt(comparison.last.equity)) vs \(usdt(comparison.backtestFinal)) USDT, divergence \(String(format: "%+.2f", comparison.divergencePercent)) %: \(comparison.withinTolerance ? "within" : "OUTSIDE") 20 %")
        }
        lines.append("Outputs: \(folder)/ " + BacktestOutputs.files.joined(separator: ", "))
        return lines
    }

    static func percent(_ value: Double) -> String { BacktestReportPage.percent(value) }
    static func usdt(_ value: Double) -> String { BacktestReportPage.usdt(value) }
}
