import Foundation
import Testing
import Engine

/// Issue 12 / docs/strategy.md#payload, docs/strategy.md#the-state-document: a payload's `symbols` object is traded in its published order, and
/// the state document a cycle writes keeps the key order it was read in.
@Suite struct KeyOrderReplayTests {
    @Test func aSymbolsObjectIsTradedInItsPublishedOrder() throws {
        let fixtures = try CycleBinary.copy(CycleBinary.bundledFixtures)
        let published = ["DOGEUSDT", "SOLUSDT", "ETHUSDT", "LINKUSDT", "AVAXUSDT"]
        let payload = """
            {"as_of_date": "2026-03-02", "version": "2026-03-02-core_major", "mode": "core_major", "pool_size": 5,
             "symbols": {\(published.map { "\"\($0)\": {\"base_asset\": \"\($0.dropLast(4))\"}" }.joined(separator: ", "))},
             "source_project": "crypto-live-pool-pipelines"}
            """
        try payload.write(to: fixtures.appendingPathComponent("pool_input_snapshot.json"), atomically: true, encoding: .utf8)
        let output = try CycleBinary.replay(fixtures)
        let report = try #require(output.report, "no report: \(output.stderr)")
        #expect(output.exitCode == 0)
        #expect(report["diagnostics"]?["pool_resolution"]?["rung"] == "fresh_upstream")
        #expect(report["upstream_pool_symbols"]?.strings.prefix(5).map { $0 } == published)
        #expect(report["selected_symbols"]?["active_trend_pool"]?.strings == published)
    }

    @Test func theStateDocumentKeepsItsKeyOrderThroughACycle() throws {
        let fixtures = try CycleBinary.copy(CycleBinary.bundledFixtures)
        let stateURL = fixtures.appendingPathComponent("initial_state_snapshot.json")
        let stored = try #require(try JSONParser.parse(Data(contentsOf: stateURL)).objectValue)
        // Reversed, with a key only an operator's tool knows at the front.
        var shuffled: JSONObject = ["zz_operator_note": "kept first"]
        for key in stored.keys.reversed() { shuffled[key] = stored[key] }
        try JSONWriter.string(.object(shuffled), keys: .asStored).write(to: stateURL, atomically: true, encoding: .utf8)
        let stateOut = FileManager.default.temporaryDirectory.appendingPathComponent("state-out-\(UUID().uuidString).json")
        let output = try CycleBinary.replay(fixtures, extra: ["--state-out", stateOut.path])
        #expect(output.exitCode == 0, "\(output.stderr)")
        let written = try #require(try JSONParser.parse(Data(contentsOf: stateOut)).objectValue)
        let survivors: [String] = written.keys.elements.filter { shuffled[$0] != nil }
        let expected: [String] = shuffled.keys.elements.filter { written[$0] != nil }
        #expect(survivors == expected)
        #expect(written.keys.first == "zz_operator_note")
        #expect(survivors.count >= stored.count - 1, "the cycle kept (nearly) every key it read")
    }
}
