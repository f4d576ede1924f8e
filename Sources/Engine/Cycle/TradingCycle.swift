import Foundation
import Strategy

/// One live trading cycle: the cycle's decisions (`CycleDecisions`, in CycleCore) on a thread of
/// their own, every effect carried out through the ports by the live shell.
public struct TradingCycle: Sendable {
    public let config: Config
    public let dependencies: CycleDependencies
    public let runId: String
    public let dryRun: Bool

    public init(config: Config, dependencies: CycleDependencies, runId: String, dryRun: Bool) {
        self.config = config
        self.dependencies = dependencies
        self.runId = runId
        self.dryRun = dryRun
    }

    /// Runs the cycle on a thread of its own: its decisions are synchronous, and each effect is
    /// carried out through the ports by the live shell (`LiveWorld`), one at a time.
    public func run() async -> CycleOutcome {
        let thread = CycleThread()
        defer { thread.stop() }
        return await run(on: thread)
    }

    /// The same, on a thread the caller keeps for many cycles.
    public func run(on thread: CycleThread) async -> CycleOutcome {
        let bridge = PortBridge(runId: runId)
        let (config, dependencies, runId, dryRun) = (config, dependencies, runId, dryRun)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (finished: CheckedContinuation<CycleOutcome, Never>) in
                thread.perform {
                    let executor = OrderExecutor(exchange: dependencies.exchange, store: dependencies.stateStore, runId: runId, dryRun: dryRun,
                                                 wallClock: dependencies.wallClock, leaseSeconds: config.leaseSeconds, logger: dependencies.logger)
                    let live = LiveWorld(dependencies: dependencies, executor: executor, bridge: bridge,
                                         messages: MessageCatalog(language: config.notifyLanguage))
                    // A cycle that decides (not a dry run) writes down what its decisions read, so it can be replayed.
                    let settings = dependencies.runSettings
                    let recorder = dryRun ? nil : RecordingWorld(wrapping: live, now: settings.now, config: config)
                    var outcome = CycleLogContext.$runId.withValue(runId) {
                        CycleDecisions.run(config: config, settings: settings, world: recorder ?? live, runId: runId, dryRun: dryRun)
                    }
                    live.close()
                    outcome.recordedInputs = recorder?.inputs
                    finished.resume(returning: outcome)
                }
            }
        } onCancel: {
            bridge.cancel()
        }
    }
}
