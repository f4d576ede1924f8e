import Engine
import Foundation
import LocalStore
import Logging
import Paper

/// The embedded default: one cycle on the paper exchange over bundled market data, with the
/// state, journal, lease and paper wallet in the local store.
struct PaperSession {
    static let account = "paper"
    /// The paper clock defaults to noon (UTC) of the data's last day, so the bundled artifact is fresh.
    static let defaultHourOfLastDay: TimeInterval = 12 * 3600

    let settings: Settings
    let database: StateDatabase
    let market: any MarketData
    /// The live-pool artifact the paper exchange treats as the fresh upstream.
    let artifactPath: String
    let now: Date
    let wallet: PaperWallet

    init(settings: Settings, database: StateDatabase, market: any MarketData, artifactPath: String, now: Date) throws {
        self.settings = settings
        self.database = database
        self.market = market
        self.artifactPath = artifactPath
        self.now = now
        wallet = try PaperWallet(database: database)
    }
    var store: SQLiteStateStore { SQLiteStateStore(database: database, account: Self.account) }

    /// `PAPER_MARKET_DIR`, else `Fixtures/paper_market` under the working directory, else next to this checkout's sources.
    static func locateMarket(_ settings: PaperSettings) throws -> BundledMarketData {
        if let configured = settings.marketDirectory {
            return try BundledMarketData(directory: URL(fileURLWithPath: configured, isDirectory: true))
        }
        let local = URL(fileURLWithPath: BundledMarketData.defaultDirectory, isDirectory: true)
        if FileManager.default.fileExists(atPath: local.path) { return try BundledMarketData(directory: local) }
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try BundledMarketData(directory: checkout.appendingPathComponent(BundledMarketData.defaultDirectory, isDirectory: true))
    }

    /// Funds a new wallet (in a dry run, the private copy's), then runs one cycle.
    func runCycle(runId: String, dryRun: Bool) async throws -> CycleOutcome {
        try await wallet.fundIfNew(settings.paper.initialBalances)
        let exchange = settings.testHooks.wrap(PaperExchange(wallet: wallet, market: market, now: now))
        var assembly = CycleAssembly(
            config: settings.cycle, exchange: exchange, store: store,
            upstream: FileArtifactSource(path: artifactPath, label: "paper:\(artifactPath)"),
            localArtifacts: LocalArtifacts.candidates(settings.cycle), clock: FixedClock(now), wallClock: SystemClock(),
            cycleIndicators: LocalArtifacts.cycleIndicators(settings.cycle), logger: Logger(label: "cycle")
        )
        assembly.account = Self.account
        assembly.reconcilesAtEnd = true
        return await assembly.cycle(runId: runId, dryRun: dryRun).run()
    }
}
