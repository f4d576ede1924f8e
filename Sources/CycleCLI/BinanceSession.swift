import Binance
import Engine
import Foundation
import Logging
import LocalStore
import Paper
import Signing

/// A cycle on Binance: the REST adapter; the local store or Firestore for state and lease (the
/// journal and reports always local); the artifact ladder with Firestore as its upstream rung
/// when Google credentials are set; alerts on Telegram when configured.
struct BinanceSession {
    let config: Config
    let database: StateDatabase
    let account: String
    let peers: Peers

    /// The local store: journal, reports, and the state document unless it lives in Firestore.
    var localStore: SQLiteStateStore { SQLiteStateStore(database: database, account: account) }

    /// The signed client the configuration describes; a key file that cannot be used is a configuration error.
    static func client(config: Config) throws -> BinanceClient {
        guard let credentials = config.binanceCredentials else {
            return BinanceClient(configuration: clientConfiguration(config), logger: Logger(label: "cycle.binance"))
        }
        var configuration = clientConfiguration(config)
        configuration.apiKey = credentials.apiKey
        if let secret = credentials.apiSecret {
            configuration.signer = .hmac(secret: secret)
        } else if let path = credentials.privateKeyFile {
            configuration.signer = .privateKey(try PrivateKey.load(path: path))
        }
        return BinanceClient(configuration: configuration, logger: Logger(label: "cycle.binance"))
    }

    static func clientConfiguration(_ config: Config) -> BinanceClientConfiguration {
        let environment = ProcessInfo.processInfo.environment
        var configuration = BinanceClientConfiguration(baseURL: URL(string: config.binanceBaseURL)!,
                                                       recvWindowMilliseconds: config.binanceRecvWindowMilliseconds)
        // Test-only knobs (the end-to-end tests shorten the waits); not documented for operators.
        if let timeout = environment["CYCLE_TEST_HTTP_TIMEOUT_SECONDS"].flatMap(Double.init) { configuration.timeoutSeconds = timeout }
        if environment["CYCLE_TEST_SHORT_WAITS"] == "1" { configuration.orderLookupDelays = [0.05, 0.1] }
        return configuration
    }

    func runCycle(client: BinanceClient, runId: String, dryRun: Bool) async -> CycleOutcome {
        let exchange = FaultInjectingExchange.wrapIfRequested(BinanceExchange(client: client))
        let validator = PoolValidator(contract: PoolContract(config: config), messages: MessageCatalog(language: config.notifyLanguage))
        let localFiles = FileArtifactSource.candidates(
            configuredPath: config.artifactFile, workingDirectory: FileManager.default.currentDirectoryPath,
            home: FileManager.default.homeDirectoryForCurrentUser.path
        )
        let dependencies = CycleDependencies(
            exchange: exchange, stateStore: peers.cycleStore(local: localStore),
            poolResolver: PoolResolver(upstream: peers.upstream, localFiles: localFiles, validator: validator),
            marketAnalysis: KlineMarketAnalysis(exchange: exchange), notifier: peers.notifier, clock: SystemClock(),
            cycleIndicators: FileCycleIndicatorSource.locate(configuredPath: config.btcCycleIndicatorsPath,
                                                            workingDirectory: FileManager.default.currentDirectoryPath),
            logger: Logger(label: "cycle")
        )
        return await TradingCycle(config: config, dependencies: dependencies, runId: runId, dryRun: dryRun).run()
    }
}
