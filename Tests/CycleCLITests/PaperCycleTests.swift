import Engine
import Foundation
import GRDB
import Testing

/// `cycle` with no credentials: the paper exchange over bundled data, state in the local store.
/// Every test runs the real binary on its own scratch store.
@Suite struct PaperCycleTests {
    let stateDirectory = CycleBinary.scratchStateDirectory()
    var database: URL { stateDirectory.appendingPathComponent("cycle.sqlite") }

    func cycle(_ arguments: [String] = [], environment: [String: String] = [:]) throws -> CycleBinary.Output {
        try CycleBinary.run(arguments + ["--state-dir", stateDirectory.path], environment: environment)
    }

    func sql<T>(_ body: @escaping @Sendable (Database) throws -> T) throws -> T {
        try DatabaseQueue(path: database.path).read(body)
    }

    @Test func firstRunTradesOnPaperAndTheSecondContinuesFromStoredState() throws {
        let first = try cycle()
        #expect(first.exitCode == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("PAPER MODE"))
        #expect(first.stdout.contains("FILLED"))
        let bought = first.stdout.split(separator: "\n").filter { $0.contains("trend BUY") && $0.contains("FILLED") }
        #expect(bought.count >= 1)

        let second = try cycle(["--json"])
        #expect(second.exitCode == 0, "\(second.stderr)")
        #expect(second.stderr.hasPrefix("PAPER MODE"), "with --json the announcement goes to stderr")
        let report = try #require(second.report)
        #expect(report["buy_sell_intents"]?.objects.isEmpty == true, "held positions are not bought again")
        #expect(report["gating_summary"]?["btc_dca_buy_duplicate_cooldown"] == 1, "same-day DCA cooldown from the stored state")
        let state = try cycle(["state", "show"])
        let document = try #require(try? JSONParser.parse(state.stdout))
        let held = Scenario.held(in: document)
        #expect(!held.isEmpty)
        #expect(try sql { try Int.fetchOne($0, sql: "SELECT count(*) FROM order_journal WHERE settled_at IS NULL") } == 0)
    }

    @Test func ordersTheFiltersWouldRejectAreNeverSentAndFeesCostBNB() throws {
        // A copy of the bundled market where every altcoin needs a 10-million-USDT order and BTC a 1,000-BTC one.
        let market = try CycleBinary.copy(CycleBinary.repositoryRoot.appendingPathComponent("Fixtures/paper_market"))
        let infoURL = market.appendingPathComponent("exchange_info.json")
        var info = try #require(try JSONParser.parse(Data(contentsOf: infoURL)).objectValue)
        info["symbols"] = .array(try #require(info["symbols"]?.arrayValue).map { symbol in
            guard case .object(var fields) = symbol, let name = fields["symbol"]?.stringValue, name != "BNBUSDT" else { return symbol }
            fields["filters"] = .array((fields["filters"]?.arrayValue ?? []).map { filter in
                guard case .object(var values) = filter else { return filter }
                if values["filterType"] == "NOTIONAL", name != "BTCUSDT" { values["minNotional"] = "10000000.00000000" }
                if values["filterType"] == "LOT_SIZE", name == "BTCUSDT" { values["minQty"] = "1000.00000000" }
                return .object(values)
            })
            return .object(fields)
        })
        try Data(JSONWriter.string(.object(info)).utf8).write(to: infoURL)

        let output = try cycle(["--json"], environment: ["PAPER_MARKET_DIR": market.path])
        #expect(output.exitCode == 0, "\(output.stderr)")
        let report = try #require(output.report)
        let gates = report["gating_events"]!.objects
        #expect(gates.contains { $0["gate"] == "order_filter_notional" && $0["category"] == "trend" })
        #expect(gates.contains { $0["gate"] == "order_filter_lot_size" && $0["symbol"] == "BTCUSDT" })
        #expect(try sql { try Int.fetchOne($0, sql: "SELECT count(*) FROM paper_order") } == 0, "the exchange never saw them")
        #expect(try sql { try Int.fetchOne($0, sql: "SELECT count(*) FROM order_journal WHERE kind = 'order'") } == 0)

