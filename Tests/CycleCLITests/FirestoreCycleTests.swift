import Engine
import Foundation
import Testing
import TestSupport

/// The real `cycle` binary with state and the upstream artifact in the fake Firestore, alerts on
/// the fake Telegram, trading on the fake Binance.
@Suite(.serialized)
struct FirestoreCycleTests {
    static let statePath = "strategy/MULTI_ASSET_STATE"
    static let artifactPath = "strategy/CRYPTO_LIVE_POOL_ROTATION_LIVE_POOL"

    struct Peers {
        let binance: BinanceCycleTests.Setup
        let firestore: FakeFirestore
        let telegram: FakeTelegram

        static func start(asOf: String? = nil, stateBackend: String = "firestore") async throws -> Peers {
            let firestore = try await FakeFirestore.launch()
            let telegram = try await FakeTelegram.launch()
            let folder = CycleBinary.scratchStateDirectory()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let keyPath = try await firestore.writeKeyFile(in: folder)
            let binance = try await BinanceCycleTests.Setup.start(extra: [
                "STATE_BACKEND": stateBackend, "GOOGLE_APPLICATION_CREDENTIALS": keyPath,
                "FIRESTORE_BASE_URL": await firestore.baseURL.absoluteString,
                "TG_TOKEN": FakeTelegram.testToken, "GLOBAL_TELEGRAM_CHAT_ID": FakeTelegram.testChatId,
                "TELEGRAM_BASE_URL": await telegram.baseURL.absoluteString,
                "STRATEGY_ARTIFACT_FILE": "", "STRATEGY_ARTIFACT_ALLOW_NEW_ENTRIES_ON_DEGRADED": "false",
                "CYCLE_TEST_HTTP_TIMEOUT_SECONDS": "5",
            ])
            await firestore.putDocument(statePath, typedFields: try originalStateFields())
            await firestore.putDocument(artifactPath, typedFields: try artifactFields(asOf: asOf ?? CalendarDay(Date()).iso))
            return Peers(binance: binance, firestore: firestore, telegram: telegram)
        }

        func stop() async {
            await binance.fake.stop()
            await firestore.stop()
            await telegram.stop()
        }

        /// The stored state decoded from its typed wire form by hand (independently of the adapter).
        func storedStateFields() async throws -> JSONObject {
            try #require(await firestore.document(FirestoreCycleTests.statePath)?.fields.objectValue)
        }
    }

    static func originalStateFields() throws -> JSONValue {
        try JSONParser.parse(Data(contentsOf: CycleBinary.repositoryRoot.appendingPathComponent("Fixtures/firestore/original_state.fields.json")))
    }

    /// The bundled live pool, as the publisher writes it to Firestore (typed top-level fields).
    static func artifactFields(asOf: String) throws -> JSONValue {
        var payload = try JSONParser.parse(Data(contentsOf: FakeMarket.bundledDirectory.appendingPathComponent("live_pool.json"))).objectValue ?? [:]
        payload["as_of_date"] = .string(asOf)
        payload["generated_at"] = .string("\(asOf)T00:05:00+00:00")
        return .object(payload.mapValues(typed))
    }

    static func typed(_ value: JSONValue) -> JSONValue {
        switch value {
        case .null: return ["nullValue": .null]
        case .bool(let flag): return ["booleanValue": .bool(flag)]
        case .int(let number): return ["integerValue": .string(String(number))]
        case .double(let number): return ["doubleValue": .double(number)]
        case .string(let text): return ["stringValue": .string(text)]
        case .array(let items): return ["arrayValue": ["values": .array(items.map(typed))]]
        case .object(let members): return ["mapValue": ["fields": .object(members.mapValues(typed))]]
        }
    }

