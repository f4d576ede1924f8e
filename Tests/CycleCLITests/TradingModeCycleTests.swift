import Engine
import Foundation
import GRDB
import Testing
import TestSupport

/// Issue 14 / docs/commands.md#trading-modes-staged-exposure-version: the kill switch end to end with the real binary, on paper and against
/// the fake Binance.
@Suite struct TradingModeCycleTests {
    let stateDirectory = CycleBinary.scratchStateDirectory()
    let now = ["--now", "2026-10-31T12:00:00Z"]

    func cycle(_ arguments: [String] = [], environment: [String: String] = [:]) throws -> CycleBinary.Output {
        try CycleBinary.run(arguments + ["--state-dir", stateDirectory.path], environment: environment)
    }

    func paperWallet() throws -> [String: Double] {
        let queue = try DatabaseQueue(path: stateDirectory.appendingPathComponent("cycle.sqlite").path)
        return try queue.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT asset, free FROM paper_balance").map { row in
                (row["asset"] as String, (row["free"] as String?).flatMap(Double.init) ?? 0)
            })
        }
    }

    @Test func haltStopsTradingUntilResumeAndHistoryNamesWhoAndWhy() throws {
        #expect(try cycle(["run"] + now).exitCode == 0)
        let halted = try cycle(["halt", "--reason", "incident 42", "--by", "alice"])
        #expect(halted.exitCode == 0, "\(halted.stderr)")
        #expect(halted.stdout.contains("now halt"))
        let walletBefore = try paperWallet()

        let stopped = try cycle(["run", "--json", "--now", "2026-10-31T13:00:00Z"])
        #expect(stopped.exitCode == 0, "\(stopped.stderr)")
        let report = try #require(stopped.report)
        #expect(report["trading_mode"] == "halt")
        #expect(report["gating_events"]?.objects.contains { $0["gate"] == "trading_halted" && $0["detail"] == "incident 42" } == true)
        #expect(report["buy_sell_intents"]?.objects.isEmpty == true && report["btc_dca_intents"]?.objects.isEmpty == true)
        #expect(report["redemption_subscription_intents"]?.objects.isEmpty == true)
        #expect(try paperWallet() == walletBefore, "nothing moved on the (paper) exchange")

        let history = try cycle(["state", "history", "--all"])
        #expect(history.stdout.contains("operator_control mode=halt by=alice reason=incident 42"))

        #expect(try cycle(["resume", "--authorized-by", "ops"]).exitCode == 0)
        let resumed = try #require(try cycle(["run", "--json", "--now", "2026-11-01T12:00:00Z"]).report)
        #expect(resumed["trading_mode"] == "run")
        #expect(resumed["gating_events"]?.objects.contains { $0["gate"] == "trading_halted" } == false)
        #expect(try cycle(["state", "history", "--all"]).stdout.contains("operator_control mode=run by=ops"))
    }

    @Test func noNewEntriesGatesEveryBuy() throws {
        // Before the account's first cycle: creating it takes --create-account (issue 21.1).
        #expect(try cycle(["halt", "--mode", "no_new_entries", "--reason", "rollout pause"]).exitCode == 64)
        #expect(try cycle(["halt", "--create-account", "--mode", "no_new_entries", "--reason", "rollout pause"]).exitCode == 0)
        let report = try #require(try cycle(["run", "--json"] + now).report)
        #expect(report["trading_mode"] == "no_new_entries")
        #expect(report["buy_sell_intents"]?.objects.contains { $0["action"] == "buy" && $0["category"] == "trend" } == false)
        #expect(report["btc_dca_intents"]?.objects.contains { $0["action"] == "buy" } == false)
        let gated = report["gating_events"]?.objects.filter { $0["gate"] == "trading_mode_no_new_entries" } ?? []
        #expect(gated.contains { $0["category"] == "trend" }, "a fresh wallet would have bought trend symbols")
        #expect(gated.contains { $0["category"] == "btc_dca" })
    }

    @Test func exitOnlySellsEveryTrendPositionInOneCycle() throws {
        let first = try #require(try cycle(["run", "--json"] + now).report)
        let bought = first["buy_sell_intents"]?.objects.filter { $0["action"] == "buy" }.compactMap { $0["symbol"]?.stringValue } ?? []
        #expect(!bought.isEmpty)
        #expect(try cycle(["halt", "--mode", "exit_only", "--reason", "wind down"]).exitCode == 0)
        let report = try #require(try cycle(["run", "--json", "--now", "2026-10-31T13:00:00Z"]).report)
        let sells = report["buy_sell_intents"]?.objects.filter { $0["action"] == "sell" } ?? []
        #expect(Set(sells.compactMap { $0["symbol"]?.stringValue }) == Set(bought))
        #expect(report["buy_sell_intents"]?.objects.contains { $0["action"] == "buy" } == false)
        let state = try #require(try JSONParser.parse(Data(try cycle(["state", "show"]).stdout.utf8)).objectValue)
        #expect(Scenario.held(in: .object(state)).isEmpty, "no trend position is held after exit_only")
    }

    @Test func haltWhileACycleHoldsTheLeaseIsRefusedNamingIt() throws {
        let running = try CycleBinary.start(["run", "--run-id", "busy-cycle", "--state-dir", stateDirectory.path] + now,
                                           environment: ["CYCLE_TEST_FAULT": "slow-market"])
        // Wait until the cycle holds the store (its record is in cycle.lock), however loaded the machine.
        let lock = stateDirectory.appendingPathComponent("cycle.lock").path
        for _ in 0..<200 where ((try? String(contentsOfFile: lock, encoding: .utf8)) ?? "").isEmpty {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let refused = try cycle(["halt", "--reason", "too late"])
        _ = running.finish()
        #expect(refused.exitCode == 2, "\(refused.stdout) \(refused.stderr)")
        #expect((refused.stdout + refused.stderr).contains("busy-cycle"))
    }
}

