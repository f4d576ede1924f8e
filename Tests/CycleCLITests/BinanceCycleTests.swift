import Engine
import Foundation
import GRDB
import Operations
import Signing
import Testing
import TestSupport

/// The real `cycle` binary against the fake Binance: dry run, live run, validate-only, secrets.
@Suite(.serialized)
struct BinanceCycleTests {
    struct Setup {
        let fake: FakeBinance
        let state: URL
        let environment: [String: String]

        static func start(secret: String = FakeBinance.testSecret, balances: [String: Decimal] = ["USDT": 10_000, "BNB": Decimal(string: "0.1")!],
                          extra: [String: String] = [:]) async throws -> Setup {
            let fake = try await FakeBinance.launch(balances: balances)
            let state = CycleBinary.scratchStateDirectory()
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
            let pool = state.appendingPathComponent("live_pool.json")
            var payload = try JSONParser.parse(Data(contentsOf: FakeMarket.bundledDirectory.appendingPathComponent("live_pool.json"))).objectValue ?? [:]
            payload["as_of_date"] = .string(CalendarDay(Date()).iso)
            try Data(JSONWriter.string(.object(payload)).utf8).write(to: pool)
            var environment = [
                "BINANCE_API_KEY": FakeBinance.testAPIKey, "BINANCE_API_SECRET": secret, "BINANCE_BASE_URL": await fake.baseURL.absoluteString,
                "CYCLE_STATE_DIR": state.path, "STRATEGY_ARTIFACT_FILE": pool.path, "STRATEGY_ARTIFACT_ALLOW_NEW_ENTRIES_ON_DEGRADED": "true",
                "CYCLE_TEST_SHORT_WAITS": "1",
                // The whole suite shares two cores with the fakes: a normal answer must never time out here.
                "CYCLE_TEST_HTTP_TIMEOUT_SECONDS": "30",
            ]
            environment.merge(extra) { $1 }
            return Setup(fake: fake, state: state, environment: environment)
        }