    @Test func theOriginalsStateIsReadTradedOnAndWrittenBackWithKeysAndTypesIntact() async throws {
        let peers = try await Peers.start()
        let output = try await peers.binance.run(["--json"], ["BINANCE_DRY_RUN": "false"])
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.stderr.contains("strategy/MULTI_ASSET_STATE"))
        #expect(await peers.binance.fake.orders.count >= 2, "the cycle traded")
        let original = try #require(try Self.originalStateFields().objectValue)
        let stored = try await peers.storedStateFields()
        for key in original.keys where !["AVAXUSDT"].contains(key) {
            #expect(stored[key] != nil, "\(key) kept")
        }
        #expect(stored["operator_note"] == original["operator_note"])
        #expect(stored["operator_review_count"] == ["integerValue": "3"], "an unknown integer stays an integer")
        #expect(stored["operator_limits"] == original["operator_limits"], "an unknown nested map is untouched")
        #expect(stored["trend_pool_source"] == ["stringValue": "fresh_upstream"])
        #expect(stored["trend_pool_last_good_payload"]?["mapValue"]?["fields"]?["pool_size"] == ["integerValue": "5"])
        #expect(stored["last_reset_date"] == ["stringValue": .string(CalendarDay(Date()).iso)])
        #expect(stored["daily_equity_base"]?.objectValue?.keys.first == "doubleValue", "floats stay floats")
        #expect(stored["is_circuit_broken"] == ["booleanValue": false])
        let held = await peers.binance.fake.orders.filter { $0.side == "BUY" && $0.symbol != "BTCUSDT" }.map(\.symbol)
        for symbol in held {
            #expect(stored[symbol]?["mapValue"]?["fields"]?["is_holding"] == ["booleanValue": true], "\(symbol) held")
            #expect(stored[symbol]?["mapValue"]?["fields"]?["entry_price"]?.objectValue?.keys.first == "doubleValue")
        }
        #expect(await peers.firestore.document("strategy/MULTI_ASSET_STATE_LEASE")?.fields["released_at"] != nil, "the lease was given back")
        let messages = await peers.telegram.messages
        #expect(!messages.isEmpty && messages.allSatisfy { $0.text.hasPrefix("🤖 Binance Quant:\n") })
        let report = try #require(output.report?.objectValue)
        #expect(report["status"] == .string("ok"))
        #expect(report["notifications"]?.arrayValue?.allSatisfy { $0["delivery_status"] == .string("sent") } == true)