/// Against the fake Binance: a halted live cycle sends it nothing at all.
@Suite(.serialized)
struct TradingModeBinanceTests {
    @Test func aHaltedLiveCycleSendsZeroRequests() async throws {
        let setup = try await BinanceCycleTests.Setup.start()
        let halt = try await setup.run(["halt", "--create-account", "--reason", "exchange incident"])
        #expect(halt.exitCode == 0, "\(halt.stderr)")
        let before = await setup.fake.requestCount()
        let output = try await setup.run(["--json"], ["BINANCE_DRY_RUN": "false"])
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.report?["gating_events"]?.objects.contains { $0["gate"] == "trading_halted" } == true)
        #expect(await setup.fake.requestCount() == before, "no request reached the exchange")
        await setup.fake.stop()
    }
}

/// The kill switch where the state lives in Firestore: `cycle halt` writes the Firestore
/// document under the Firestore lease, and the next live cycle honours it.
@Suite(.serialized)
struct TradingModeFirestoreTests {
    @Test func haltAndResumeWorkOnTheFirestoreDocument() async throws {
        let peers = try await FirestoreCycleTests.Peers.start()
        let halt = try await peers.binance.run(["halt", "--reason", "firestore drill", "--by", "carol"])
        #expect(halt.exitCode == 0, "\(halt.stderr)")
        let control = try await peers.storedStateFields()["operator_control"]
        #expect(control?["mapValue"]?["fields"]?["mode"]?["stringValue"] == "halt")
        #expect(control?["mapValue"]?["fields"]?["set_by"]?["stringValue"] == "carol")
        #expect(await peers.telegram.messages.contains { $0.text.contains("carol") && $0.text.contains("firestore drill") })

        let before = await peers.binance.fake.requestCount()
        let halted = try await peers.binance.run(["--json"], ["BINANCE_DRY_RUN": "false"])
        #expect(halted.exitCode == 0, "\(halted.stderr)")
        #expect(halted.report?["trading_mode"] == "halt")
        #expect(await peers.binance.fake.requestCount() == before)

        // A shell without STATE_BACKEND=firestore finds no local store (a Firestore runner keeps
        // nothing): refused with the remedy, not a local halt that no cycle reads (issues 21.1, 23).
        let local = try CycleBinary.run(["halt", "--reason", "wrong shell"], environment: ["CYCLE_STATE_DIR": peers.binance.state.path])
        #expect(local.exitCode == 64 && local.stderr.contains("STATE_BACKEND=firestore"), "\(local.stderr)")

        // A mistyped document path is not the document the cycles trade on: refused, nothing created (issue 21.1).
        let elsewhere = try await peers.binance.run(["halt", "--reason", "typo drill"], ["STATE_FIRESTORE_DOCUMENT": "MULTI_ASSET_STAET"])
        #expect(elsewhere.exitCode == 64 && elsewhere.stderr.contains("MULTI_ASSET_STAET") && elsewhere.stderr.contains("does not exist"),
                "\(elsewhere.stderr)")
        #expect(await peers.firestore.document("strategy/MULTI_ASSET_STAET") == nil)

        #expect(try await peers.binance.run(["resume", "--authorized-by", "dave"]).exitCode == 0)
        let resumed = try await peers.storedStateFields()["operator_control"]
        #expect(resumed?["mapValue"]?["fields"]?["mode"]?["stringValue"] == "run")
        await peers.stop()
    }
}

