import Engine
import Foundation
import Logging
import LocalStore
import Paper

/// The embedded default: one cycle on the paper exchange over bundled market data, with the
/// state, journal, lease and paper wallet in the local store.
struct PaperSession {
    static let account = "paper"
    /// The paper clock defaults to noon (UTC) of the data's last day, so the bundled artifact is fresh.
    static let defaultHourOfLastDay: TimeInterval = 12 * 3600

    let config: Config
    let database: StateDatabase
    let market: any MarketData
    /// The live-pool artifact the paper exchange treats as the fresh upstream.
    let artifactPath: String
    let now: Date

    var wallet: PaperWallet { PaperWallet(database: database) }
    var store: SQLiteStateStore { SQLiteStateStore(database: database, account: Self.account) }

    /// `PAPER_MARKET_DIR`, else `Fixtures/paper_market` under the working directory, else next to this checkout's sources.
    static func locateMarket(environment: [String: String]) throws -> BundledMarketData {
        if let configured = environment["PAPER_MARKET_DIR"], !configured.isEmpty {
            return try BundledMarketData(directory: URL(fileURLWithPath: configured, isDirectory: true))
        }
        let local = URL(fileURLWithPath: BundledMarketData.defaultDirectory, isDirectory: true)
        if FileManager.default.fileExists(atPath: local.path) { return try BundledMarketData(directory: local) }
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try BundledMarketData(directory: checkout.appendingPathComponent(BundledMarketData.defaultDirectory, isDirectory: true))
    }

    /// `PAPER_INITIAL_BALANCES` such as `USDT=10000,BNB=0.1` (used only when the paper wallet is new).
    static func initialBalances(environment: [String: String]) throws -> [String: Decimal] {
        guard let raw = environment["PAPER_INITIAL_BALANCES"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            return PaperWallet.defaultInitialBalances
        }
        var balances: [String: Decimal] = [:]
        for item in raw.split(separator: ",") {
            let parts = item.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, parts[0] == parts[0].uppercased(),
                  let amount = Decimal(string: parts[1], locale: Locale(identifier: "en_US_POSIX")), amount >= 0 else {
                throw ConfigurationError(variable: "PAPER_INITIAL_BALANCES", value: raw, expected: "ASSET=AMOUNT pairs separated by commas, e.g. USDT=10000,BNB=0.1")
            }
            balances[parts[0]] = amount
        }
        return balances
    }

    /// Funds a new wallet, then runs one cycle. `host`/`processId` go into the lease.
    func runCycle(runId: String, dryRun: Bool, initialBalances: [String: Decimal]) async throws -> CycleOutcome {
        if !dryRun { try await wallet.fundIfNew(initialBalances) }
        let exchange = FaultInjectingExchange.wrapIfRequested(PaperExchange(wallet: wallet, market: market, now: now))
        let validator = PoolValidator(contract: PoolContract(config: config), messages: MessageCatalog(language: config.notifyLanguage))
        let upstream = FileArtifactSource(path: artifactPath, label: "paper:\(artifactPath)")
        let localFiles = FileArtifactSource.candidates(
            configuredPath: config.artifactFile, workingDirectory: FileManager.default.currentDirectoryPath,
            home: FileManager.default.homeDirectoryForCurrentUser.path
        )
        let dependencies = CycleDependencies(
            exchange: exchange, stateStore: store,
            poolResolver: PoolResolver(upstream: upstream, localFiles: localFiles, validator: validator),
            marketAnalysis: KlineMarketAnalysis(exchange: exchange), notifier: RecordingNotifier(), clock: FixedClock(now),
            cycleIndicators: FileCycleIndicatorSource.locate(configuredPath: config.btcCycleIndicatorsPath,
                                                            workingDirectory: FileManager.default.currentDirectoryPath),
            wallClock: SystemClock(), logger: Logger(label: "cycle")
        )
        return await TradingCycle(config: config, dependencies: dependencies, runId: runId, dryRun: dryRun).run()
    }
}
