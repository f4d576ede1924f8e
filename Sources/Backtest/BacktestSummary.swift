import Engine
import Foundation

/// The figures of summary.json and report.html, computed once from a run's record.
public struct BacktestSummary: Sendable {
    public struct Trading: Sendable, Equatable {
        public var orders: Int
        public var feesUSDT: Double
        /// Everything bought and sold, in USDT, over the average equity.
        public var turnover: Double
        /// Share of days with at least 1 % of equity in trend coins or BTC.
        public var timeInMarket: Double
    }

    public let record: BacktestRecord
    public let strategy: PerformanceStatistics
    public let btcHold: PerformanceStatistics
    public let btcDCA: PerformanceStatistics
    public let benchmarks: BenchmarkCurves
    public let sleeves: SleeveAttribution
    public let trading: Trading
    public let walkForward: WalkForward?
    public let calendarYears: CalendarYears

    public init(record: BacktestRecord, walkForwardWindows: Int? = nil) {
        self.record = record
        let dates = record.days.map(\.date)
        let equity = record.days.map(\.equity)
        benchmarks = BenchmarkCurves(days: record.days)
        strategy = PerformanceStatistics.compute(dates: dates, equity: equity)
        btcHold = PerformanceStatistics.compute(dates: dates, equity: benchmarks.btcHold)
        btcDCA = PerformanceStatistics.compute(dates: dates, equity: benchmarks.btcDCA)
        sleeves = SleeveAttribution(days: record.days, orders: record.orders)
        let traded = record.orders.reduce(0) { $0 + $1.quoteValue }
        let averageEquity = equity.isEmpty ? 0 : equity.reduce(0, +) / Double(equity.count)
        let invested = record.days.dropFirst().filter { $0.equity > 0 && $0.trend + $0.btcCore >= 0.01 * $0.equity }.count
        trading = Trading(
            orders: record.orders.count, feesUSDT: record.orders.reduce(0) { $0 + $1.feeUSDT },
            turnover: averageEquity > 0 ? traded / averageEquity : 0,
            timeInMarket: record.days.count > 1 ? Double(invested) / Double(record.days.count - 1) : 0
        )
        walkForward = walkForwardWindows.flatMap { WalkForward(days: record.days, windows: $0) }
        calendarYears = CalendarYears(days: record.days, benchmarks: benchmarks)
    }