        func run(_ arguments: [String], _ extra: [String: String] = [:]) async throws -> CycleBinary.Output {
            let running = try CycleBinary.start(arguments, environment: environment.merging(extra) { $1 })
            return await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: running.finish()) }
            }
        }

        /// The stored state document of the `binance` account.
        func storedState() throws -> JSONValue? {
            let path = state.appendingPathComponent("cycle.sqlite").path
            // A dry run and validate-only create no store at all.
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            let queue = try DatabaseQueue(path: path)
            let text = try queue.read { db in try String.fetchOne(db, sql: "SELECT document FROM state_document WHERE account = 'binance'") }
            return try text.map { try JSONParser.parse($0) }
        }

        /// Every text the run left behind: output, report files, database dump.
        func everythingWritten(_ output: CycleBinary.Output) throws -> String {
            var text = output.stdout + output.stderr
            let reports = state.appendingPathComponent("reports")
            for file in (try? FileManager.default.contentsOfDirectory(atPath: reports.path)) ?? [] {
                text += try String(contentsOf: reports.appendingPathComponent(file), encoding: .utf8)
            }
            text += String(decoding: (try? Data(contentsOf: state.appendingPathComponent("cycle.sqlite"))) ?? Data(), as: UTF8.self)
            return text
        }
    }

    @Test func aDryRunReadsTheAccountAndSendsNothing() async throws {
        let setup = try await Setup.start()
        let output = try await setup.run(["--json"])
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.stderr.contains("DRY RUN"))
        let report = try #require(output.report)
        #expect(report.objectValue?["status"] == .string("ok"))
        #expect(report.objectValue?["dry_run"] == .bool(true))
        #expect(!(report.objectValue?["buy_sell_intents"]?.objects.isEmpty ?? true), "the dry run still decides trades")
        #expect(await setup.fake.requestCount("POST /api/v3/order") == 0)
        #expect(await setup.fake.requestCount("POST /sapi/v1/simple-earn/flexible/subscribe") == 0)
        #expect(try setup.storedState() == nil, "a dry run writes no state")
        await setup.fake.stop()
    }

    @Test func aLiveRunPlacesOrdersAndStateAgreesWithTheExchange() async throws {
        let setup = try await Setup.start()
        let output = try await setup.run(["--json"], ["BINANCE_DRY_RUN": "false"])
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.stderr.contains("LIVE"))
        let report = try #require(output.report?.objectValue)
        #expect(report["status"] == .string("ok"))
        let orders = await setup.fake.orders
        #expect(orders.count >= 2, "the bundled market's last day buys trend symbols and BTC")
        let intents = ((report["buy_sell_intents"]?.objects ?? []) + (report["btc_dca_intents"]?.objects ?? []))
            .compactMap { $0.objectValue?["client_order_id"]?.stringValue }
        for order in orders { #expect(intents.contains(order.clientOrderId), "\(order.clientOrderId) is in the report") }

        let state = try #require(try setup.storedState()?.objectValue)
        let snapshot = try #require(state["last_balance_snapshot"]?.objectValue)
        let balances = await setup.fake.balances
        let earn = await setup.fake.earn
        for (asset, value) in snapshot {
            let onExchange = OrderSizing.double(balances[asset, default: 0] + earn[asset, default: 0])
            #expect(abs((value.numberValue ?? -1) - onExchange) <= 1e-9 * max(1, onExchange), "\(asset): state \(value) vs exchange \(onExchange)")
        }
        for order in orders where order.side == "BUY" && !["BTCUSDT", "BNBUSDT"].contains(order.symbol) {
            #expect(state[order.symbol]?.objectValue?["is_holding"] == .bool(true), "\(order.symbol) is held in state")
        }

        // A second run trades nothing more: cooldowns and holdings come from the stored state.
        let again = try await setup.run(["--json"], ["BINANCE_DRY_RUN": "false"])
        #expect(again.exitCode == 0, "\(again.stderr)")
        #expect(await setup.fake.orders.count == orders.count)
        await setup.fake.stop()
    }

    /// Issue #24: a live cycle's recorded inputs replay, offline, to the orders it sent.
    @Test func aLiveCyclesRecordedReplayDecidesWhatItDid() async throws {
        let setup = try await Setup.start()
        let live = try await setup.run(["--json", "--run-id", "live-recorded"], ["BINANCE_DRY_RUN": "false"])
        #expect(live.exitCode == 0, "\(live.stderr)")
        let then = try #require(live.report)
        let sent = await setup.fake.orders.count
        #expect(sent >= 2)
        await setup.fake.stop()
        // The exchange is gone: the replay reads only what the store recorded.
        let replayed = try await setup.run(["replay", "--recorded", "--run-id", "live-recorded"])
        #expect(replayed.exitCode == 0, "\(replayed.stderr)")
        let now = try #require(replayed.report)
        #expect(SignalComparison.orderIntents(now).count == sent, "one intent per order the live cycle sent")
        let difference = SignalComparison.compare(runId: "live-recorded", then: then, now: now)
        #expect(!difference.intentsDiffer && difference.missingGates.isEmpty && difference.newGates.isEmpty, "\(difference.lines)")
        #expect(replayed.stderr.contains("recorded replay of live-recorded:"))
    }

    @Test func anOrderThatTimesOutIsResolvedByQueryAndNotSentTwice() async throws {
        let setup = try await Setup.start(extra: ["CYCLE_TEST_HTTP_TIMEOUT_SECONDS": "2"])
        await setup.fake.inject(.executeThenDelay(seconds: 4), on: "POST /api/v3/order")
        let output = try await setup.run(["--json"], ["BINANCE_DRY_RUN": "false"])
        #expect(output.exitCode == 0, "\(output.stderr)\(output.stdout)")
        let orders = await setup.fake.orders
        #expect(Set(orders.map(\.clientOrderId)).count == orders.count, "no client order id was sent twice")
        #expect(await setup.fake.requestCount("POST /api/v3/order") == orders.count)
        #expect(await setup.fake.requestCount("GET /api/v3/order") >= 1, "the timed-out order was looked up")
        let state = try #require(try setup.storedState()?.objectValue)
        let first = try #require(orders.first)
        if first.side == "BUY", !["BTCUSDT", "BNBUSDT"].contains(first.symbol) {
            #expect(state[first.symbol]?.objectValue?["is_holding"] == .bool(true), "the looked-up fill was booked")
        }
        await setup.fake.stop()
    }

    @Test func validateOnlyIsGreenWithGoodKeys() async throws {
        let setup = try await Setup.start()
        let output = try await setup.run(["validate-only"])
        #expect(output.exitCode == 0, "\(output.stdout)\(output.stderr)")
        for line in ["✓ clock skew", "✓ credentials", "✓ spot trading", "✓ withdrawals", "✓ ip restriction", "✓ state store", "✓ lease", "READY"] {
            #expect(output.stdout.contains(line), "\(line)")
        }
        #expect(await setup.fake.requestCount("POST /api/v3/order") == 0)
        #expect(try setup.storedState() == nil, "validate-only writes no state")
        await setup.fake.stop()
    }

    @Test func validateOnlyNamesEachFailure() async throws {
        // A wrong secret.
        let wrong = try await Setup.start(secret: "not-the-secret-9f8e7d")
        let wrongOutput = try await wrong.run(["validate-only"])
        #expect(wrongOutput.exitCode == 1)
        #expect(wrongOutput.stdout.contains("✗ credentials"))
        #expect(wrongOutput.stdout.contains("-1022"))
        #expect(!(try wrong.everythingWritten(wrongOutput)).contains("not-the-secret-9f8e7d"))
        await wrong.fake.stop()

        // A key without spot trading, withdrawals on, no IP restriction.
        let readOnly = try await Setup.start()
        await readOnly.fake.updateKey(FakeBinance.testAPIKey) { $0.canTradeSpot = false; $0.enableWithdrawals = true; $0.ipRestrict = false }
        let readOnlyOutput = try await readOnly.run(["validate-only"])
        #expect(readOnlyOutput.exitCode == 1)
        #expect(readOnlyOutput.stdout.contains("✗ spot trading"))
        #expect(readOnlyOutput.stdout.contains("! withdrawals"))
        #expect(readOnlyOutput.stdout.contains("! ip restriction"))
        await readOnly.fake.stop()

        // A 10-second clock skew.
        let skewed = try await Setup.start()
        await skewed.fake.setClockSkew(milliseconds: 10_000)
        let skewedOutput = try await skewed.run(["validate-only"])
        #expect(skewedOutput.exitCode == 1)
        #expect(skewedOutput.stdout.contains("✗ clock skew"))
        #expect(skewedOutput.stdout.contains("timedatectl"))
        await skewed.fake.stop()

        // An unreachable store: the state folder is under a regular file.
        let blocked = try await Setup.start()
        let file = blocked.state.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: file)
        let blockedOutput = try await blocked.run(["validate-only"], ["CYCLE_STATE_DIR": file.appendingPathComponent("state").path])
        #expect(blockedOutput.exitCode == 1)
        #expect(blockedOutput.stdout.contains("✗ state store"))
        await blocked.fake.stop()
    }

    /// Issue 12: an operator's exported production settings never reach a test cycle (the binary
    /// gets an allow-listed environment). With the old prefix filter, a bogus Google key path here
    /// made every cycle exit 64. Tests run one at a time, so this process's environment is changed
    /// only while this test runs, then restored.
    @Test func theCallersProductionSettingsNeverReachATestCycle() async throws {
        let production = ["STATE_BACKEND": "firestore", "GOOGLE_APPLICATION_CREDENTIALS": "/nonexistent/key.json",
                          "FIRESTORE_BASE_URL": "https://firestore.googleapis.com", "TELEGRAM_BASE_URL": "https://api.telegram.org",
                          "NOTIFY_LANG": "zh", "SERVICE_NAME": "production"]
        let saved = production.keys.map { ($0, ProcessInfo.processInfo.environment[$0]) }
        for (name, value) in production { setenv(name, value, 1) }
        defer { for (name, value) in saved { if let value { setenv(name, value, 1) } else { unsetenv(name) } } }
        let setup = try await Setup.start()
        let output = try await setup.run(["--json"])
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.report?["service_name"] == "binance-platform")
        await setup.fake.stop()
    }

    @Test func noSecretOrSignatureAppearsInOutputReportsOrState() async throws {
        let setup = try await Setup.start()
        let output = try await setup.run([], ["BINANCE_DRY_RUN": "false"])
        #expect(output.exitCode == 0, "\(output.stderr)")
        let written = try setup.everythingWritten(output)
        #expect(!written.contains(FakeBinance.testSecret))
        #expect(!written.contains(FakeBinance.testAPIKey))
        #expect(!written.contains("signature="))
        await setup.fake.stop()
    }
}

