import Engine
import Foundation
import GRDB
import Testing
import TestSupport

/// Issue 21.1: every operator command acts on the account cron trades, from a shell that has the
/// state folder but not Binance's credentials (RUNBOOK's own example), or refuses naming the
/// accounts. On 0.9.1 `cycle halt` there wrote a new `paper` document and exited 0 while cron
/// kept trading `binance`.
@Suite(.serialized)
struct OperatorAccountTests {
    /// A store whose only account is `binance`, after one live cycle against the fake Binance.
    func binanceStore() async throws -> BinanceCycleTests.Setup {
        let setup = try await BinanceCycleTests.Setup.start()
        let live = try await setup.run(["--json"], ["BINANCE_DRY_RUN": "false"])
        #expect(live.exitCode == 0, "\(live.stderr)")
        return setup
    }

    /// The operator's shell: the state folder, nothing else.
    func operatorShell(_ setup: BinanceCycleTests.Setup, _ arguments: [String]) throws -> CycleBinary.Output {
        try CycleBinary.run(arguments, environment: ["CYCLE_STATE_DIR": setup.state.path])
    }

    func documents(_ setup: BinanceCycleTests.Setup) throws -> [String] {
        let queue = try DatabaseQueue(path: setup.state.appendingPathComponent("cycle.sqlite").path)
        return try queue.read { db in try String.fetchAll(db, sql: "SELECT account FROM state_document ORDER BY account") }
    }

    @Test func withoutCredentialsEveryOperatorCommandActsOnTheOnlyAccountBinance() async throws {
        let setup = try await binanceStore()
        defer { Task { await setup.fake.stop() } }

        let halt = try operatorShell(setup, ["halt", "--reason", "incident 9", "--by", "oncall"])
        #expect(halt.exitCode == 0, "\(halt.stderr)")
        #expect(halt.stdout.contains("account binance is now halt"), "\(halt.stdout)")
        #expect(try documents(setup) == ["binance"], "no paper document was created")
        #expect(try setup.storedState()?["operator_control"]?["mode"] == "halt")

        let show = try operatorShell(setup, ["state", "show"])
        #expect(show.exitCode == 0 && show.stderr.contains("trading_mode: halt"), "\(show.stderr)")
        #expect(try operatorShell(setup, ["state", "history"]).stdout.contains("account binance"))
        let orders = try operatorShell(setup, ["orders", "--json"])
        let listed = try JSONParser.parse(Data(orders.stdout.utf8)).objects
        #expect(orders.exitCode == 0 && !listed.isEmpty, "the live cycle's orders are listed")
        let health = try operatorShell(setup, ["health"])
        #expect(health.exitCode == 0 && health.stdout.contains("binance-"), "\(health.stdout)")
        let stats = try operatorShell(setup, ["stats", "--json"])
        #expect(stats.exitCode == 0 && stats.stdout.contains("/api/v3/order"), "the binance account's call audit")
        let export = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).json")
        #expect(try operatorShell(setup, ["state", "export", export.path]).stdout.contains("account binance"))
        let reconcile = try operatorShell(setup, ["reconcile"])
        #expect(reconcile.exitCode == 64 && reconcile.stderr.contains("Account binance trades on Binance"), "\(reconcile.stderr)")

        // Cron (with the credentials) finds the halt and sends nothing.
        let before = await setup.fake.requestCount()
        let cron = try await setup.run(["--json"], ["BINANCE_DRY_RUN": "false"])
        #expect(cron.report?["trading_mode"] == "halt", "\(cron.stderr)")
        #expect(await setup.fake.requestCount() == before)

