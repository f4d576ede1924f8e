import Foundation
import Testing
import Engine
import LocalStore

/// docs/strategy.md#the-ladder rung 3 candidates and docs/strategy.md#btc-snapshot cycle-indicator overrides, on real files.
@Suite struct LocalFileSourcesTests {
    func temporaryFile(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("engine-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func configuredFileComesFirstThenConventionalLocations() {
        let paths = FileArtifactSource.candidates(configuredPath: "/etc/pool.json", workingDirectory: "/srv", home: "/home/op").map(\.path)
        #expect(paths.first == "/etc/pool.json")
        #expect(paths.contains("/srv/CryptoLivePoolPipelines/data/output/live_pool_legacy.json"))
        #expect(paths.contains("/home/op/CryptoLivePoolPipelines/data/output/live_pool_legacy.json"))
        #expect(Set(paths).count == paths.count)
    }

    @Test func missingAndMalformedFilesAreRungFailuresThatNameThePath() async throws {
        let missing = FileArtifactSource(path: "/nonexistent/pool.json")
        #expect(try await missing.fetch() == .missing(reason: "pool file not found: /nonexistent/pool.json"))
        let broken = try temporaryFile("{not json")
        defer { try? FileManager.default.removeItem(at: broken) }
        await #expect(throws: ArtifactReadError.self) { try await FileArtifactSource(path: broken.path).fetch() }
    }

    @Test func cycleIndicatorFileOverridesAhr999AndIsLogged() async throws {
        let file = try temporaryFile(#"{"ahr999": 0.4, "mayer_multiple": 0.9, "mvrv_zscore": null, "note": "x"}"#)
        defer { try? FileManager.default.removeItem(at: file) }
        var scenario = Scenario()
        let validator = PoolValidator(contract: PoolContract(config: scenario.config), messages: MessageCatalog(language: .en))
        scenario.config.btcCycleIndicatorsPath = file.path
        let dependencies = CycleDependencies(
            exchange: scenario.exchange, stateStore: InMemoryStateStore(),
            poolResolver: PoolResolver(upstream: StaticArtifactSource(label: "x", payload: Scenario.payload(asOf: "2026-03-10")), localFiles: [], validator: validator),
            marketAnalysis: FixedMarketAnalysis(btc: scenario.btc, indicators: Scenario.referenceIndicators),
            notifier: RecordingNotifier(), clock: FixedClock(Scenario.now),
            cycleIndicators: FileCycleIndicatorSource.locate(configuredPath: file.path, workingDirectory: "/nonexistent")
        )
        let outcome = await TradingCycle(config: scenario.config, dependencies: dependencies, runId: "r", dryRun: true).run()
        #expect(outcome.report.diagnostics.btcSnapshot?.ahr999 == 0.4)
        #expect(outcome.report.diagnostics.btcSnapshot?.extras == ["mayer_multiple": 0.9])
        // ahr999 0.4 → multiplier 5 → budget min(130.36, 75) = 75.
        #expect(outcome.report.dcaIntents.first?.budget == 75)
        #expect(outcome.report.logLines.contains { $0.hasPrefix(String(MessageCatalog(language: .en).text(.btcCycleIndicatorsLoaded, [.path: "|"]).prefix { $0 != "|" })) })
    }

    @Test func unreadableCycleIndicatorFileIsIgnoredWithALogLine() async throws {
        let scenario = Scenario()
        let validator = PoolValidator(contract: PoolContract(config: scenario.config), messages: MessageCatalog(language: .en))
        let dependencies = CycleDependencies(
            exchange: scenario.exchange, stateStore: InMemoryStateStore(),
            poolResolver: PoolResolver(upstream: StaticArtifactSource(label: "x", payload: Scenario.payload(asOf: "2026-03-10")), localFiles: [], validator: validator),
            marketAnalysis: FixedMarketAnalysis(btc: scenario.btc, indicators: Scenario.referenceIndicators),
            notifier: RecordingNotifier(), clock: FixedClock(Scenario.now),
            cycleIndicators: FileCycleIndicatorSource(path: "/nonexistent/btc_cycle_indicators.json")
        )
        let outcome = await TradingCycle(config: scenario.config, dependencies: dependencies, runId: "r", dryRun: true).run()
        #expect(outcome.report.status == .ok)
        #expect(outcome.report.diagnostics.btcSnapshot?.ahr999 == 0.7)
        #expect(outcome.report.logLines.contains { $0.hasPrefix(MessageCatalog(language: .en).text(.btcCycleIndicatorsFailed, [.path: "/nonexistent/btc_cycle_indicators.json", .error: ""])) })
    }
}