        // With the bundled rules the same wallet trades, and the 0.1 % fee (25 % off in BNB) comes out of the BNB.
        let trading = CycleBinary.scratchStateDirectory()
        #expect(try CycleBinary.run(["--state-dir", trading.path]).exitCode == 0)
        let bnb = try DatabaseQueue(path: trading.appendingPathComponent("cycle.sqlite").path).read { db in
            try String.fetchOne(db, sql: "SELECT free FROM paper_balance WHERE asset = 'BNB'")
        }
        let remaining = Double(bnb ?? "") ?? 0
        #expect(remaining < 0.1 && remaining > 0.09)
    }

    /// Issue 12: a dry run on a fresh folder creates nothing, and it still decides on the funded account.
    @Test func aDryRunOnAFreshFolderLeavesItEmpty() throws {
        let output = try cycle(["--dry-run", "--json"])
        #expect(output.exitCode == 0, "\(output.stderr)")
        let report = try #require(output.report)
        #expect(report["dry_run"] == true)
        #expect(report["side_effect_summary"]?["executed_call_count"] == 0)
        #expect(!(report["buy_sell_intents"]?.objects.isEmpty ?? true), "it decides on the wallet a live run would be funded with")
        #expect(!FileManager.default.fileExists(atPath: stateDirectory.path), "nothing was created")
    }

    /// Issue 12: on an existing store a dry run leaves every file byte-identical and adds none;
    /// its report goes only where --output says.
    @Test func aDryRunOnAnExistingStoreLeavesItByteIdentical() throws {
        #expect(try cycle().exitCode == 0)
        let files = { try FileManager.default.subpathsOfDirectory(atPath: self.stateDirectory.path).sorted() }
        let before = try files()
        let bytes = try Data(contentsOf: database)
        let reportFile = FileManager.default.temporaryDirectory.appendingPathComponent("dry-\(UUID().uuidString).json")
        let output = try cycle(["--dry-run", "--now", "2026-10-31T13:00:00Z", "--output", reportFile.path])
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(try files() == before)
        #expect(try Data(contentsOf: database) == bytes)
        #expect((try? JSONParser.parse(Data(contentsOf: reportFile)))?["dry_run"] == true)
    }

    /// A cycle exits with its last writes in `cycle.sqlite-wal`; a dry run after it must decide
    /// on that state (it once read the main file alone and saw an empty store: no positions,
    /// a new wallet, the same buys proposed again). Whether the cycle's own connection closes
    /// (and checkpoints the WAL into the main file) before its process exits depends on
    /// teardown order, so the test holds a second connection open, as a concurrent reader
    /// would: the last writes then stay in the WAL every time. The reader keeps a read
    /// transaction open from before the cycle, so the checkpoint a cycle makes at its end cannot
    /// copy them into the main file either (it never overwrites what a reader may still read).
    @Test func aDryRunSeesTheLastCyclesWritesStillInTheWAL() throws {
        try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
        var walMode = Configuration()
        walMode.allowsUnsafeTransactions = true
        walMode.prepareDatabase { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        let reader = try DatabaseQueue(path: database.path, configuration: walMode)
        try reader.inDatabase { db in try db.execute(sql: "BEGIN DEFERRED; SELECT count(*) FROM sqlite_master") }
        defer { withExtendedLifetime(reader) { try? reader.inDatabase { db in try db.execute(sql: "COMMIT") } } }
        let real = try cycle(["--json", "--now", "2026-10-31T12:00:00Z"])
        #expect(real.exitCode == 0, "\(real.stderr)")
        let bought = try #require(real.report)["buy_sell_intents"]?.objects.filter { $0["action"] == "buy" } ?? []
        try #require(!bought.isEmpty, "the real cycle buys")
        #expect(try mainFileAloneHoldsNoState(), "the scenario: the cycle's writes are only in the WAL")
        let dry = try cycle(["--dry-run", "--json", "--now", "2026-10-31T13:00:00Z"])
        #expect(dry.exitCode == 0, "\(dry.stderr)")
        let report = try #require(dry.report)
        let trendValue = report["diagnostics"]?["allocation_before_trades"]?["trend_value"]?.numberValue ?? 0
        #expect(trendValue > 0, "the dry run sees the positions the real cycle bought")
        let rebought = report["buy_sell_intents"]?.objects.filter { $0["action"] == "buy" }.compactMap { $0["symbol"]?.stringValue } ?? []
        #expect(Set(rebought).isDisjoint(with: bought.compactMap { $0["symbol"]?.stringValue }), "nothing bought again")
    }

    /// Whether `cycle.sqlite` copied without its WAL has no state document (what a reader of
    /// the main file alone would see).
    private func mainFileAloneHoldsNoState() throws -> Bool {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("main-only-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let copy = scratch.appendingPathComponent("cycle.sqlite")
        try FileManager.default.copyItem(at: database, to: copy)
        let alone = try DatabaseQueue(path: copy.path)
        defer { try? alone.close() }
        let documents = try alone.read { db in
            try db.tableExists("state_document") ? Int.fetchOne(db, sql: "SELECT count(*) FROM state_document") ?? 0 : 0
        }
        return documents == 0
    }

    /// Issue 12: validate-only creates nothing in a fresh state folder.
    @Test func validateOnlyOnAFreshFolderLeavesItEmpty() throws {
        let output = try cycle(["validate-only"])
        #expect(output.stdout.contains("✓ state store") && output.stdout.contains("✓ lease"), "\(output.stdout)")
        #expect(!FileManager.default.fileExists(atPath: stateDirectory.path))
    }

    @Test func historyListsTheLastRunsWritesWithReasonsInOrder() throws {
        let run = try cycle(["--json", "--run-id", "history-run"])
        let reasons = try #require(run.report)["state_write_intents"]!.objects.compactMap { $0["reason"]?.stringValue }
        #expect(reasons.first == "trend_pool_metadata_refresh" && reasons.last == "cycle_complete")
        let history = try cycle(["state", "history"])
        let lines = history.stdout.split(separator: "\n").dropFirst()
        #expect(history.stdout.split(separator: "\n").first?.contains("history-run") == true)
        #expect(lines.map { $0.split(separator: " ", omittingEmptySubsequences: true)[1] }.map(String.init) == reasons)
    }

    @Test func crashAfterAnAcceptedOrderIsRepairedByTheNextCycleWithoutBuyingAgain() throws {
        let crashed = try cycle(["--run-id", "crashed-run"], environment: ["CYCLE_TEST_FAULT": "kill-after-order"])
        #expect(crashed.killedBySignal && crashed.exitCode == SIGKILL)
        let (symbol, clientId) = try sql { db -> (String, String) in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT symbol, client_order_id FROM paper_order"))
            return (row["symbol"], row["client_order_id"])
        }
        #expect(try sql { try String.fetchOne($0, sql: "SELECT outcome FROM order_journal WHERE client_order_id = ?", arguments: [clientId]) } == nil,
                "the answer never reached the journal")

        let next = try cycle(["--json", "--run-id", "next-run"])
        #expect(next.exitCode == 0, "\(next.stderr)")
        let report = try #require(next.report)
        let resolution = try #require(report["order_journal_resolutions"]?.objects.first)
        #expect(resolution["client_order_id"]?.stringValue == clientId)
        #expect(resolution["outcome"] == "FILLED" && resolution["applied_to_state"] == true)
        #expect(report["log_lines"]!.strings.contains { $0.hasPrefix(MessageCatalog(language: .en).text(.leaseTakenOver, [.holder: ""])) && $0.contains("crashed-run") })
        #expect(try sql { try Int.fetchOne($0, sql: "SELECT count(*) FROM paper_order WHERE symbol = ?", arguments: [symbol]) } == 1,
                "the crashed run's order is never sent twice")
        let document = try #require(try? JSONParser.parse(try cycle(["state", "show"]).stdout))
        #expect(Scenario.held(in: document).contains(symbol))
    }

    /// Issue 22: a SIGKILL from outside while the cycle's thread waits in its effect loop for the
    /// answer of an order it already sent, after the first and after the second order: the next
    /// cycle finds each killed order, books it, and nothing is sent twice or lost.
    @Test(arguments: [1, 2]) func aKillWhileTheEffectLoopWaitsForAnOrderLosesNothingAndRepeatsNothing(ordersBeforeTheKill: Int) throws {
        let running = try CycleBinary.start(["--run-id", "killed-run", "--state-dir", stateDirectory.path],
                                            environment: ["CYCLE_TEST_FAULT": "slow-order-answers"])
        var placed = 0
        for _ in 0..<300 where placed < ordersBeforeTheKill {
            Thread.sleep(forTimeInterval: 0.02)
            placed = (try? sql { try Int.fetchOne($0, sql: "SELECT count(*) FROM paper_order") ?? 0 }) ?? 0
        }
        #expect(placed == ordersBeforeTheKill, "the cycle had sent \(ordersBeforeTheKill) order(s) before the kill")
        kill(running.process.processIdentifier, SIGKILL)
        let killed = running.finish()
        #expect(killed.killedBySignal)
        let sentBeforeTheKill = try sql { try Set(String.fetchAll($0, sql: "SELECT client_order_id FROM paper_order")) }

        let next = try cycle(["--json", "--run-id", "after-the-kill"])
        #expect(next.exitCode == 0, "\(next.stderr)")
        let resolved = try #require(next.report?["order_journal_resolutions"]?.objects)
        let applied = Set(resolved.filter { $0["applied_to_state"] == true }.compactMap { $0["client_order_id"]?.stringValue })
        let settledByTheKilledRun = try sql {
            try Set(String.fetchAll($0, sql: "SELECT client_order_id FROM order_journal WHERE settled_by_run = 'killed-run'"))
        }
        #expect(sentBeforeTheKill.subtracting(settledByTheKilledRun).isSubset(of: applied),
                "every order the killed run sent is booked, by its own state write or found by the next cycle: \(resolved)")
        #expect(!applied.isEmpty, "the order in flight at the kill is found by the next cycle")
        let document = try #require(try? JSONParser.parse(try cycle(["state", "show"]).stdout))
        let bought = try sql { try Set(String.fetchAll($0, sql: "SELECT symbol FROM paper_order WHERE side = 'BUY' AND symbol != 'BTCUSDT' AND symbol != 'BNBUSDT'")) }
        #expect(bought.isSubset(of: Set(Scenario.held(in: document))), "no fill lost: every coin bought is held in state")
        let (orders, distinctIds, boughtTwice) = try sql { db -> (Int, Int, Int) in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM paper_order") ?? -1,
             try Int.fetchOne(db, sql: "SELECT count(DISTINCT client_order_id) FROM paper_order") ?? -1,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT symbol FROM paper_order WHERE side = 'BUY' GROUP BY symbol HAVING count(*) > 1)") ?? -1)
        }
        #expect(orders == distinctIds, "no client id sent twice")
        #expect(boughtTwice == 0, "no symbol bought again after the kill")
        #expect(try sql { try Int.fetchOne($0, sql: "SELECT count(*) FROM order_journal WHERE settled_at IS NULL") } == 0,
                "nothing is left unsettled")
    }

    @Test func twoProcessesOnOneStoreTradeOnceAndTheOtherNamesTheHolder() throws {
        let fault = ["CYCLE_TEST_FAULT": "slow-market"]
        let a = try CycleBinary.start(["--run-id", "racer-a", "--state-dir", stateDirectory.path], environment: fault)
        let b = try CycleBinary.start(["--run-id", "racer-b", "--state-dir", stateDirectory.path], environment: fault)
        let outputs = [a.finish(), b.finish()]
        #expect(outputs.map(\.exitCode).sorted() == [0, 2], "\(outputs.map(\.stdout))")
        let loser = try #require(outputs.first { $0.exitCode == 2 })
        let winnerId = outputs[0].exitCode == 0 ? "racer-a" : "racer-b"
        #expect(loser.stdout.contains("run \(winnerId)"))
        #expect(try sql { try Set(String.fetchAll($0, sql: "SELECT DISTINCT run_id FROM order_journal")) } == [winnerId])
    }

    /// Issue 12: the lease holds even when SQLite's -wal and -shm files are deleted under a running
    /// cycle (the OS lock on cycle.lock does not depend on them): a second cycle never trades.
    @Test func deletingTheWalAndShmUnderARunningCycleNeverLetsASecondOneTrade() throws {
        let first = try CycleBinary.start(["--run-id", "holder-a", "--state-dir", stateDirectory.path], environment: ["CYCLE_TEST_FAULT": "slow-market"])
        var deleted = false
        for _ in 0..<50 where !deleted {
            Thread.sleep(forTimeInterval: 0.1)
            let wal = database.path + "-wal", shm = database.path + "-shm"
            if FileManager.default.fileExists(atPath: wal) || FileManager.default.fileExists(atPath: shm) {
                try? FileManager.default.removeItem(atPath: wal)
                try? FileManager.default.removeItem(atPath: shm)
                deleted = true
            }
        }
        #expect(deleted, "the running cycle had its -wal/-shm files")
        let second = try CycleBinary.run(["--run-id", "intruder-b", "--state-dir", stateDirectory.path, "--json"])
        let holder = first.finish()
        #expect(second.report?["buy_sell_intents"]?.objects.isEmpty ?? true)
        // Refused by the lease while the holder runs; once the holder found its files removed (issue 21),
        // by the marker it left, which stops every cycle until an operator has looked.
        let refusal = second.report?["error_summary"]?["errors"]?.objects.first?["message"]?.stringValue ?? ""
        if second.exitCode == 2 {
            #expect(second.report?["error_summary"]?["errors"]?.objects.first?["stage"] == "lease")
        } else {
            #expect(second.exitCode == 1, "\(second.stderr)")
            #expect(refusal.contains("cycle.files-lost"), "\(refusal)")
        }
        // Issue 21: the holder's writes went into the removed files; it says so and fails instead of ending ok.
        #expect(holder.exitCode == 1, "\(holder.stderr)")
        #expect(holder.stderr.contains("files were removed or replaced"), "\(holder.stderr)")
    }

    /// Issue 12: a zeroed page in the order journal is found at open (quick_check) and refused,
    /// with the remedy, leaving the file as it was.
    @Test func aZeroedJournalPageIsRefusedAtOpen() throws {
        #expect(try cycle().exitCode == 0)
        let (pageSize, rootPage) = try sql { db in
            (try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096,
             try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'order_journal'") ?? 0)
        }
        #expect(rootPage > 1)
        var bytes = try Data(contentsOf: database)
        bytes.replaceSubrange((rootPage - 1) * pageSize..<rootPage * pageSize, with: Data(count: pageSize))
        try bytes.write(to: database)
        let output = try cycle(["--json"])
        #expect(output.exitCode == 2)
        #expect(output.stderr.contains(database.path) && output.stderr.contains("quick_check"), "\(output.stderr)")
        #expect(try Data(contentsOf: database) == bytes, "the damaged file is left as it was")
    }

    @Test func corruptDatabaseFileAbortsAndIsLeftByteIdentical() throws {
        try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
        let garbage = Data("this is not a database\n".utf8 + (0..<2000).map { UInt8(truncatingIfNeeded: $0) })
        try garbage.write(to: database)
        let output = try cycle()
        #expect(output.exitCode == 2)
        #expect(output.stderr.contains(database.path))
        #expect(try Data(contentsOf: database) == garbage)
    }

    @Test func corruptStateDocumentAbortsAndTheFileIsLeftByteIdentical() throws {
        #expect(try cycle().exitCode == 0)
        try DatabaseQueue(path: database.path).write { db in
            try db.execute(sql: "UPDATE state_document SET document = '{\"daily_equity_base\": ' WHERE account = 'paper'")
        }
        let before = try Data(contentsOf: database)
        let output = try cycle(["--json"])
        #expect(output.exitCode == 2)
        let report = try #require(output.report)
        #expect(report["status"] == "aborted")
        let message = report["error_summary"]?["errors"]?.objects.first?["message"]?.stringValue ?? ""
        #expect(message.contains("cycle state import"))
        #expect(try Data(contentsOf: database) == before)
        #expect(try cycle(["state", "show"]).exitCode == 2)
    }

    /// Issue 12: a document that would make the next cycle re-buy what the account holds is
    /// refused unless --force; wrong-typed known keys are refused naming the key.
    @Test func importRefusesADocumentThatContradictsTheAccount() throws {
        #expect(try cycle().exitCode == 0)
        let before = try cycle(["state", "show"]).stdout
        let empty = stateDirectory.appendingPathComponent("empty.json")
        try Data("{}".utf8).write(to: empty)
        let refused = try cycle(["state", "import", empty.path])
        #expect(refused.exitCode == 2)
        #expect(refused.stderr.contains("USDT"), "names the held symbols: \(refused.stderr)")
        #expect(try cycle(["state", "show"]).stdout == before)
        #expect(try cycle(["state", "import", empty.path, "--force"]).exitCode == 0)
    }

    @Test(arguments: [("trend_action_history", "\"x\""), ("retired_trend_positions", "[]"), ("BTCUSDT", "5"),
                      ("trend_pool_last_good_payload", "\"x\""), ("trend_action_history", #"{"ETHUSDT": {"action": 1}}"#)])
    func importRefusesAWrongTypedKnownKey(_ key: String, _ value: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString).json")
        try Data("{\"\(key)\": \(value)}".utf8).write(to: file)
        let refused = try cycle(["state", "import", file.path, "--force"])
        #expect(refused.exitCode == 2)
        #expect(refused.stderr.contains(key), "\(refused.stderr)")
    }

    @Test func importRefusesAMalformedDocumentAndAcceptsAnExport() throws {
        #expect(try cycle().exitCode == 0)
        let export = stateDirectory.appendingPathComponent("export.json")
        #expect(try cycle(["state", "export", export.path]).exitCode == 0)
        let before = try cycle(["state", "show"]).stdout

        let bad = stateDirectory.appendingPathComponent("bad.json")
        try Data(#"{"is_circuit_broken": "false"}"#.utf8).write(to: bad)
        let refused = try cycle(["state", "import", bad.path])
        #expect(refused.exitCode == 2 && refused.stderr.contains("is_circuit_broken"))
        #expect(try cycle(["state", "show"]).stdout == before)

        let accepted = try cycle(["state", "import", export.path])
        #expect(accepted.exitCode == 0, "\(accepted.stderr)")
        #expect(try cycle(["state", "show"]).stdout == before)
        #expect(try cycle(["state", "history"]).stdout.contains("operator_import"))
    }

    @Test func resetNeedsPaperAndStartsAFreshWallet() throws {
        #expect(try cycle().exitCode == 0)
        #expect(try cycle(["state", "reset"]).exitCode == 64)
        #expect(try cycle(["state", "reset", "--paper"]).exitCode == 0)
        #expect(try cycle(["state", "show"]).exitCode == 1)
        let again = try cycle(["--json"])
        #expect(try #require(again.report)["buy_sell_intents"]?.objects.isEmpty == false, "a fresh wallet buys again")
    }
}

enum Scenario {
    /// Symbols the state document marks as held (pool and retired positions).
    static func held(in document: JSONValue) -> [String] {
        guard let object = document.objectValue else { return [] }
        var held = object.filter { $0.key.hasSuffix("USDT") && $0.value["is_holding"] == true }.map(\.key)
        held += (object["retired_trend_positions"]?.objectValue ?? [:]).filter { $0.value["is_holding"] == true }.map(\.key)
        return held.sorted()
    }
}