        // Re-read by a second cycle, which loads it, trades nothing new and writes it again.
        let ordersAfterFirst = await peers.binance.fake.orders.count
        let again = try await peers.binance.run(["--json"], ["BINANCE_DRY_RUN": "false"])
        #expect(again.exitCode == 0, "\(again.stderr)")
        #expect(await peers.binance.fake.orders.count == ordersAfterFirst)
        #expect(try await peers.storedStateFields()["operator_review_count"] == ["integerValue": "3"])
        await peers.stop()
    }

    /// Firestore applies a state write but its answer is lost: the cycle reads the document
    /// again, takes that version as its own write's and ends `ok`, instead of stopping on its own
    /// write as if another writer had made it.
    @Test func aStateWriteWhoseAnswerIsLostIsFoundAppliedAndTheCycleEndsOk() async throws {
        let peers = try await Peers.start()
        await peers.firestore.inject(.appliedButAnswerLost, on: .write, path: Self.statePath)
        let output = try await peers.binance.run(["--json"], ["BINANCE_DRY_RUN": "false"])
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.stderr.contains("firestore write answer lost, the write was applied"))
        #expect(output.report?["status"] == .string("ok"))
        #expect(await peers.binance.fake.orders.count >= 2, "the cycle went on to trade")
        #expect(try await peers.storedStateFields()["last_reset_date"] == ["stringValue": .string(CalendarDay(Date()).iso)])
        #expect(await peers.firestore.document("strategy/MULTI_ASSET_STATE_LEASE")?.fields["released_at"] != nil)
        await peers.stop()
    }

    @Test func theUpstreamLadderFallsThroughWithTheReasonInTheReport() async throws {
        let peers = try await Peers.start()
        let fresh = try #require(try await peers.binance.run(["--json"]).report?.objectValue)
        #expect(fresh["degraded_mode_level"] == .null)
        #expect(fresh["log_lines"]?.arrayValue?.contains { $0.stringValue?.contains("fresh_upstream") == true } == true)

        await peers.firestore.putDocument(Self.artifactPath, typedFields: try Self.artifactFields(asOf: "2025-01-01"))
        let stale = try #require(try await peers.binance.run(["--json"]).report?.objectValue)
        #expect(stale["degraded_mode_level"] == .string("last_known_good"))

        await peers.firestore.removeDocument(Self.artifactPath)
        let missing = try #require(try await peers.binance.run(["--json"]).report)
        #expect(missing["degraded_mode_level"] == .string("last_known_good"))
        #expect((missing["diagnostics"]?["pool_resolution"]?["messages"]?.strings.first ?? "").contains("strategy/CRYPTO_LIVE_POOL_ROTATION_LIVE_POOL"))

        await peers.firestore.putDocument(Self.artifactPath, typedFields: try Self.artifactFields(asOf: CalendarDay(Date()).iso))
        await peers.firestore.inject(.status(503, status: "UNAVAILABLE", message: "The service is currently unavailable."), on: .read, path: Self.artifactPath, times: 2)
        let unavailable = try #require(try await peers.binance.run(["--json"]).report)
        #expect(unavailable["degraded_mode_level"] == .string("last_known_good"))
        #expect((unavailable["diagnostics"]?["pool_resolution"]?["messages"]?.strings.first ?? "").contains("503"))
        #expect(await peers.binance.fake.requestCount("POST /api/v3/order") == 0, "dry runs")
        await peers.stop()
    }

    @Test func firestoreUnavailableForTheStateAbortsWithoutOrdersAndAlerts() async throws {
        let peers = try await Peers.start()
        await peers.firestore.inject(.status(503, status: "UNAVAILABLE", message: "The service is currently unavailable."), on: .read, path: Self.statePath, times: 10)
        let output = try await peers.binance.run(["--json"], ["BINANCE_DRY_RUN": "false"])
        #expect(output.exitCode == 2, "\(output.stderr)")
        let report = try #require(output.report?.objectValue)
        #expect(report["status"] == .string("aborted"))
        #expect(JSONWriter.string(.object(report)).contains("state_load"))
        #expect(await peers.binance.fake.requestCount("POST /api/v3/order") == 0)
        // Only the aborted run's own record (its report and call audit) is kept; no state, lease or journal write.
        let written = await peers.firestore.documentWrites
        #expect(written.count == 1 && written.allSatisfy { $0.hasPrefix("set \(Self.statePath)/runs/") }, "\(written)")
        let alert = try #require(await peers.telegram.messages.last?.text)
        #expect(alert.contains("【System Crash】") && alert.contains("503"))
        await peers.stop()
    }

    /// Issue 12: fields of kinds JSON cannot express, under keys this engine does not own, are
    /// written back byte for byte in wire form, through two live cycles.
    @Test func unknownTimestampBytesReferenceGeoPointAndNullFieldsSurviveTwoLiveCycles() async throws {
        let peers = try await Peers.start()
        let extras: JSONObject = [
            "operator_checked_at": ["timestampValue": "2026-11-21T10:00:00.123456Z"],
            "operator_blob": ["bytesValue": "AAEC/w=="],
            "operator_ref": ["referenceValue": "projects/fake-project/databases/(default)/documents/strategy/OTHER"],
            "operator_place": ["geoPointValue": ["latitude": 48.8566, "longitude": 2.3522]],
            "operator_nothing": ["nullValue": .null],
        ]
        var fields = try #require(try Self.originalStateFields().objectValue)
        fields.merge(extras) { $1 }
        await peers.firestore.putDocument(Self.statePath, typedFields: .object(fields))
        for run in 1...2 {
            let output = try await peers.binance.run(["--json"], ["BINANCE_DRY_RUN": "false"])
            #expect(output.exitCode == 0, "run \(run): \(output.stderr)")
        }
        #expect(await peers.firestore.documentWrites.filter { $0 == "set \(Self.statePath)" }.count >= 2, "both cycles wrote the document")
        let stored = try await peers.storedStateFields()
        for (key, wire) in extras {
            #expect(stored[key] == wire, "\(key) kept as \(JSONWriter.string(wire, pretty: false))")
        }
        await peers.stop()
    }

    @Test func twoCyclesRacingOnOneAccountLetOnlyOneTrade() async throws {
        let peers = try await Peers.start()
        await peers.binance.fake.setLatency(0.15)
        let environment = peers.binance.environment.merging(["BINANCE_DRY_RUN": "false"]) { $1 }
        let first = try CycleBinary.start(["--json", "--run-id", "race-a"], environment: environment)
        let second = try CycleBinary.start(["--json", "--run-id", "race-b"], environment: environment)
        let outputs = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: [first.finish(), second.finish()]) }
        }
        #expect(Set(outputs.map(\.exitCode)) == [0, 2], "\(outputs.map(\.stderr))")
        let loser = try #require(outputs.first { $0.exitCode == 2 })
        let loserError = loser.report?["error_summary"]?["errors"]?.objects.first
        #expect(loserError?["stage"] == "lease", "\(loser.stderr) \(loser.stdout)")
        let winner = try #require(outputs.first { $0.exitCode == 0 }?.report?.objectValue)
        let winnerIds = ((winner["buy_sell_intents"]?.arrayValue ?? []) + (winner["btc_dca_intents"]?.arrayValue ?? []))
            .compactMap { $0["client_order_id"]?.stringValue }
        let orders = await peers.binance.fake.orders
        #expect(!orders.isEmpty && Set(orders.map(\.clientOrderId)) == Set(winnerIds), "every order is the winner's: \(orders.map(\.clientOrderId))")
        #expect(loser.report?["buy_sell_intents"]?.arrayValue?.isEmpty ?? true, "the loser decided nothing")
        await peers.stop()
    }

    @Test func aTelegramOutageFailsDeliveryButNotTheCycleAndTheTokenNeverLeaks() async throws {
        let peers = try await Peers.start()
        await peers.telegram.inject(.status(502), times: 50)
        let output = try await peers.binance.run(["--json"], ["BINANCE_DRY_RUN": "false"])
        #expect(output.exitCode == 1, "\(output.stderr)")
        let report = try #require(output.report?.objectValue)
        #expect(report["status"] == .string("error"))
        #expect(JSONWriter.string(.object(report)).contains("notification_delivery"))
        #expect(report["notifications"]?.arrayValue?.contains { $0["error_type"] == .string("http_error") } == true)
        #expect(await peers.binance.fake.orders.count >= 2, "the cycle still traded")
        #expect(try await peers.storedStateFields()["trend_pool_source"] == ["stringValue": "fresh_upstream"], "and wrote its state")
        let written = try peers.binance.everythingWritten(output)
        #expect(!written.contains(FakeTelegram.testToken) && !written.contains("TEST-telegram-token"))
        await peers.stop()
    }

    @Test func validateOnlyCoversFirestoreAndTelegram() async throws {
        let peers = try await Peers.start()
        let output = try await peers.binance.run(["validate-only"])
        #expect(output.exitCode == 0, "\(output.stdout)\(output.stderr)")
        for line in ["✓ google auth", "✓ state store", "Firestore strategy/MULTI_ASSET_STATE", "✓ lease", "✓ live pool", "✓ telegram", "@cycle_test_bot"] {
            #expect(output.stdout.contains(line), "\(line)")
        }
        #expect(await peers.telegram.messages.isEmpty, "validate-only sends no alert")
        #expect(await peers.firestore.documentWrites.isEmpty, "the lease is read, never written; no state, journal or run written")

        await peers.firestore.inject(.apiDisabled, on: .read, path: Self.statePath, times: 2)
        let disabled = try await peers.binance.run(["validate-only"])
        #expect(disabled.exitCode == 1)
        #expect(disabled.stdout.contains("✗ state store"))
        await peers.stop()
    }

    @Test func aCycleThatCannotStartSendsTheRuntimeErrorAlert() async throws {
        let peers = try await Peers.start()
        let output = try await peers.binance.run([], ["GOOGLE_APPLICATION_CREDENTIALS": "/nonexistent/key.json"])
        #expect(output.exitCode == 64)
        #expect(output.stderr.contains("/nonexistent/key.json"))
        let alert = try #require(await peers.telegram.messages.last?.text)
        let lines = alert.split(separator: "\n").map(String.init)
        #expect(lines.first == "🤖 Binance Quant:")
        #expect(Array(lines.dropFirst().prefix(3)) == ["Binance strategy run failed", "service: binance-platform", "strategy: <unset>"])
        #expect(lines.count > 4 && lines[4].hasPrefix("error: GoogleAuthError: "))
        #expect(await peers.binance.fake.requestCount() == 0)
        await peers.stop()
    }
}
