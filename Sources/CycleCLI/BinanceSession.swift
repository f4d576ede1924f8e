import Binance
import Engine
import Foundation
import LocalStore
import Logging

/// A cycle on Binance: the REST adapter; the deployment's store (the local store, or Firestore
/// for everything); the artifact ladder with Firestore as its upstream rung when Google
/// credentials are set; alerts on Telegram when configured.
struct BinanceSession {
    let settings: Settings
    let store: any DeploymentStore
    let account: String
    let peers: Peers

    /// One cycle. The Simple Earn product ids the store remembers spare the product list (weight
    /// 150); ids looked up or found stale during the cycle are remembered for the next (not in a dry run).
    func runCycle(client: BinanceClient, runId: String, dryRun: Bool) async -> CycleOutcome {
        let remembered = (try? await store.earnProducts()) ?? [:]
        let products = EarnProductMemory(remembered: remembered)
        let outcome = await runCycle(client: client, products: products, runId: runId, dryRun: dryRun)
        let known = await products.snapshot
        if !dryRun, known != remembered {
            do { try await store.rememberEarnProducts(known) } catch {
                Logger(label: "cycle").warning("earn products not remembered", metadata: ["error": .string("\(error)")])
            }
        }
        return outcome
    }

    private func runCycle(client: BinanceClient, products: EarnProductMemory, runId: String, dryRun: Bool) async -> CycleOutcome {
        let exchange = settings.testHooks.wrap(BinanceExchange(client: client, earnProducts: products, logger: Logger(label: "cycle.binance")))
        var assembly = CycleAssembly(
            config: settings.cycle, exchange: exchange, store: store, upstream: peers.upstream,
            localArtifacts: LocalArtifacts.candidates(settings.cycle), notifier: peers.notifier, clock: SystemClock(),
            cycleIndicators: LocalArtifacts.cycleIndicators(settings.cycle), logger: Logger(label: "cycle")
        )
        assembly.account = account
        assembly.reconcilesAtEnd = true
        return await assembly.cycle(runId: runId, dryRun: dryRun).run()
    }
}

/// The local-file rung's candidates and the BTC cycle-indicator file, from the working folder and home.
enum LocalArtifacts {
    static func candidates(_ config: Config) -> [any ArtifactSource] {
        FileArtifactSource.candidates(configuredPath: config.artifactFile, workingDirectory: FileManager.default.currentDirectoryPath,
                                      home: FileManager.default.homeDirectoryForCurrentUser.path)
    }

    static func cycleIndicators(_ config: Config) -> (any CycleIndicatorSource)? {
        FileCycleIndicatorSource.locate(configuredPath: config.btcCycleIndicatorsPath, workingDirectory: FileManager.default.currentDirectoryPath)
    }
}
