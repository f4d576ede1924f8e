import Foundation
import Testing
import Engine

/// docs/replay.md: the original's replay fixtures give the reference result, byte-identically every time.
@Suite struct ReferenceReplayTests {
    var sharedAvailable: Bool { CycleBinary.sharedFixturesAvailable }

    /// Skipped (and reported as skipped) where ../shared is absent: it is not part of every checkout.
    @Test(.enabled(if: CycleBinary.sharedFixturesAvailable, "needs ../shared/fixtures/upstream_cycle_replay"))
    func originalFixturesGiveTheReferenceResult() throws {
        let output = try CycleBinary.replay(CycleBinary.sharedFixtures, runId: "bar")
        #expect(output.exitCode == 0, "\(output.stderr)")
        let report = try #require(output.report)
        #expect(report["status"] == "ok" && report["dry_run"] == .bool(true))
        #expect(report["side_effect_summary"]?["executed_call_count"] == .int(0))
        #expect((report["side_effect_summary"]?["suppressed_call_count"]?.numberValue ?? 0) > 0)
        #expect(report["selected_symbols"]?["active_trend_pool"]?.strings == ["ETHUSDT", "SOLUSDT", "XRPUSDT", "LTCUSDT", "BCHUSDT"])
        let trades = report["buy_sell_intents"]?.objects ?? []
        #expect(trades.count >= 2)
        #expect(trades.prefix(2).map { $0["symbol"]?.stringValue } == ["ETHUSDT", "SOLUSDT"])
        #expect(trades.prefix(2).map { $0["action"]?.stringValue } == ["buy", "buy"])
        #expect(trades.prefix(2).map { $0["quantity"] } == [.double(0.19), .double(2.53)])
        let dca = report["btc_dca_intents"]?.objects ?? []
        #expect(dca.count == 1)
        #expect(dca.first?["action"] == "buy" && dca.first?["quantity"] == .double(0.0004))
        #expect(dca.first?["budget"] == .double(30) && dca.first?["ahr999"] == .double(0.7))
        let earn = report["redemption_subscription_intents"]?.objects ?? []
        #expect(earn.first?["action"] == "subscribe" && earn.first?["amount"] == .double(71.5))
    }

    @Test func sameCommandTwiceIsByteIdentical() throws {
        let fixtures = sharedAvailable ? CycleBinary.sharedFixtures : CycleBinary.bundledFixtures
        let first = try CycleBinary.replay(fixtures, runId: "bar")
        let second = try CycleBinary.replay(fixtures, runId: "bar")
        #expect(first.exitCode == 0)
        #expect(!first.stdout.isEmpty && first.stdout == second.stdout)
    }

    @Test func stateLoadFailureInTheSameSetupAbortsWithNothingDone() throws {
        let source = sharedAvailable ? CycleBinary.sharedFixtures : CycleBinary.bundledFixtures
        let fixtures = try CycleBinary.copy(source)
        defer { try? FileManager.default.removeItem(at: fixtures) }
        try Data("{\"daily_equity_base\": ".utf8).write(to: fixtures.appendingPathComponent("initial_state_snapshot.json"))
        let output = try CycleBinary.replay(fixtures)
        #expect(output.exitCode == 2)
        let report = try #require(output.report)
        #expect(report["status"] == "aborted")
        #expect(report["buy_sell_intents"]?.objects.isEmpty == true && report["btc_dca_intents"]?.objects.isEmpty == true)
        #expect(report["redemption_subscription_intents"]?.objects.isEmpty == true)
        #expect(report["state_write_intents"]?.objects.isEmpty == true)
        let error = try #require(report["error_summary"]?["errors"]?.objects.first)
        #expect(error["stage"] == "state_load")
        #expect(error["message"]?.stringValue?.hasPrefix(String(MessageCatalog(language: .en).text(.stateLoadFailed).prefix { $0 != "{" })) == true)
        #expect(error["message"]?.stringValue?.contains("initial_state_snapshot.json") == true)
    }

    @Test func stateOutAndOutputWriteTheReportAndThePersistedState() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cycle-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let reportFile = directory.appendingPathComponent("report.json")
        let stateFile = directory.appendingPathComponent("state.json")
        let output = try CycleBinary.replay(CycleBinary.bundledFixtures, extra: ["--output", reportFile.path, "--state-out", stateFile.path])
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(try String(contentsOf: reportFile, encoding: .utf8) == output.stdout)
        let state = try JSONParser.parse(try Data(contentsOf: stateFile))
        #expect(state["trend_pool_source"] == "fresh_upstream")
        #expect(state["last_reset_date"] == "2026-03-15")
        #expect(state["trend_pool_last_good_payload"]?["pool_size"] == .int(5))
        #expect(state["trend_pool_loaded_at"] == "2026-03-15T00:00:00+00:00")
    }
}
