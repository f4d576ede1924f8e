import Foundation
import Testing
import Engine

/// docs/strategy.md#the-ladder–4.4 end to end: every rung reachable from replay fixtures.
@Suite struct LadderReplayTests {
    func replay(_ scenario: String) throws -> (CycleBinary.Output, JSONValue) {
        let output = try CycleBinary.replay(CycleBinary.bundledFixtures.appendingPathComponent(scenario))
        return (output, try #require(output.report, "no report: \(output.stderr)"))
    }

    func expectDegraded(_ report: JSONValue, rung: String) {
        #expect(report["diagnostics"]?["pool_resolution"]?["rung"]?.stringValue == rung)
        #expect(report["degraded_mode_level"]?.stringValue == rung)
        let paused = report["gating_events"]?.objects.first { $0["gate"] == "trend_buy_paused_degraded_mode" }
        #expect(paused?["detail"]?.stringValue == rung)
        #expect(report["buy_sell_intents"]?.objects.filter { $0["action"] == "buy" && $0["category"] == "trend" }.isEmpty == true)
    }

    @Test func healthyBundleTradesOnFreshUpstream() throws {
        let (output, report) = try replay(".")
        #expect(output.exitCode == 0)
        #expect(report["diagnostics"]?["pool_resolution"]?["rung"] == "fresh_upstream")
        #expect(report["degraded_mode_level"] == .null)
        let actions = report["buy_sell_intents"]?.objects.map { "\($0["action"]?.stringValue ?? "") \($0["symbol"]?.stringValue ?? "")" }
        #expect(actions?.contains("sell AVAXUSDT") == true)
        #expect(actions?.filter { $0.hasPrefix("buy") }.count == 2)
    }

    @Test func staleUpstreamWithLastKnownGoodStillSells() throws {
        let (output, report) = try replay("stale_upstream_with_lkg")
        #expect(output.exitCode == 0)
        expectDegraded(report, rung: "last_known_good")
        #expect(report["buy_sell_intents"]?.objects.contains { $0["action"] == "sell" } == true)
        let messages = report["diagnostics"]?["pool_resolution"]?["messages"]?.strings ?? []
        #expect(messages.first?.hasPrefix(String(MessageCatalog(language: .en).text(.payloadStaleByDays).prefix { $0 != "{" })) == true)
    }

    @Test func noLastKnownGoodFallsToTheLocalFile() throws {
        let (output, report) = try replay("local_file_rung")
        #expect(output.exitCode == 0)
        expectDegraded(report, rung: "local_file")
        #expect(report["diagnostics"]?["pool_resolution"]?["source_detail"]?.stringValue?.hasSuffix("local_artifact.json") == true)
    }

    @Test func nothingValidFallsToTheStaticUniverse() throws {
        let (output, report) = try replay("static_rung")
        #expect(output.exitCode == 0)
        expectDegraded(report, rung: "static")
        #expect(report["upstream_pool_symbols"]?.strings.prefix(11) == ["ETHUSDT", "SOLUSDT", "XRPUSDT", "LINKUSDT", "AVAXUSDT", "ADAUSDT",
                                                                         "DOGEUSDT", "TRXUSDT", "ATOMUSDT", "LTCUSDT", "BCHUSDT"])
    }

    @Test func malformedPoolFileFallsDownTheLadderNamingTheFile() throws {
        let (output, report) = try replay("malformed_pool")
        #expect(output.exitCode == 0)
        expectDegraded(report, rung: "local_file")
        #expect(report["diagnostics"]?["pool_resolution"]?["messages"]?.strings.first?.contains("pool_input_snapshot.json") == true)
    }
}
