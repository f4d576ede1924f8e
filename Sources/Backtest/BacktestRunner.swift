import Engine
import Foundation
import Paper

/// How often the simulated cron runs the cycle.
public enum BacktestCadence: String, Sendable, CaseIterable {
    /// At hh:59:59 of every hour, when that hour's candle has closed.
    case hourly
    /// At 23:59:59 of every day, when the day's candle has closed.
    case daily
}

/// `cycle backtest` (docs/backtest.md): the Engine's own cycle decisions — the code a live cycle runs —
/// at every simulated cron time over history, in the backtest's shell (`BacktestWorld`): a paper
/// account in memory moved by the paper exchange's own rules (0.1 % fee, 0.075 % in BNB,
/// Binance's filters, instant earn), the state document carried from one cycle to the next.
/// A cycle at t sees only rows opened at or before t (`HistoricalMarket`), its indicators from
/// `IndicatorTables`. The whole run is synchronous, on a thread of its own.
public struct BacktestRunner: Sendable {
    public let market: HistoricalMarket
    public let tables: IndicatorTables
    public let pools: PoolSchedule
    public let config: Config
    public let initialBalances: [String: Decimal]

    public init(market: HistoricalMarket, tables: IndicatorTables? = nil, pools: PoolSchedule, config: Config, initialBalances: [String: Decimal]) {
        self.market = market
        self.tables = tables ?? IndicatorTables(market: market)
        self.pools = pools
        self.config = config
        self.initialBalances = initialBalances
    }

    /// Called after every cycle with its time, its outcome and the account as the cycle left it
    /// (tests compare decisions with replay). Runs on the backtest's thread.
    public typealias Observer = @Sendable (Date, CycleOutcome, PaperMemoryBook) -> Void

    public func run(period: BacktestPeriod, cadence: BacktestCadence, progress: BacktestProgress? = nil,
                    observe: Observer? = nil) async throws -> BacktestRecord {
        if cadence == .hourly, !market.isHourly {
            throw BacktestInputError(path: market.label, problem: "has daily candles only, so an hourly cycle would see the whole day ahead",
                                     remedy: "use --cadence daily, or --data with 1h files")
        }
        let thread = CycleThread(name: "backtest")
        defer { thread.stop() }
        let runner = self
        return await withCheckedContinuation { (finished: CheckedContinuation<BacktestRecord, Never>) in
            thread.perform {
                finished.resume(returning: runner.simulate(period: period, cadence: cadence, progress: progress, observe: observe))
            }
        }
    }

    /// Every cycle of the period, one after another, on the calling thread.
    func simulate(period: BacktestPeriod, cadence: BacktestCadence, progress: BacktestProgress?, observe: Observer?) -> BacktestRecord {
        let world = BacktestWorld(market: market, tables: tables, config: config, initialBalances: initialBalances)
        let times = period.cycleTimes(cadence: cadence, lastData: market.lastOpenTime)
        var record = BacktestRecord(period: period, cadence: cadence)
        if let last = times.last {
            record.dataGaps = DataGaps(histories: market.histories, through: last.seconds * 1000)
        }
        if let first = times.first {
            // The starting balances at the first cycle's prices, dated the day before the period.
            let opening = Date(timeIntervalSince1970: TimeInterval(first.seconds))
            record.days.append(valuation(of: world.book, on: CalendarDay(opening.addingTimeInterval(-86_400)), at: opening))
        }
        var upstreamDay: CalendarDay?
        var settings = CycleRunSettings(now: Date(timeIntervalSince1970: 0), host: "backtest", processId: 0, runNonce: "backtest",
                                        rendersLogLines: false)
        for (index, time) in times.enumerated() {
            let now = Date(timeIntervalSince1970: TimeInterval(time.seconds))
            if upstreamDay != time.day {
                world.upstream = pools.artifact(on: time.day)
                upstreamDay = time.day
            }
            world.now = now
            settings.now = now
            let outcome = CycleDecisions.run(config: config, settings: settings, world: world, runId: "backtest-\(time.seconds)", dryRun: false)
            record.count(outcome.report)
            observe?(now, outcome, world.book)
            if time.endsDay {
                record.days.append(valuation(of: world.book, on: time.day, at: now))
            }
            progress?.advance(to: index + 1, of: times.count)
        }
        record.orders = world.book.orders.map(BacktestOrder.init)
        return record
    }

    /// The account at the end of a day, valued at the day's last prices (a holding whose data
    /// has a gap at its last known close), by sleeve.
    private func valuation(of book: PaperMemoryBook, on day: CalendarDay, at now: Date) -> DayValuation {
        var holdings = book.spotBalances
        for (asset, position) in book.earnPositions { holdings[asset, default: 0] += position.amount }
        var valuation = DayValuation(date: day.iso, btcPrice: market.lastKnownClose(symbol: "BTCUSDT", now: now) ?? 0)
        for (asset, amount) in holdings.sorted(by: { $0.key < $1.key }) where amount != 0 {
            let quantity = NSDecimalNumber(decimal: amount).doubleValue
            if asset == "USDT" {
                valuation.cash += quantity
                continue
            }
            let value = quantity * (market.lastKnownClose(symbol: asset + "USDT", now: now) ?? 0)
            switch Sleeve(asset: asset) {
            case .btcCore: valuation.btcCore += value
            case .fuel: valuation.fuel += value
            case .trend: valuation.trend += value
            }
        }
        return valuation
    }
}

/// Where a simulated cycle runs: its instant, its UTC day, and whether it is the day's last.
public struct CycleTime: Sendable, Equatable {
    public let seconds: Int64
    public let day: CalendarDay
    public let endsDay: Bool
}

/// The simulated days, inclusive.
public struct BacktestPeriod: Sendable, Equatable {
    public let from: CalendarDay
    public let to: CalendarDay

    public init(from: CalendarDay, to: CalendarDay) {
        self.from = from
        self.to = to
    }

    /// Every cron time in the period up to the data's last row (hourly: hh:59:59; daily: 23:59:59).
    func cycleTimes(cadence: BacktestCadence, lastData: Int64?) -> [CycleTime] {
        guard let lastData, let first = Self.midnight(from), let last = Self.midnight(to) else { return [] }
        let lastSecond = lastData / 1000
        var times: [CycleTime] = []
        var dayStart = first
        while dayStart <= last, dayStart <= lastSecond {
            let day = CalendarDay(Date(timeIntervalSince1970: TimeInterval(dayStart)))
            // (the row that must have opened, the cron time at which it has closed)
            let slots: [(opens: Int64, runs: Int64)] = cadence == .hourly
                ? (0..<24).map { (dayStart + $0 * 3_600, dayStart + $0 * 3_600 + 3_599) }
                : [(dayStart, dayStart + 86_399)]
            let due = slots.filter { $0.opens <= lastSecond }.map(\.runs)
            for (index, seconds) in due.enumerated() {
                times.append(CycleTime(seconds: seconds, day: day, endsDay: index == due.count - 1))
            }
            dayStart += 86_400
        }
        return times
    }

    static func midnight(_ day: CalendarDay) -> Int64? {
        guard let date = Date.parseISO8601(day.iso + "T00:00:00Z") else { return nil }
        return Int64(date.timeIntervalSince1970)
    }
}

/// Reports progress (a bar on a terminal); called once per cycle.
public protocol BacktestProgress: Sendable {
    func advance(to done: Int, of total: Int)
}