        let resume = try operatorShell(setup, ["resume", "--authorized-by", "lead"])
        #expect(resume.exitCode == 0 && resume.stdout.contains("account binance is now run"), "\(resume.stdout)")
        #expect(try setup.storedState()?["operator_control"]?["mode"] == "run")
    }

    @Test func withTwoAccountsEveryOperatorCommandRefusesNamingBoth() async throws {
        let setup = try await binanceStore()
        defer { Task { await setup.fake.stop() } }
        #expect(try operatorShell(setup, ["run", "--now", "2026-10-31T12:00:00Z"]).exitCode == 0, "a paper cycle in the same folder")
        #expect(try documents(setup) == ["binance", "paper"])

        let commands: [[String]] = [
            ["halt", "--reason", "x"], ["resume", "--authorized-by", "x"], ["state", "show"], ["state", "history"],
            ["state", "export", "/tmp/never-written-\(UUID().uuidString).json"], ["orders"], ["stats"], ["health"], ["reconcile"],
        ]
        for command in commands {
            let refused = try operatorShell(setup, command)
            #expect(refused.exitCode == 64, "\(command): \(refused.stdout) \(refused.stderr)")
            #expect(refused.stderr.contains("binance, paper") && refused.stderr.contains("--account"), "\(command): \(refused.stderr)")
        }
        #expect(try setup.storedState()?["operator_control"] == nil, "nothing was halted")
        let chosen = try operatorShell(setup, ["halt", "--account", "binance", "--reason", "only binance"])
        #expect(chosen.exitCode == 0 && chosen.stdout.contains("account binance"), "\(chosen.stderr)")
    }

    @Test func anAccountWithNoDocumentAndNoCycleIsRefusedUnlessCreationIsAsked() async throws {
        let setup = try await binanceStore()
        defer { Task { await setup.fake.stop() } }
        let typo = try operatorShell(setup, ["halt", "--account", "binanse", "--reason", "x"])
        #expect(typo.exitCode == 64 && typo.stderr.contains("binanse") && typo.stderr.contains("accounts there: binance"), "\(typo.stderr)")
        #expect(try operatorShell(setup, ["state", "show", "--account", "binanse"]).exitCode == 64)
        #expect(try documents(setup) == ["binance"])

        let fresh = CycleBinary.scratchStateDirectory()
        let refused = try CycleBinary.run(["halt", "--reason", "before the first cycle", "--state-dir", fresh.path])
        #expect(refused.exitCode == 64 && refused.stderr.contains("--create-account"), "\(refused.stderr)")
        let created = try CycleBinary.run(["halt", "--account", "binance", "--create-account", "--reason", "before the first cycle",
                                           "--state-dir", fresh.path])
        #expect(created.exitCode == 0 && created.stdout.contains("account binance is now halt"), "\(created.stderr)")
    }

    /// A shell pointed at a folder with no store (a typo, a missing CYCLE_STATE_DIR) never creates
    /// an empty one that nobody trades: refused, nothing created; health says unhealthy.
    @Test func aFolderWithoutAStoreIsNeverCreatedByAnOperatorCommand() throws {
        let missing = CycleBinary.scratchStateDirectory()
        for command in [["halt", "--reason", "x"], ["orders", "--pending"], ["state", "show"], ["stats"]] {
            let refused = try CycleBinary.run(command + ["--state-dir", missing.path])
            #expect(refused.exitCode == 64 && refused.stderr.contains("There is no state store at"), "\(command): \(refused.stderr)")
        }
        let health = try CycleBinary.run(["health", "--state-dir", missing.path])
        #expect(health.exitCode == 1 && health.stdout.contains("no state store"), "\(health.stdout)")
        #expect(!FileManager.default.fileExists(atPath: missing.path), "no folder, no store was created")
    }

    /// The store holds only `paper` (trial runs in the same folder) while the shell's credentials
    /// trade `binance`, before its first live cycle: halting paper would leave binance trading.
    @Test func aShellWithBinanceCredentialsDoesNotHaltTheStoresOnlyPaperAccount() async throws {
        let setup = try await BinanceCycleTests.Setup.start()
        defer { Task { await setup.fake.stop() } }
        #expect(try operatorShell(setup, ["run", "--now", "2026-10-31T12:00:00Z"]).exitCode == 0, "a paper trial in cron's folder")
        let refused = try await setup.run(["halt", "--reason", "before going live"])
        #expect(refused.exitCode == 64 && refused.stderr.contains("holds only account paper")
                && refused.stderr.contains("--account binance --create-account"), "\(refused.stderr)")
        let binance = try await setup.run(["halt", "--account", "binance", "--create-account", "--reason", "before going live"])
        #expect(binance.exitCode == 0 && binance.stdout.contains("account binance is now halt"), "\(binance.stderr)")
        #expect(try setup.storedState()?["operator_control"]?["mode"] == "halt")
    }

    /// Issue 21.13: validate-only does not say READY about a halted account without a word.
    @Test func validateOnlyNamesTheHalt() async throws {
        let setup = try await binanceStore()
        defer { Task { await setup.fake.stop() } }
        #expect(try operatorShell(setup, ["halt", "--reason", "drill", "--by", "ops"]).exitCode == 0)
        let preflight = try await setup.run(["validate-only"])
        #expect(preflight.stdout.contains("trading mode") && preflight.stdout.contains("halt (set by ops"), "\(preflight.stdout)")
        #expect(!preflight.stdout.contains("READY — every required check passed.") , "\(preflight.stdout)")
    }

    /// While an earlier run's `cycle.files-lost` marker stops every cycle, validate-only is not READY.
    @Test func validateOnlyIsNotReadyWhileTheStoreFilesLostMarkerStopsCycles() async throws {
        let setup = try await binanceStore()
        defer { Task { await setup.fake.stop() } }
        try Data("Run r found the state store's files removed.\n".utf8).write(to: setup.state.appendingPathComponent("cycle.files-lost"))
        let preflight = try await setup.run(["validate-only"])
        #expect(preflight.exitCode == 1 && preflight.stdout.contains("✗ store files") && preflight.stdout.contains("NOT READY"), "\(preflight.stdout)")
    }
}
