import ArgumentParser
import Backtest
import Engine
import Foundation
import LocalStore
import Paper

/// `cycle backtest` (docs/backtest.md): the engine's own cycle over history on the paper exchange.
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Run the engine's own cycle over history (the bundled market, or a Binance kline archive) and write a report."
    )
    @Option(help: "First day, YYYY-MM-DD (default: the first day with enough BTC history, 564 days into the data).")
    var from: String?
    @Option(help: "Last day, YYYY-MM-DD (default: the data's last day).")
    var to: String?
    @Option(help: "hourly (at hh:59:59, needs 1h data) or daily (at 23:59:59). Default: hourly when every symbol has 1h data.")
    var cadence: BacktestCadence?
    @Option(help: "A folder in Binance's public-data archive layout (SYMBOL-1h-YYYY-MM.csv or .zip; -1d- too). Default: the bundled market.")
    var data: String?
    @Option(help: "A folder of dated live-pool artifacts, each used from its as_of_date through the ladder. Default: the bundled pool, always fresh.")
    var pools: String?
    @Option(help: "Starting balances, ASSET=AMOUNT pairs, e.g. USDT=10000,BNB=0.1 (default: PAPER_INITIAL_BALANCES or that).")
    var initial: String?
    @Option(name: .customLong("exposure-cap"), help: "Trade on this fraction of equity (0 < cap ≤ 1), as EXPOSURE_CAP (which it overrides).")
    var exposureCap: String?
    @Option(help: "Folder for summary.json, equity.csv, trades.csv and report.html (default: <state dir>/backtests/<from>-<to>-<cadence>).")
    var out: String?
    @Option(name: .customLong("walk-forward"), help: "Also split the period into N equal windows and compare each with BTC held.")
    var walkForward: Int?
    @Flag(name: .customLong("compare-paper"), help: "Also compare with the paper account's recorded cycles over the same period (divergence of final equity, %).")
    var comparePaper = false
    @Flag(help: "Print summary.json on stdout.")
    var json = false
    @Flag(help: "Print load time, simulation time and microseconds per simulated cycle on stderr (the benchmark reads them).")
    var timing = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let walkForward, walkForward < 1 {
            throw ValidationError("--walk-forward \(walkForward) is not a number of windows; give 1 or more (at most one per day of the period).")
        }
    }

    func run() async throws {
        let settings = try Settings.load()
        let loadStarted = ContinuousClock.now
        let bundled = try PaperSession.locateMarket(settings.paper)
        let market = try data.map { try KlineArchive.read(directory: URL(fileURLWithPath: $0, isDirectory: true), fallbackListings: bundled.allListings) }
            ?? HistoricalMarket(bundled: bundled)
        let schedule = try pools.map { try PoolSchedule.read(directory: URL(fileURLWithPath: $0, isDirectory: true)) }
            ?? .fixed(try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: bundled.livePoolArtifactPath))))
        guard let available = market.defaultPeriod else {
            throw ValidationError("\(market.label) has fewer than \(HistoricalMarket.warmUpDays) days of BTCUSDT: the cycle's BTC snapshot needs them")
        }
        let paperCycles = comparePaper ? try await recordedPaperCycles(settings) : []
        var period = BacktestPeriod(from: try from.map(Self.day) ?? available.from, to: try to.map(Self.day) ?? available.to)
        if let first = paperCycles.first, let last = paperCycles.last {
            period = BacktestPeriod(from: try from.map(Self.day) ?? first.day, to: try to.map(Self.day) ?? last.day)
        }
        period = try Self.clipped(period, toDataEndingOn: available.to, requested: to != nil ? "--to" : "the last paper cycle")
        guard period.from <= period.to else { throw ValidationError("--from \(period.from.iso) is after --to \(period.to.iso)") }
        let days = period.to.days(since: period.from) + 1
        if let walkForward, walkForward > days {
            throw ValidationError("--walk-forward \(walkForward) asks for more windows than the \(days) days of \(period.from.iso) … \(period.to.iso); give at most \(days).")
        }
        var config = settings.cycle
        config.dryRun = false
        if let exposureCap {
            config.exposureCap = try Self.option { try EnvironmentReader(environment: ["--exposure-cap": exposureCap]).exposureCap("--exposure-cap") }
        }
        let balances = try initial.map { raw in try Self.option { try PaperSettings.balances(raw, source: "--initial") } } ?? settings.paper.initialBalances
        let runner = BacktestRunner(market: market, pools: schedule, config: config, initialBalances: balances)
        let loaded = ContinuousClock.now
        let chosenCadence = cadence ?? (market.isHourly ? .hourly : .daily)
        let record = try await runner.run(period: period, cadence: chosenCadence, progress: ProgressBar.onTerminal())
        let simulated = ContinuousClock.now
        if timing {
            let load = (loaded - loadStarted).seconds, simulation = (simulated - loaded).seconds
            Console.error(String(format: "timing: load %.3f s, simulation %.3f s, %d cycles, %.1f µs per simulated %@",
                                 load, simulation, record.cycles, simulation * 1e6 / Double(max(record.cycles, 1)),
                                 chosenCadence == .hourly ? "hour" : "day"))
        }
        let context = BacktestContext(
            engineVersion: EngineVersion.full, dataLabel: data ?? BundledMarketData.defaultDirectory, poolsLabel: pools ?? "bundled live_pool.json (re-dated daily)",
            initialBalances: balances, exposureCap: config.exposureCap,
            paperComparison: paperCycles.isEmpty ? nil : PaperComparison(paper: paperCycles, backtest: record.days)
        )
        let summary = BacktestSummary(record: record, walkForwardWindows: walkForward)
        let folder = URL(fileURLWithPath: out ?? store.directory(settings).appendingPathComponent(
            "backtests/\(period.from.compact)-\(period.to.compact)-\(chosenCadence.rawValue)").path, isDirectory: true)
        try BacktestOutputs.write(summary, context: context, to: folder)
        if json {
            print(JSONWriter.string(summary.json(context: context)))
        } else {
            Console.out(BacktestSummaryText.lines(summary, context: context, folder: folder.path).joined(separator: "\n"))
        }
        guard record.cycles > 0, record.cyclesByStatus["ok", default: 0] > 0 else {
            Console.error("No cycle of the backtest ended ok\(record.firstError.map { "; the first error: \($0)" } ?? "").")
            throw CycleExit.error
        }
    }

    /// The period ending no later than the data's last day, saying so on stderr when it is cut;
    /// a period that starts after the data ends exits 64.
    static func clipped(_ period: BacktestPeriod, toDataEndingOn last: CalendarDay, requested source: String) throws -> BacktestPeriod {
        guard period.to > last else { return period }
        guard period.from <= last else {
            throw ValidationError("--from \(period.from.iso) is after the data's last day \(last.iso); choose a day up to \(last.iso)")
        }
        Console.error("The period's last day \(period.to.iso) (\(source)) is after the data's last day: the backtest ends on \(last.iso).")
        return BacktestPeriod(from: period.from, to: last)
    }

    /// The paper account's `ok` cycles kept in the local store (read from a private copy).
    private func recordedPaperCycles(_ settings: Settings) async throws -> [PaperComparison.Cycle] {
        let database = try store.snapshotDatabase(settings)
        let reports = try await SQLiteStateStore(database: database, account: PaperSession.account).reports(since: Date(timeIntervalSince1970: 0))
        let cycles = PaperComparison.recordedCycles(reports: reports)
        guard !cycles.isEmpty else {
            throw ValidationError("--compare-paper: the store at \(store.directory(settings).path) holds no ok paper cycle; run `cycle` (with --now to step the paper clock) first")
        }
        return cycles
    }

    /// An option read with the settings' own rules; a bad value exits 64 naming the option.
    static func option<T>(_ read: () throws -> T) throws -> T {
        do {
            return try read()
        } catch let error as ConfigurationError {
            throw ValidationError("\(error.variable) \"\(error.value)\" is not valid; expected \(error.expected).")
        }
    }

    static func day(_ text: String) throws -> CalendarDay {
        guard let day = CalendarDay(isoPrefix: text) else { throw ValidationError("'\(text)' is not YYYY-MM-DD") }
        return day
    }
}

extension BacktestCadence: ExpressibleByArgument {}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
