import Foundation

/// report.html's content: the equity and drawdown chart against the benchmarks, then the
/// tables an evaluator reads (statistics side by side, sleeves, walk-forward, orders).
enum BacktestReportPage {
    static func content(_ summary: BacktestSummary, context: BacktestContext) -> BacktestHTMLContent {
        let record = summary.record
        let chart = EquityChartSVG.render(dates: record.days.map(\.date), series: [
            ChartSeries(name: "Engine (backtest)", color: "#1f5fbf", values: record.days.map(\.equity)),
            ChartSeries(name: "BTC buy and hold", color: "#e08a00", values: summary.benchmarks.btcHold),
            ChartSeries(name: "BTC daily DCA", color: "#6b8e23", values: summary.benchmarks.btcDCA),
        ])
        var tables = [statistics(summary), calendarYears(summary.calendarYears), sleeves(summary), cycles(record)]
        if !record.dataGaps.symbols.isEmpty { tables.append(dataGaps(record.dataGaps)) }
        if let walkForward = summary.walkForward { tables.append(self.walkForward(walkForward)) }
        if let comparison = context.paperComparison { tables.append(comparison.table) }
        tables.append(orders(record.orders))
        return BacktestHTMLContent(
            title: "Backtest \(record.period.from.iso) … \(record.period.to.iso)",
            subtitle: "Engine \(context.engineVersion) · \(record.cadence.rawValue) cycles · data \(context.dataLabel) · pools \(context.poolsLabel) · exposure cap \(percent(context.exposureCap))",
            chartSVG: chart, tables: tables,
            notes: [
                "Every cycle is the engine's own cycle on the paper exchange: 0.1 % fee (0.075 % when paid in BNB), Binance's lot, tick and notional filters, instant Simple Earn; state carried from cycle to cycle.",
                "A cycle at time t sees only klines opened at or before t; today's daily candle is partial (built from the hourly rows so far) and the price is the last hourly close, as a live cycle sees them.",
                "Equity is valued after each day's last cycle at that moment's prices; the chart's first point is the starting balances at the first cycle's prices, dated the day before the period. The benchmarks invest the same starting equity in BTC: all at that first moment, or in equal daily slices over the period, paying the same 0.1 % fee.",
                "Per sleeve, BNB spent on a trend or BTC order's fee counts as bought by that sleeve and sold by fuel, so the sleeves add up to the equity change.",
                "Ratios are annualised over 365 days on daily returns, with no risk-free rate. Maximum drawdown duration runs from the peak to the day equity is back at that peak (or to the end).",
                "Costs modelled: the exchange fee and Binance's lot and notional rounding. Not modelled: spread and slippage (orders fill at the last hourly close) and Simple Earn interest.",
            ]
        )
    }

    private static func statistics(_ summary: BacktestSummary) -> HTMLTable {
        let columns = [summary.strategy, summary.btcHold, summary.btcDCA]
        func row(_ name: String, _ value: (PerformanceStatistics) -> String) -> [String] { [name] + columns.map(value) }
        return HTMLTable(caption: "Statistics", header: ["", "Engine", "BTC buy and hold", "BTC daily DCA"], rows: [
            row("Start equity (USDT)") { usdt($0.initialEquity) },
            row("Final equity (USDT)") { usdt($0.finalEquity) },
            row("Total return") { percent($0.totalReturn) },
            row("CAGR") { percent($0.cagr) },
            row("Max drawdown") { percent($0.maxDrawdown) },
            row("Max drawdown duration (days)") { "\($0.maxDrawdownDays)" },
            row("Volatility (annual)") { percent($0.volatility) },
            row("Sharpe") { ratio($0.sharpe) },
            row("Sortino") { ratio($0.sortino) },
            row("Calmar") { ratio($0.calmar) },
            ["Orders", "\(summary.trading.orders)", "1", "\(max(summary.record.days.count - 1, 0))"],
            ["Fees (USDT)", usdt(summary.trading.feesUSDT), usdt(summary.benchmarks.btcHoldFees), usdt(summary.benchmarks.btcDCAFees)],
            ["Turnover (× average equity)", ratio(summary.trading.turnover), "—", "—"],
            ["Time in market", percent(summary.trading.timeInMarket), percent(1), "—"],
        ], numericColumns: [1, 2, 3])
    }

