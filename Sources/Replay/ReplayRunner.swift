import Engine
import Foundation
import Strategy

/// Builds and runs one fixed-input dry-run cycle from a fixture folder (docs/replay.md).
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
        try await Self.run(ReplayFixtures(directory: fixturesDirectory), config: config, runId: runId, now: now)
    }

    /// A recorded cycle, offline, at its recorded moment (`cycle replay --recorded`): the same
    /// dry-run cycle over the recording's files, with its BTC cycle-indicator overrides.
    public static func run(recorded: RecordedFixture, config: Config, runId: String) async throws -> CycleOutcome {
        try await run(ReplayFixtures(recorded: recorded), config: recorded.applied(to: config), runId: runId, now: recorded.now,
                      cycleIndicators: recorded.cycleIndicatorOverrides.map { RecordedCycleIndicators(fields: $0) })
    }

    private static func run(_ fixtures: ReplayFixtures, config: Config, runId: String, now: Date,
                            cycleIndicators: (any CycleIndicatorSource)? = nil) async throws -> CycleOutcome {
        let exchange = ReplayExchange(account: fixtures.account, klinesDirectory: fixtures.klinesDirectory, now: now)
        let assembly = CycleAssembly(
            config: config, exchange: exchange, store: fixtures.stateStore(), upstream: fixtures.upstream(),
            localArtifacts: fixtures.localFiles(), marketAnalysis: try fixtures.marketAnalysis(exchange: exchange), clock: FixedClock(now),
            cycleIndicators: cycleIndicators
        )
        return await assembly.cycle(runId: runId, dryRun: true).run()
    }
}

/// The BTC cycle-indicator overrides a recorded cycle read from its file.
struct RecordedCycleIndicators: CycleIndicatorSource {
    let fields: [String: Double]
    var label: String { "recorded:cycle_indicators" }
    func load() async throws -> [String: Double] { fields }
}
