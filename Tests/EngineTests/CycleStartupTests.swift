import Foundation
import Testing
import Engine
import Strategy

/// docs/strategy.md#the-cycle-step-by-step steps 1–3 and 15.
@Suite struct CycleStartupTests {
    @Test func unreachableExchangeAbortsAtClientStageWithAnAlertAndNoWrites() async {
        let scenario = Scenario()
        scenario.exchange.connectError = TestFailure(description: "connection refused")
        let result = await scenario.run()
        #expect(result.report.status == .aborted)
        #expect(result.report.errors.map(\.stage) == [.client])
        #expect(result.report.errors.first?.message.contains("connection refused") == true)
        #expect(await result.store.writes.isEmpty)
        #expect(await result.notifier.messages.first?.hasPrefix("❌ 【API Connection Failed】") == true)
        #expect(result.outcome.finalState == nil)
    }

    @Test func stateLoadFailureAbortsWithTheRemedyAndTouchesNothing() async {
        var scenario = Scenario()
        scenario.stateLoadError = TestFailure(description: "permission denied")
        let result = await scenario.run()
        #expect(result.report.status == .aborted)
        #expect(result.report.errors.map(\.stage) == [.stateLoad])
        #expect(result.report.errors[0].message == MessageCatalog(language: .en).text(.stateLoadFailed, [.error: "permission denied"]))
        #expect(result.report.errors[0].message.contains("credentials"))
        #expect(result.report.tradeIntents.isEmpty && result.report.dcaIntents.isEmpty && result.report.stateWriteReasons.isEmpty)
        #expect(result.exchange.orders.isEmpty)
    }

    @Test func poolMetadataIsWrittenFirstAndTheCycleCompletesWithAFinalWrite() async {
        let result = await Scenario().run()
        #expect(result.report.status == .ok)
        let reasons = await result.store.writeReasons
        #expect(reasons.first == "trend_pool_metadata_refresh")
        #expect(reasons.last == "cycle_complete")
        #expect(reasons == result.report.stateWriteReasons)
        #expect(result.report.logLines.first == MessageCatalog(language: .en).text(.trendPoolSourceLine, [.sourceKind: "fresh_upstream", .mode: "core_major", .version: "2026-03-10-core_major", .asOfDate: "2026-03-10", .sourceProject: "tests"]))
    }

    @Test func unexpectedFailureIsAnExecuteCycleErrorWithACrashAlert() async {
        var scenario = Scenario()
        scenario.btc = BTCSnapshot(ma200: 0, zscore: 0, geom200: 0, sellTrigger: 0, ma200Slope: 0, ahr999: 0, btcRoc20: nil, btcRoc60: nil, btcRoc120: nil, regimeOn: false)
        scenario.exchange.prices["SOLUSDT"] = nil
        let result = await scenario.run()
        #expect(result.report.status == .error)
        #expect(result.report.errors.map(\.stage) == [.executeCycle])
        #expect(result.report.errors[0].message.contains("SOLUSDT"))
        #expect(await result.notifier.messages.last?.hasPrefix("❌ 【System Crash】") == true)
        #expect(result.exchange.orders.isEmpty)
    }

    @Test(arguments: [Double.nan, -1, 0])
    func unusablePriceIsRejectedNamingTheSymbol(_ price: Double) async {
        let scenario = Scenario()
        scenario.exchange.prices["XRPUSDT"] = price
        let result = await scenario.run()
        #expect(result.report.status == .error)
        #expect(result.report.errors.first?.message.contains("XRPUSDT") == true)
        #expect(result.exchange.orders.isEmpty)
    }

    @Test func negativeBalanceIsRejectedNamingTheAsset() async {
        let scenario = Scenario()
        scenario.exchange.spot["USDT"] = SpotBalance(free: -5, locked: 0)
        let result = await scenario.run()
        #expect(result.report.status == .error)
        #expect(result.report.errors.first?.message.contains("USDT") == true)
    }

    @Test func missingBTCSnapshotRetriesThenFails() async {
        var scenario = Scenario()
        scenario.config.btcSnapshotMaxAttempts = 3
        let clock = FixedClock(Scenario.now)
        let validator = PoolValidator(contract: PoolContract(config: scenario.config), messages: MessageCatalog(language: .en))
        let dependencies = CycleDependencies(
            exchange: scenario.exchange, stateStore: InMemoryStateStore(),
            poolResolver: PoolResolver(upstream: StaticArtifactSource(label: "x", payload: Scenario.payload(asOf: "2026-03-10")), localFiles: [], validator: validator),
            marketAnalysis: FixedMarketAnalysis(btc: nil, indicators: [:]), notifier: RecordingNotifier(), clock: clock
        )
        let outcome = await TradingCycle(config: scenario.config, dependencies: dependencies, runId: "r", dryRun: false).run()
        #expect(outcome.report.status == .error)
        #expect(outcome.report.errors.first?.message == MessageCatalog(language: .en).text(.btcIndicatorsInsufficient))
        #expect(clock.sleeps == [5, 15])
    }

    @Test func earnReadFailureCountsAsZeroAndIsLogged() async {
        let scenario = Scenario()
        scenario.exchange.earnError = TestFailure(description: "earn down")
        let result = await scenario.run()
        #expect(result.report.status == .ok)
        #expect(result.report.logLines.contains { $0.hasPrefix("⚠️ ") && $0.hasSuffix("earn down") })
    }
}

@Suite struct CycleStateDocumentTests {
    @Test func wrongTypedStateKeyAbortsAtStateLoadWithNothingWritten() async {
        var scenario = Scenario()
        scenario.state = ["daily_equity_base": "a lot"]
        let result = await scenario.run()
        #expect(result.report.status == .aborted)
        #expect(result.report.errors.map(\.stage) == [.stateLoad])
        #expect(result.report.errors.first?.message.contains("daily_equity_base") == true)
        #expect(await result.store.writes.isEmpty)
        #expect(result.exchange.orders.isEmpty)
    }
}
