import Engine
import Foundation
import GRDB
import Testing
import TestSupport

/// Issue 15 / docs/commands.md#evidence-for-operators: every request to a peer is audited in the local store, and `cycle
/// stats` sums the audit up; checked against the fake Binance's own request log.
@Suite(.serialized)
struct CallAuditCycleTests {
    @Test func statsShowTheFailingEndpointFromTheAuditRows() async throws {
        let setup = try await BinanceCycleTests.Setup.start()
        await setup.fake.inject(.status(503, code: -1001, message: "Internal error; unable to process your request. Please try again."),
                                on: "GET /api/v3/avgPrice", times: 3)
        await setup.fake.inject(.status(429, code: -1003, message: "Too many requests.", retryAfter: 1), on: "GET /api/v3/exchangeInfo", times: 1)
        let cycle = try await setup.run(["--run-id", "audited"], ["BINANCE_DRY_RUN": "false"])
        #expect(cycle.exitCode == 0, "\(cycle.stderr)")

        let prometheus = setup.state.appendingPathComponent("cycle.prom")
        let output = try await setup.run(["stats", "--json", "--since", "1h", "--prometheus", prometheus.path])
        #expect(output.exitCode == 0, "\(output.stderr)")
        let stats = try JSONParser.parse(Data(output.stdout.utf8))
        let endpoints = stats["endpoints"]?.arrayValue ?? []
        func endpoint(_ name: String) -> JSONValue? { endpoints.first { $0["peer"] == "binance" && $0["endpoint"]?.stringValue == name } }

        // Independently: the fake's own log says how many requests each endpoint got; the
        // injected faults answered the first ones.
        let requests = await setup.fake.requests
        let avgPriceCount = requests.filter { $0.route == "GET /api/v3/avgPrice" }.count
        let avgPrice = try #require(endpoint("GET /api/v3/avgPrice"))
        #expect(avgPrice["count"] == .int(Int64(avgPriceCount)))
        #expect(avgPrice["errors"] == 3)
        #expect(abs((avgPrice["error_pct"]?.numberValue ?? 0) - 300 / Double(avgPriceCount)) < 1e-9)
        #expect(avgPrice["verdict"] == "investigate", "more than 3 % errors")
        let info = try #require(endpoint("GET /api/v3/exchangeInfo"))
        #expect(info["count"] == .int(Int64(requests.filter { $0.route == "GET /api/v3/exchangeInfo" }.count)))
        #expect(info["errors"] == 1)
        #expect(endpoints.reduce(0) { $0 + ($1["peer"] == "binance" ? Int($1["count"]?.numberValue ?? 0) : 0) } == requests.count,
                "every request the fake saw is in the audit")

        // Percentiles, recomputed here from the audit rows (nearest rank).
        let latencies = try await DatabaseQueue(path: setup.state.appendingPathComponent("cycle.sqlite").path).read { db in
            try Double.fetchAll(db, sql: "SELECT latency_ms FROM call_audit WHERE path = '/api/v3/avgPrice' ORDER BY latency_ms")
        }
        #expect(latencies.count == avgPriceCount)
        for (key, p) in [("p50_ms", 0.50), ("p95_ms", 0.95), ("p99_ms", 0.99)] {
            let expected = latencies[Int((p * Double(latencies.count)).rounded(.up)) - 1]
            #expect(avgPrice[key]?.numberValue == expected, "\(key)")
        }
        #expect(stats["cycles"]?["by_status"]?["ok"] == 1)

        let text = try String(contentsOf: prometheus, encoding: .utf8)
        #expect(text.contains("cycle_peer_requests{peer=\"binance\",endpoint=\"GET /api/v3/avgPrice\"} \(avgPriceCount)"))
        // Nothing secret in the audit: no query strings, no signature, no key.
        let dump = try await DatabaseQueue(path: setup.state.appendingPathComponent("cycle.sqlite").path).read { db in
            try String.fetchAll(db, sql: "SELECT path FROM call_audit").joined(separator: " ")
        }
        #expect(!dump.contains("signature") && !dump.contains("?") && !dump.contains(FakeBinance.testAPIKey))
        await setup.fake.stop()
    }
}
