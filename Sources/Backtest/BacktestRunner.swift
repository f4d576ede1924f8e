import Engine
import Foundation
import LocalStore
import Paper

/// `cycle backtest` (SPEC §14, first step): the Engine's own cycle run once per simulated day
/// over the paper market, with the paper exchange's rules (0.1 % fee, filters, instant earn),
/// state carried from cycle to cycle in memory. Each day is evaluated at its last second, when
/// the day's daily candle is complete, so no value from a later time is used.
public struct BacktestRunner: Sendable {
    public struct Day: Sendable, Equatable {
        public var date: String
        public var equity: Double
        public var status: String
    }

    public struct Trade: Sendable, Equatable {
        public var date: String
        public var category: String
        public var action: String
        public var symbol: String
        public var quantity: Double
        public var price: Double
    }

    public struct Result: Sendable {
        public var days: [Day]
        public var trades: [Trade]
        /// Days before the indicators have enough history end in error; statistics start at the first `ok` day.
        public var tradedDays: ArraySlice<Day> { days.drop { $0.status != "ok" } }
        public var initialEquity: Double { tradedDays.first?.equity ?? 0 }
        public var finalEquity: Double { tradedDays.last?.equity ?? 0 }
        public var totalReturn: Double { initialEquity > 0 ? finalEquity / initialEquity - 1 : 0 }
        /// Largest peak-to-trough fall of the daily equity, as a fraction.
        public var maxDrawdown: Double {
            var peak = 0.0, worst = 0.0
            for day in tradedDays where day.equity > 0 {
                peak = max(peak, day.equity)
                worst = max(worst, 1 - day.equity / peak)
            }
            return worst
        }
    }

    let market: BundledMarketData
    let payload: JSONValue
    let config: Config
    let initialBalances: [String: Decimal]

    public init(market: BundledMarketData, payload: JSONValue, config: Config, initialBalances: [String: Decimal]) {
        self.market = market
        self.payload = payload
        self.config = config
        self.initialBalances = initialBalances
    }

    /// One cycle per UTC day from `from` to `to` (inclusive, `YYYY-MM-DD`).
    public func run(from: CalendarDay, to: CalendarDay, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> Result {
        let wallet = PaperWallet(database: try StateDatabase.inMemory())
        _ = try await wallet.fundIfNew(initialBalances)
        let store = InMemoryStateStore()
        var result = Result(days: [], trades: [])
        let days = Self.days(from: from, to: to)
        for (index, day) in days.enumerated() {
            // The day's last second: its daily candle is complete, nothing later exists yet.
            let now = Self.start(of: day).addingTimeInterval(86_399)
            var dated = payload.objectValue ?? [:]
            dated["as_of_date"] = .string(day.iso)
            let assembly = CycleAssembly(
                config: config, exchange: PaperExchange(wallet: wallet, market: market, now: now), store: store,
                upstream: StaticArtifactSource(label: "backtest:live_pool", payload: .object(dated)), clock: FixedClock(now)
            )
            let outcome = await assembly.cycle(runId: "backtest-\(day.compact)", dryRun: false).run()
            let report = outcome.report
            result.days.append(Day(date: day.iso, equity: report.totalEquity ?? 0, status: report.status.rawValue))
            for intent in report.tradeIntents {
                result.trades.append(Trade(date: day.iso, category: intent.category.rawValue, action: intent.action.rawValue, symbol: intent.symbol,
                                           quantity: intent.quantity ?? intent.quoteOrderQty ?? 0, price: intent.price ?? 0))
            }
            for intent in report.dcaIntents {
                result.trades.append(Trade(date: day.iso, category: "btc_dca", action: intent.action.rawValue, symbol: "BTCUSDT",
                                           quantity: intent.quantity, price: 0))
            }
            progress?(index + 1, days.count)
        }
        return result
    }

    static func days(from: CalendarDay, to: CalendarDay) -> [CalendarDay] {
        var days: [CalendarDay] = []
        var day = from
        while day <= to {
            days.append(day)
            day = CalendarDay(start(of: day).addingTimeInterval(86_400))
        }
        return days
    }

    /// Midnight UTC opening `day`.
    static func start(of day: CalendarDay) -> Date {
        Date.parseISO8601(day.iso + "T00:00:00Z") ?? Date(timeIntervalSince1970: 0)
    }
}