    /// summary.json's document (keys sorted when written).
    public func json(context: BacktestContext) -> JSONValue {
        var document: JSONObject = [
            "engine_version": .string(context.engineVersion),
            "period": ["from": .string(record.period.from.iso), "to": .string(record.period.to.iso)],
            "cadence": .string(record.cadence.rawValue),
            "data": .string(context.dataLabel),
            "pools": .string(context.poolsLabel),
            "initial_balances": .object(JSONObject(uniqueKeysWithValues: context.initialBalances.sorted { $0.key < $1.key }.map {
                ($0.key, JSONValue.string(NSDecimalNumber(decimal: $0.value).description(withLocale: Locale(identifier: "en_US_POSIX"))))
            })),
            "exposure_cap": .double(context.exposureCap),
            "fee_rate": .double(FeeSchedule.binanceSpot.rateValue),
            "cycles": [
                "total": .int(Int64(record.cycles)),
                "by_status": .object(JSONObject(uniqueKeysWithValues: record.cyclesByStatus.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.int(Int64($0.value))) })),
                "by_pool_rung": .object(JSONObject(uniqueKeysWithValues: record.cyclesByRung.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.int(Int64($0.value))) })),
                "first_error": record.firstError.map(JSONValue.string) ?? .null,
            ],
            "strategy": Self.json(strategy, trading: trading),
            "sleeves": .object(JSONObject(uniqueKeysWithValues: Sleeve.allCases.map { sleeve in
                (sleeve.rawValue, Self.json(sleeves.sleeves[sleeve] ?? SleeveAttribution.Figures()))
            })),
            "benchmarks": [
                "btc_buy_and_hold": Self.json(btcHold, trading: nil).adding("fees_usdt", .double(benchmarks.btcHoldFees)),
                "btc_daily_dca": Self.json(btcDCA, trading: nil).adding("fees_usdt", .double(benchmarks.btcDCAFees)),
            ],
        ]
        document["calendar_years"] = .array(calendarYears.years.map { year in
            ["year": .string(year.year), "from": .string(year.from), "to": .string(year.to), "partial": .bool(year.partial),
             "engine_return": .double(year.engine), "btc_hold_return": .double(year.btcHold), "btc_dca_return": .double(year.btcDCA),
             "engine_max_drawdown": .double(year.engineMaxDrawdown)]
        })
        document["data_gaps"] = .object(JSONObject(uniqueKeysWithValues: record.dataGaps.symbols.sorted { $0.key < $1.key }.map { symbol, gaps in
            (symbol, [
                "interval": .string(gaps.intervalName), "missing_rows": .int(gaps.missingRows), "gaps": .int(gaps.gaps),
                "longest_gap_hours": .int(gaps.longestGapHours),
                "first_gap_at": gaps.firstGapAt.map(JSONValue.string) ?? .null,
            ] as JSONValue)
        }))
        if let walkForward {
            document["walk_forward"] = [
                "windows": .array(walkForward.windows.map { window in
                    ["from": .string(window.from), "to": .string(window.to), "strategy_return": .double(window.strategyReturn),
                     "btc_return": .double(window.btcReturn), "beats_btc": .bool(window.beatsBTC)]
                }),
                "share_beating_btc": .double(walkForward.beatingShare),
                "passes_60_percent": .bool(walkForward.passes),
            ]
        }
        if let comparison = context.paperComparison { document["paper_comparison"] = comparison.json }
        return .object(document)
    }

    static func json(_ statistics: PerformanceStatistics, trading: Trading?) -> JSONValue {
        var object: JSONObject = [
            "initial_equity_usdt": .double(statistics.initialEquity), "final_equity_usdt": .double(statistics.finalEquity),
            "total_return": .double(statistics.totalReturn), "cagr": .double(statistics.cagr),
            "max_drawdown": .double(statistics.maxDrawdown), "max_drawdown_days": .int(Int64(statistics.maxDrawdownDays)),
            "max_drawdown_peak": statistics.maxDrawdownPeak.map(JSONValue.string) ?? .null,
            "max_drawdown_trough": statistics.maxDrawdownTrough.map(JSONValue.string) ?? .null,
            "max_drawdown_recovery": statistics.maxDrawdownRecovery.map(JSONValue.string) ?? .null,
            "volatility": .double(statistics.volatility), "sharpe": .double(statistics.sharpe),
            "sortino": .double(statistics.sortino), "calmar": .double(statistics.calmar),
        ]
        if let trading {
            object["orders"] = .int(Int64(trading.orders))
            object["fees_usdt"] = .double(trading.feesUSDT)
            object["turnover"] = .double(trading.turnover)
            object["time_in_market"] = .double(trading.timeInMarket)
        }
        return .object(object)
    }

    static func json(_ figures: SleeveAttribution.Figures) -> JSONValue {
        ["profit_usdt": .double(figures.profit), "start_value_usdt": .double(figures.startValue), "end_value_usdt": .double(figures.endValue),
         "bought_usdt": .double(figures.bought), "sold_usdt": .double(figures.sold), "fees_usdt": .double(figures.fees),
         "orders": .int(Int64(figures.orders)), "time_in_market": .double(figures.timeInMarket)]
    }
}

/// What the summary names besides the record: where the inputs came from.
public struct BacktestContext: Sendable {
    public var engineVersion: String
    public var dataLabel: String
    public var poolsLabel: String
    public var initialBalances: [String: Decimal]
    public var exposureCap: Double
    public var paperComparison: PaperComparison?

    public init(engineVersion: String, dataLabel: String, poolsLabel: String, initialBalances: [String: Decimal], exposureCap: Double,
                paperComparison: PaperComparison? = nil) {
        self.engineVersion = engineVersion
        self.dataLabel = dataLabel
        self.poolsLabel = poolsLabel
        self.initialBalances = initialBalances
        self.exposureCap = exposureCap
        self.paperComparison = paperComparison
    }
}

extension JSONValue {
    /// The object with one more key (a non-object is returned unchanged).
    func adding(_ key: String, _ value: JSONValue) -> JSONValue {
        guard var object = objectValue else { return self }
        object[key] = value
        return .object(object)
    }
}
