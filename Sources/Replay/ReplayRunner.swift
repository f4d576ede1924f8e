import Engine
import Foundation
import Strategy

/// Builds and runs one fixed-input dry-run cycle from a fixture folder (SPEC §11).
public struct ReplayRunner: Sendable {
    public static let defaultNow = Date(timeIntervalSince1970: 1_773_532_800) // 2026-03-15T00:00:00Z

    public let config: Config
    public let fixturesDirectory: URL
    public let runId: String
    public let now: Date

    public init(config: Config, fixturesDirectory: URL, runId: String, now: Date = ReplayRunner.defaultNow) {
        self.config = config
        self.fixturesDirectory = fixturesDirectory
        self.runId = runId
        self.now = now
    }

    /// Throws `FixtureError` only when the account snapshot (or the market snapshot it needs) is unusable.
    public func run() async throws -> CycleOutcome {
        let fixtures = try ReplayFixtures(directory: fixturesDirectory)
        let exchange = ReplayExchange(account: fixtures.account, klinesDirectory: fixtures.klinesDirectory, now: now)
        let assembly = CycleAssembly(
            config: config, exchange: exchange, store: fixtures.stateStore(), upstream: fixtures.upstream(),
            localArtifacts: fixtures.localFiles(), marketAnalysis: try fixtures.marketAnalysis(exchange: exchange), clock: FixedClock(now)
        )
        return await assembly.cycle(runId: runId, dryRun: true).run()
    }
}