/// Issue 13: the real client against the fake: a symbol exchange info lists as `CANCEL_ONLY`
/// gets the gate with its status and no order is sent for it.
@Suite(.serialized)
struct SymbolStatusCycleTests {
    @Test func aCancelOnlySymbolIsGatedAndNoOrderIsSent() async throws {
        let setup = try await BinanceCycleTests.Setup.start()
        let closed = (await setup.fake.market.symbols.keys).filter { !["BTCUSDT", "BNBUSDT"].contains($0) }
        for symbol in closed { await setup.fake.setStatus(symbol: symbol, "CANCEL_ONLY") }
        let output = try await setup.run(["--json"], ["BINANCE_DRY_RUN": "false"])
        #expect(output.exitCode == 0, "\(output.stderr)")
        let report = try #require(output.report)
        let gated = report["gating_events"]?.objects.filter { $0["gate"] == "order_symbol_not_trading" } ?? []
        #expect(!gated.isEmpty, "the bundled market's last day wants to buy a trend symbol")
        #expect(gated.allSatisfy { $0["detail"] == "CANCEL_ONLY" && closed.contains($0["symbol"]?.stringValue ?? "") })
        let sent = await setup.fake.orders.map(\.symbol)
        #expect(sent.allSatisfy { !closed.contains($0) }, "no order reached a closed market: \(sent)")
        await setup.fake.stop()
    }
}

