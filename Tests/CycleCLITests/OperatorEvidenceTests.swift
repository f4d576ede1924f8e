import Engine
import Foundation
import GRDB
import Testing
import TestSupport

/// Issue 15 / docs/commands.md#evidence-for-operators (part): the order journal for people, health for monitors, retention.
@Suite struct OperatorEvidenceTests {
    let stateDirectory = CycleBinary.scratchStateDirectory()

    func cycle(_ arguments: [String] = [], environment: [String: String] = [:]) throws -> CycleBinary.Output {
        try CycleBinary.run(arguments + ["--state-dir", stateDirectory.path], environment: environment)
    }

    func sql<T>(_ body: @escaping @Sendable (Database) throws -> T) throws -> T {
        try DatabaseQueue(path: stateDirectory.appendingPathComponent("cycle.sqlite").path).write(body)
    }

    @Test func aKilledRunsOrderIsPendingWithItsNextActionUntilTheNextCycleSettlesIt() throws {
        let crashed = try cycle(["--run-id", "crashed-run"], environment: ["CYCLE_TEST_FAULT": "kill-after-order"])
        #expect(crashed.killedBySignal)
        let clientId = try sql { try #require(try String.fetchOne($0, sql: "SELECT client_order_id FROM paper_order")) }

        let pending = try JSONParser.parse(Data(try cycle(["orders", "--pending", "--json"]).stdout.utf8)).arrayValue ?? []
        #expect(pending.count == 1)
        #expect(pending.first?["client_order_id"]?.stringValue == clientId)
        #expect(pending.first?["state"] == "intent")
        #expect(pending.first?["next_action"]?.stringValue?.contains("client id") == true)
        #expect(try cycle(["orders", "--pending"]).stdout.contains(clientId), "the table lists it too")

        #expect(try cycle(["--run-id", "next-run"]).exitCode == 0)
        let after = try JSONParser.parse(Data(try cycle(["orders", "--pending", "--json"]).stdout.utf8)).arrayValue ?? []
        #expect(after.isEmpty, "settled by the next cycle")
        let all = try JSONParser.parse(Data(try cycle(["orders", "--json"]).stdout.utf8)).arrayValue ?? []
        #expect(all.contains { $0["client_order_id"]?.stringValue == clientId && $0["state"] == "settled" && $0["next_action"] == .null })
    }

    @Test func healthIsOkOnlyAfterARecentOkCycle() throws {
        let none = try cycle(["health"])
        #expect(none.exitCode == 1 && none.stdout.contains("no cycle"))
        #expect(try cycle([]).exitCode == 0)
        let healthy = try cycle(["health", "--max-age", "1h"])
        #expect(healthy.exitCode == 0, "\(healthy.stdout)")
        #expect(healthy.stdout.hasPrefix("healthy"))
        try sql { try $0.execute(sql: "UPDATE execution_report SET saved_at = '2020-01-01T00:00:00+00:00'") }
        let stale = try cycle(["health", "--max-age", "2h"])
        #expect(stale.exitCode == 1 && stale.stdout.contains("longer ago than 2h"))
        #expect(try cycle(["health", "--max-age", "soon"]).exitCode == 64)
    }

    @Test func pruneRemovesOldRowsButNeverTheDocumentOrAnUnsettledEntry() throws {
        _ = try cycle(["--run-id", "crashed-run"], environment: ["CYCLE_TEST_FAULT": "kill-after-order"])
        #expect(try cycle(["--run-id", "later-run"], environment: ["CYCLE_TEST_FAULT": "kill-after-order"]).killedBySignal)
        try sql { db in
            // Everything looks a year old: reports, history, lease events, and the journal.
            try db.execute(sql: "UPDATE execution_report SET saved_at = '2025-01-01T00:00:00+00:00'")
            try db.execute(sql: "UPDATE state_write SET written_at = '2025-01-01T00:00:00+00:00'")
            try db.execute(sql: "UPDATE lease_event SET at = '2025-01-01T00:00:00+00:00'")
            try db.execute(sql: "UPDATE order_journal SET created_at = '2025-01-01T00:00:00+00:00'")
        }
        let unsettled = try sql { try Int.fetchOne($0, sql: "SELECT count(*) FROM order_journal WHERE settled_at IS NULL") ?? 0 }
        #expect(unsettled >= 1)
        let pruned = try cycle(["state", "prune", "--days", "30"])
        #expect(pruned.exitCode == 0, "\(pruned.stderr)")
        #expect(try sql { try Int.fetchOne($0, sql: "SELECT count(*) FROM execution_report") } == 0)
        #expect(try sql { try Int.fetchOne($0, sql: "SELECT count(*) FROM state_write") } == 1, "the newest write is kept")
        #expect(try sql { try Int.fetchOne($0, sql: "SELECT count(*) FROM order_journal WHERE settled_at IS NULL") } == unsettled)
        #expect(try sql { try Int.fetchOne($0, sql: "SELECT count(*) FROM order_journal WHERE settled_at IS NOT NULL") } == 0)
        #expect(try cycle(["state", "show"]).exitCode == 0, "the state document is kept")
        #expect(try cycle(["state", "prune", "--days", "0"]).exitCode == 64)
    }

    @Test func aCycleEndsWithAPingToTheHealthcheckURL() async throws {
        let peer = try await FakeBinance.launch()
        let url = await peer.baseURL.appendingPathComponent("ping/abc").absoluteString
        // Run off the cooperative pool, so the fake can answer the ping (bounded to 10 s) meanwhile.
        let running = try CycleBinary.start(["--state-dir", stateDirectory.path], environment: ["HEALTHCHECK_PING_URL": url])
        let pinged = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: running.finish()) }
        }
        #expect(pinged.exitCode == 0)
        #expect(await peer.requestCount("GET /ping/abc") == 1)
        #expect(try cycle(["--json"], environment: ["HEALTHCHECK_PING_URL": "http://user:pw@127.0.0.1:1/x"]).exitCode == 64)
        await peer.stop()
    }

    /// `cycle reconcile` and the end of every paper cycle: agree after normal cycles; a position
    /// removed and an untracked coin added behind the engine's back give one failure each.
    @Test func reconcileFindsEachChangeMadeBehindTheEnginesBack() throws {
        let now = ["--now", "2026-10-31T12:00:00Z"]
        let first = try #require(try cycle(["run", "--json"] + now).report)
        #expect(first["reconciliation"]?["is_ok"] == true, "\(first["reconciliation"] ?? .null)")
        let agreeing = try cycle(["reconcile", "--json"] + now)
        #expect(agreeing.exitCode == 0, "\(agreeing.stdout) \(agreeing.stderr)")
        #expect(try JSONParser.parse(Data(agreeing.stdout.utf8))["is_ok"] == true)

        let document = try JSONParser.parse(Data(try cycle(["state", "show"]).stdout.utf8))
        let removed = try #require(Scenario.held(in: document).first, "the first cycle bought something")
        let removedAsset = String(removed.dropLast(4))
        let candidates = ["DOGEUSDT", "ADAUSDT", "XRPUSDT", "LTCUSDT", "ATOMUSDT", "TRXUSDT"]
        let added = try #require(candidates.first { !Scenario.held(in: document).contains($0) })
        let addedAsset = String(added.dropLast(4))
        try sql { db in
            try db.execute(sql: "UPDATE paper_balance SET free = '0' WHERE asset = ?", arguments: [removedAsset])
            try db.execute(sql: "INSERT OR REPLACE INTO paper_balance (asset, free, locked) VALUES (?, '100000', '0')", arguments: [addedAsset])
        }
        let disagreeing = try cycle(["reconcile", "--json"] + now)
        #expect(disagreeing.exitCode == 1)
        let result = try JSONParser.parse(Data(disagreeing.stdout.utf8))
        #expect(result["is_ok"] == false)
        let failures = result["failures"]?.arrayValue ?? []
        #expect(failures.count == 2, "\(failures)")
        #expect(failures.contains { $0["kind"] == "held_in_state_not_on_exchange" && $0["symbol"]?.stringValue == removed })
        #expect(failures.contains { $0["kind"] == "untracked_position" && $0["symbol"]?.stringValue == added })

        let next = try #require(try cycle(["run", "--json", "--now", "2026-10-31T13:00:00Z"]).report)
        let reported = next["reconciliation"]?["failures"]?.arrayValue ?? []
        #expect(next["reconciliation"]?["is_ok"] == false)
        #expect(reported.contains { $0["kind"] == "untracked_position" && $0["symbol"]?.stringValue == added })
    }
}