    private static func sleeves(_ summary: BacktestSummary) -> HTMLTable {
        let all = Sleeve.allCases.map { summary.sleeves.sleeves[$0] ?? SleeveAttribution.Figures() }
        func total(_ value: (SleeveAttribution.Figures) -> Double) -> String { usdt(all.reduce(0) { $0 + value($1) }) }
        return HTMLTable(caption: "Profit by sleeve (USDT): end − start + sold − bought",
                         header: ["Sleeve", "Profit", "Start value", "End value", "Bought", "Sold", "Fees", "Orders", "Time in market"],
                         rows: zip(Sleeve.allCases, all).map { sleeve, figures in
                             [sleeve.rawValue, usdt(figures.profit), usdt(figures.startValue), usdt(figures.endValue), usdt(figures.bought),
                              usdt(figures.sold), usdt(figures.fees), "\(figures.orders)", percent(figures.timeInMarket)]
                         } + [["total", total(\.profit), total(\.startValue), total(\.endValue), total(\.bought), total(\.sold), total(\.fees),
                               "\(all.reduce(0) { $0 + $1.orders })", ""]],
                         numericColumns: [1, 2, 3, 4, 5, 6, 7, 8])
    }

    private static func calendarYears(_ calendar: CalendarYears) -> HTMLTable {
        HTMLTable(caption: "By calendar year (partial years marked *)", header: ["Year", "From", "To", "Engine", "BTC held", "BTC DCA", "Engine max drawdown"],
                  rows: calendar.years.map { [$0.year + ($0.partial ? " *" : ""), $0.from, $0.to, percent($0.engine), percent($0.btcHold),
                                              percent($0.btcDCA), percent($0.engineMaxDrawdown)] },
                  numericColumns: [3, 4, 5, 6])
    }

    private static func cycles(_ record: BacktestRecord) -> HTMLTable {
        HTMLTable(caption: "Cycles by report status and pool rung", header: ["Status or rung", "Cycles"],
                  rows: record.cyclesByStatus.sorted { $0.key < $1.key }.map { [$0.key, "\($0.value)"] }
                      + record.cyclesByRung.sorted { $0.key < $1.key }.map { ["pool: \($0.key)", "\($0.value)"] }
                      + (record.firstError.map { [["first error", $0]] } ?? []),
                  numericColumns: [1])
    }

    private static func dataGaps(_ gaps: DataGaps) -> HTMLTable {
        HTMLTable(caption: "Data gaps: rows missing from the inputs (a symbol has no price while a whole interval has no row)",
                  header: ["Symbol", "Interval", "Missing rows", "Gaps", "Longest gap (hours)", "First missing row"],
                  rows: gaps.symbols.sorted { $0.key < $1.key }.map { symbol, gaps in
                      [symbol, gaps.intervalName, "\(gaps.missingRows)", "\(gaps.gaps)", "\(gaps.longestGapHours)", gaps.firstGapAt ?? ""]
                  },
                  numericColumns: [2, 3, 4])
    }

    private static func walkForward(_ walkForward: WalkForward) -> HTMLTable {
        HTMLTable(caption: "Walk-forward: \(percent(walkForward.beatingShare)) of windows beat BTC held (runbook: above 60 % — \(walkForward.passes ? "pass" : "fail"))",
                  header: ["From", "To", "Engine", "BTC held", "Beats BTC"],
                  rows: walkForward.windows.map { [$0.from, $0.to, percent($0.strategyReturn), percent($0.btcReturn), $0.beatsBTC ? "yes" : "no"] },
                  numericColumns: [2, 3])
    }

    /// Every order up to 200; beyond that the first and last 100 (trades.csv has them all).
    private static func orders(_ orders: [BacktestOrder]) -> HTMLTable {
        let shown = orders.count <= 200 ? orders : Array(orders.prefix(100) + orders.suffix(100))
        let caption = orders.count <= 200 ? "Orders (\(orders.count))" : "Orders: first and last 100 of \(orders.count) (all in trades.csv)"
        return HTMLTable(caption: caption, header: ["Time", "Symbol", "Side", "Purpose", "Quantity", "Price", "USDT", "Fee (USDT)"],
                         rows: shown.map { [$0.time, $0.symbol, $0.side, $0.purpose, BacktestOutputs.decimal($0.quantity),
                                            BacktestOutputs.decimal($0.price), usdt($0.quoteValue), String(format: "%.4f", $0.feeUSDT)] },
                         // Quantities and prices as booked (the exchange's own digits), so not padded.
                         numericColumns: [4, 5, 6, 7])
    }

    static func percent(_ value: Double) -> String { String(format: "%.2f %%", value * 100) }
    static func ratio(_ value: Double) -> String { String(format: "%.2f", value) }
    static func usdt(_ value: Double) -> String { ChartNumberFormat.grouped(value, decimals: 2) }
}
