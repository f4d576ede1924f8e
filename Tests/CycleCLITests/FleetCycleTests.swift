import Engine
import Foundation
import Testing
import TestSupport

/// Issue 23: with `STATE_BACKEND=firestore` a runner keeps nothing. Each "runner" here is the
/// real `cycle` binary with its own empty `CYCLE_STATE_DIR`, deleted after its run; the store is
/// the fake Firestore, the exchange the fake Binance.
@Suite(.serialized)
struct FleetCycleTests {
    typealias Peers = FirestoreCycleTests.Peers
    static let statePath = FirestoreCycleTests.statePath

    /// A fresh, empty folder standing for one ephemeral runner's disk.
    static func emptyRunnerFolder() throws -> URL {
        let folder = CycleBinary.scratchStateDirectory()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func contents(_ folder: URL) -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func whatRunnerALeftIsWhatRunnerBSees() async throws {
        let peers = try await Peers.start()
        let runnerA = try Self.emptyRunnerFolder()
        let live = try await peers.binance.run(["--json", "--run-id", "runner-a"], ["BINANCE_DRY_RUN": "false", "CYCLE_STATE_DIR": runnerA.path])
        #expect(live.exitCode == 0, "\(live.stderr)")
        let sent = await peers.binance.fake.orders.map(\.clientOrderId)
        #expect(!sent.isEmpty, "the cycle traded")
        #expect(Self.contents(runnerA).isEmpty, "the runner's folder holds no store, journal or report: \(Self.contents(runnerA))")
        try FileManager.default.removeItem(at: runnerA)

        let runnerB = try Self.emptyRunnerFolder()
        let onB = ["CYCLE_STATE_DIR": runnerB.path]
        let orders = try await peers.binance.run(["orders", "--json"], onB)
        #expect(orders.exitCode == 0, "\(orders.stderr)")
        let listed = try JSONParser.parse(Data(orders.stdout.utf8)).arrayValue ?? []
        #expect(Set(sent).isSubset(of: Set(listed.compactMap { $0["client_order_id"]?.stringValue })), "B lists A's orders: \(orders.stdout)")
        #expect(listed.allSatisfy { $0["run_id"] == "runner-a" })

        let history = try await peers.binance.run(["state", "history"], onB)
        #expect(history.exitCode == 0 && history.stdout.contains("runner-a") && history.stdout.contains("cycle_complete"), "\(history.stdout) \(history.stderr)")

        let stats = try await peers.binance.run(["stats", "--json"], onB)
        #expect(stats.exitCode == 0, "\(stats.stderr)")
        let endpoints = try JSONParser.parse(Data(stats.stdout.utf8))["endpoints"]?.arrayValue ?? []
        let binanceCalls = endpoints.filter { $0["peer"] == "binance" }.compactMap { $0["count"]?.numberValue }.reduce(0, +)
        #expect(binanceCalls >= Double(sent.count), "B counts A's calls: \(stats.stdout)")
        #expect(try JSONParser.parse(Data(stats.stdout.utf8))["cycles"]?["by_status"]?["ok"] == 1)

        let health = try await peers.binance.run(["health"], onB)
        #expect(health.exitCode == 0 && health.stdout.hasPrefix("healthy") && health.stdout.contains("runner-a"), "\(health.stdout)")
        #expect(Self.contents(runnerB).isEmpty, "reading wrote nothing on B either: \(Self.contents(runnerB))")
        await peers.stop()
    }

    /// Issue #24 on a fleet: runner A's cycle recorded its inputs in Firestore; runner B, with
    /// an empty folder and without asking the exchange anything, replays it to the same orders.
    @Test func runnerBReplaysWhatRunnerADecidedFromFirestore() async throws {
        let peers = try await Peers.start()
        let runnerA = try Self.emptyRunnerFolder()
        let live = try await peers.binance.run(["--json", "--run-id", "recorded-a"], ["BINANCE_DRY_RUN": "false", "CYCLE_STATE_DIR": runnerA.path])
        #expect(live.exitCode == 0, "\(live.stderr)")
        let sent = await peers.binance.fake.orders.count
        #expect(sent > 0)
        try FileManager.default.removeItem(at: runnerA)
        let weightBefore = await peers.binance.fake.weightByRoute.values.reduce(0, +)

        let runnerB = try Self.emptyRunnerFolder()
        let replayed = try await peers.binance.run(["replay", "--recorded", "--run-id", "recorded-a"], ["CYCLE_STATE_DIR": runnerB.path])
        #expect(replayed.exitCode == 0, "\(replayed.stderr)")
        let intents = (replayed.report?["buy_sell_intents"]?.arrayValue?.count ?? 0) + (replayed.report?["btc_dca_intents"]?.arrayValue?.count ?? 0)
        #expect(intents == sent, "one intent per order runner A sent")
        #expect(replayed.stderr.contains("recorded replay of recorded-a:"))
        #expect(Self.contents(runnerB).isEmpty, "the replay wrote nothing on B: \(Self.contents(runnerB))")
        #expect(await peers.binance.fake.weightByRoute.values.reduce(0, +) == weightBefore, "the replay asked the exchange nothing")
        await peers.stop()
    }

    /// A cycle's document writes (what Firestore bills): at most 6 plus 3 per order or earn move
    /// sent — and every safety write is among them (the journal entry before each send).
    @Test func aLiveCycleWritesAtMostSixDocumentsPlusThreePerOrder() async throws {
        let peers = try await Peers.start()
        // As after the account's first cycle: its Simple Earn product id is remembered (that
        // first cycle also writes this one cache document, once).
        await peers.firestore.putDocument("\(Self.statePath)/cache/earn_products", typedFields: [
            "USDT": ["mapValue": ["fields": ["product_id": ["stringValue": "USDT001"],
                                             "looked_up_at_unix": ["doubleValue": .double(Date().timeIntervalSince1970)]]]],
        ])
        let runner = try Self.emptyRunnerFolder()
        let live = try await peers.binance.run(["--json"], ["BINANCE_DRY_RUN": "false", "CYCLE_STATE_DIR": runner.path])
        #expect(live.exitCode == 0, "\(live.stderr)")
        let writes = await peers.firestore.documentWrites.filter { !$0.hasPrefix("delete ") }
        let intents = writes.filter { $0.hasPrefix("set \(Self.statePath)/journal/") }.count
        let sent = await peers.binance.fake.orders.count
        #expect(sent > 0 && intents >= sent, "every order was journaled before it was sent: \(writes)")
        #expect(writes.count <= 6 + 3 * intents, "\(writes.count) writes for \(intents) orders and moves: \(writes)")
        #expect(writes.filter { $0 == "set \(Self.statePath)" }.count >= 1, "the state document was written")
        let stored = try await peers.storedStateFields()
        let original = try #require(try FirestoreCycleTests.originalStateFields().objectValue)
        #expect(stored["operator_review_count"] == original["operator_review_count"], "the original's keys and value types stay")
        await peers.stop()
    }

    /// Runner A is killed right after the exchange accepted an order and its folder is gone; an
    /// hour later (the lease has expired) runner B finds the journal entry in Firestore, books
    /// the fill, and sends no second order for that intent.
    @Test func runnerBResolvesWhatAKilledRunnerALeftUnknown() async throws {
        let peers = try await Peers.start()
        let runnerA = try Self.emptyRunnerFolder()
        let killed = try await peers.binance.run(["--run-id", "runner-a"],
                                                 ["BINANCE_DRY_RUN": "false", "CYCLE_STATE_DIR": runnerA.path, "CYCLE_TEST_FAULT": "kill-after-order"])
        #expect(killed.killedBySignal, "\(killed.stderr)")
        let accepted = try #require(await peers.binance.fake.orders.first)
        let entry = try #require(await peers.firestore.document("\(Self.statePath)/journal/\(accepted.clientOrderId)"))
        #expect(entry.fields["outcome"] == nil || entry.fields["outcome"] == ["nullValue": .null], "the answer never reached the journal")
        try FileManager.default.removeItem(at: runnerA)
        try await Self.letTheLeaseExpire(peers.firestore)

        let runnerB = try Self.emptyRunnerFolder()
        let next = try await peers.binance.run(["--json", "--run-id", "runner-b"], ["BINANCE_DRY_RUN": "false", "CYCLE_STATE_DIR": runnerB.path])
        #expect(next.exitCode == 0, "\(next.stderr)")
        let resolution = try #require(next.report?["order_journal_resolutions"]?.objects.first { $0["client_order_id"]?.stringValue == accepted.clientOrderId })
        #expect(resolution["applied_to_state"] == true, "\(resolution)")
        let orders = await peers.binance.fake.orders
        #expect(orders.filter { $0.symbol == accepted.symbol && $0.side == accepted.side }.count == 1, "no second order for that intent: \(orders.map(\.clientOrderId))")
        let settled = try #require(await peers.firestore.document("\(Self.statePath)/journal/\(accepted.clientOrderId)"))
        #expect(settled.fields["settled"] == ["booleanValue": true])
        let held = try await peers.storedStateFields()[accepted.symbol]?["mapValue"]?["fields"]?["is_holding"]
        #expect(accepted.symbol == "BTCUSDT" || held == ["booleanValue": true], "the fill is booked in state")
        await peers.stop()
    }

    /// `cycle halt` from a third runner with no Binance credentials and no folder of its own
    /// halts the account: the next live cycle sends nothing to the exchange.
    @Test func aHaltFromAThirdRunnerWithoutBinanceKeysStopsTheNextCycle() async throws {
        let peers = try await Peers.start()
        let operatorRunner = try Self.emptyRunnerFolder()
        var operatorEnvironment = peers.binance.environment.filter { !$0.key.hasPrefix("BINANCE_") }
        operatorEnvironment["CYCLE_STATE_DIR"] = operatorRunner.path
        let halt = try CycleBinary.run(["halt", "--reason", "fleet drill", "--by", "erin"], environment: operatorEnvironment)
        #expect(halt.exitCode == 0, "\(halt.stderr)")
        #expect(halt.stdout.contains("Firestore document \(Self.statePath)"), "\(halt.stdout)")
        #expect(Self.contents(operatorRunner).isEmpty)

        let runner = try Self.emptyRunnerFolder()
        let before = await peers.binance.fake.requestCount()
        let halted = try await peers.binance.run(["--json"], ["BINANCE_DRY_RUN": "false", "CYCLE_STATE_DIR": runner.path])
        #expect(halted.exitCode == 0, "\(halted.stderr)")
        #expect(halted.report?["trading_mode"] == "halt")
        #expect(await peers.binance.fake.requestCount() == before, "no request reached the exchange")
        let history = try CycleBinary.run(["state", "history", "--all"], environment: operatorEnvironment)
        #expect(history.stdout.contains("operator_control mode=halt by=erin"), "\(history.stdout)")
        await peers.stop()
    }

    /// A live cycle that trades, with the Simple Earn product id an earlier cycle left in the
    /// store: Binance request weight ≤ 215 by the fake's own log (`/sapi` included), the
    /// end-of-cycle reconciliation included; the first cycle of an account looks the product up
    /// once (150) and the store keeps it.
    @Test func aLiveCycleWeighsAtMost215WithTheEarnProductRemembered() async throws {
        let peers = try await Peers.start()
        let runner = try Self.emptyRunnerFolder()
        let first = try await peers.binance.run(["--json"], ["BINANCE_DRY_RUN": "false", "CYCLE_STATE_DIR": runner.path])
        #expect(first.exitCode == 0, "\(first.stderr)")
        let firstWeight = await peers.binance.fake.weightByRoute
        #expect(firstWeight["GET /sapi/v1/simple-earn/flexible/list"] == 150, "the first cycle looks the product up: \(firstWeight)")
        #expect(firstWeight["GET /sapi/v1/simple-earn/flexible/position"] == nil, "positions come from the account's LD mirrors")
        let remembered = try #require(await peers.firestore.document("\(Self.statePath)/cache/earn_products"))
        #expect(remembered.fields["USDT"]?["mapValue"]?["fields"]?["product_id"] == ["stringValue": "USDT001"])

        // Another account state: new money arrives, so the next cycle trades again.
        await peers.binance.fake.resetWeightLog()
        let usdt = await peers.binance.fake.balances["USDT"] ?? 0
        await peers.binance.fake.setBalance("USDT", usdt + 5_000)
        let second = try await peers.binance.run(["--json"], ["BINANCE_DRY_RUN": "false", "CYCLE_STATE_DIR": runner.path])
        #expect(second.exitCode == 0, "\(second.stderr)")
        let weight = await peers.binance.fake.weightByRoute
        let sent = ["POST /api/v3/order", "POST /sapi/v1/simple-earn/flexible/subscribe", "POST /sapi/v1/simple-earn/flexible/redeem"]
            .compactMap { weight[$0] }.reduce(0, +)
        #expect(sent > 0, "the cycle sent an order or earn move: \(weight)")
        #expect(weight.values.reduce(0, +) <= 215, "\(weight)")
        #expect(weight["GET /sapi/v1/simple-earn/flexible/list"] == nil && weight["GET /sapi/v1/simple-earn/flexible/position"] == nil, "\(weight)")
        #expect(second.report?["reconciliation"] != nil && second.report?["reconciliation"] != .null, "the reconciliation ran")
        await peers.stop()
    }

    /// What an hour does to a killed runner's lease: it expires (CYCLE_LEASE_SECONDS, 15 min by default).
    static func letTheLeaseExpire(_ firestore: FakeFirestore) async throws {
        let path = "\(statePath)_LEASE"
        var fields = try #require(await firestore.document(path)?.fields.objectValue)
        let past = Date().addingTimeInterval(-60)
        fields["expires_at_unix"] = ["doubleValue": .double(past.timeIntervalSince1970)]
        fields["expires_at"] = ["stringValue": .string(past.isoWithOffset)]
        await firestore.putDocument(path, typedFields: .object(fields))
    }
}
