import ArgumentParser
import Engine
import Foundation
import LocalStore
import Paper

/// `cycle` / `cycle run`: one cycle. Without Binance credentials it trades the paper exchange
/// over bundled market data, with state in the local store.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one cycle (paper exchange over bundled market data by default).",
        discussion: "Exit codes: 0 ok, 1 error, 2 aborted (lease held, unreadable state), 64 configuration or usage error."
    )

    @OptionGroup var store: StoreOptions

    @Flag(help: "Decide everything but send no order, earn move, state write or alert.")
    var dryRun = false

    @Flag(help: "Print the JSON execution report instead of the summary.")
    var json = false

    @Option(help: "Paper clock, ISO-8601 (default: noon UTC of the market data's last day).")
    var now: String?

    @Option(help: "Run identifier (default: generated from the time and a random suffix).")
    var runId: String?

    @Option(help: "Paper market data: bundled (default) or binance-public.")
    var market = "bundled"

    func validate() throws {
        if let now, Date.parseISO8601(now) == nil { throw ValidationError("--now '\(now)' is not ISO-8601 (e.g. 2026-10-31T12:00:00Z)") }
        if let runId, runId.isEmpty { throw ValidationError("--run-id must not be empty") }
        guard ["bundled", "binance-public"].contains(market) else { throw ValidationError("--market must be bundled or binance-public") }
    }

    func run() async throws {
        let config = try loadConfig()
        if config.binanceCredentials != nil {
            Console.error("Binance credentials are set, but the Binance adapter arrives with issue #4; nothing was traded. Unset BINANCE_API_KEY to run the paper exchange.")
            throw CycleExit.configuration
        }
        if market == "binance-public" {
            Console.error("--market binance-public needs the Binance adapter (issue #4); use the bundled data for now. Nothing was traded.")
            throw CycleExit.configuration
        }
        let environment = ProcessInfo.processInfo.environment
        let initialBalances: [String: Decimal]
        let marketData: BundledMarketData
        do {
            initialBalances = try PaperSession.initialBalances(environment: environment)
            marketData = try PaperSession.locateMarket(environment: environment)
        } catch {
            Console.error("\(error)")
            throw CycleExit.configuration
        }
        guard let clock = now.flatMap(Date.parseISO8601) ?? marketData.lastDay?.addingTimeInterval(PaperSession.defaultHourOfLastDay) else {
            Console.error("Paper market data \(marketData.directory.path) has no BTCUSDT klines; nothing was traded.")
            throw CycleExit.configuration
        }
        announce("PAPER MODE — simulated Binance account over \(marketData.label), clock \(clock.isoWithOffset)\(dryRun ? ", dry run" : ""). No real orders, no network.")

        let database = try store.openDatabase()
        let session = PaperSession(config: config, database: database, market: marketData, now: clock)
        let runId = self.runId ?? Self.generatedRunId()
        let outcome = try await session.runCycle(runId: runId, dryRun: dryRun, initialBalances: initialBalances)
        let reportText = JSONWriter.string(outcome.report.json) + "\n"
        let reportURL = try await saveReport(outcome.report, text: reportText, store: session.store)

        if json {
            print(reportText, terminator: "")
        } else {
            let summary = try await RunSummary(report: outcome.report, store: session.store, wallet: session.wallet,
                                               reportPath: reportURL.path, databasePath: database.path).render()
            print(summary)
        }
        let status = outcome.report.status
        if status != .ok { throw CycleExit.code(for: status) }
    }

    /// The first line says which exchange this is; with `--json` it goes to stderr so stdout stays JSON.
    private func announce(_ line: String) {
        if json { Console.error(line) } else { Console.out(line) }
    }

    /// Keeps the report in the store and as `reports/<run id>.json` beside it.
    private func saveReport(_ report: ExecutionReport, text: String, store: SQLiteStateStore) async throws -> URL {
        let url = self.store.directory.appendingPathComponent("reports").appendingPathComponent("\(report.runId).json")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
        // An aborted run never writes the database: it may be the thing that is broken or busy.
        if report.status != .aborted {
            try await store.saveReport(runId: report.runId, startedAt: report.startedAt, status: report.status.rawValue, json: text)
        }
        return url
    }

    static func generatedRunId() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(6).lowercased()
        return "paper-\(formatter.string(from: Date()))-\(suffix)"
    }
}