/// Issue 13: Simple Earn against the fake Binance with the real client: a redemption whose
/// funds reach spot only after 2 s is waited for, and the buys go out after it without a
/// `-2010`; the cycle makes its Simple Earn moves at least 3 s apart (no `-6009`).
@Suite(.serialized)
struct EarnRedemptionCycleTests {
    @Test func fundsCreditedAfterTwoSecondsAreWaitedForAndTheBuysGoOut() async throws {
        let setup = try await BinanceCycleTests.Setup.start(balances: ["USDT": 100, "BNB": Decimal(string: "0.1")!])
        await setup.fake.setEarn("USDT", 9_900)
        await setup.fake.setRedeemCreditDelay(2)
        let output = try await setup.run(["--json"], ["BINANCE_DRY_RUN": "false"])
        #expect(output.exitCode == 0, "\(output.stderr)")
        let report = try #require(output.report)
        #expect(report["status"] == "ok")
        let requests = await setup.fake.requests
        let redeem = try #require(requests.first { $0.route == "POST /sapi/v1/simple-earn/flexible/redeem" })
        let orders = requests.filter { $0.route == "POST /api/v3/order" }
        #expect(!orders.isEmpty, "the cycle bought")
        #expect(orders.allSatisfy { $0.receivedAt.timeIntervalSince(redeem.receivedAt) >= 2 }, "every order waited for the credit")
        let intents = (report["buy_sell_intents"]?.objects ?? []) + (report["btc_dca_intents"]?.objects ?? [])
        let placed = await setup.fake.orders.map(\.clientOrderId)
        for id in intents.compactMap({ $0["client_order_id"]?.stringValue }) { #expect(placed.contains(id), "\(id) was placed, not refused") }
        #expect(await setup.fake.earnFrequencyRefusals == 0)
        let moves = requests.filter { $0.route.hasPrefix("POST /sapi/v1/simple-earn/flexible/") }.map(\.receivedAt)
        for (earlier, later) in zip(moves, moves.dropFirst()) { #expect(later.timeIntervalSince(earlier) >= 3) }
        #expect(report["gating_events"]?.objects.contains { $0["gate"] == "earn_redemption_not_credited" } == false)
        await setup.fake.stop()
    }
}
