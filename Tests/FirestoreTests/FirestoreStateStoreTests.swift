import Engine
import Firestore
import Foundation
import Testing
import TestSupport

/// The state document, the lease and the artifact rung on the fake Firestore.
struct FirestoreStateStoreTests {
    static let stateKey = "strategy/MULTI_ASSET_STATE"

    @Test func aWriteKeepsTypesAndUnknownKeysAndNeedsTheLease() async throws {
        let harness = try await FirestoreHarness.start()
        await harness.fake.putDocument(Self.stateKey, typedFields: try FirestoreHarness.originalStateFields())
        let store = try await harness.stateStore()
        var document = try #require(try await store.load()?.objectValue)
        document["last_reset_date"] = "2026-11-21"
        await #expect(throws: LeaseLostError.self) {
            try await store.write(StateWrite(document: .object(document), reason: "daily_reset", runId: "run-a", at: Date()))
        }
        _ = try await store.acquireLease(LeaseRequest(holder: harness.holder("run-a"), now: Date()))
        try await store.write(StateWrite(document: .object(document), reason: "daily_reset", runId: "run-a", at: Date()))
        let stored = try #require(await harness.fake.document(Self.stateKey))
        #expect(stored.fields["operator_review_count"] == ["integerValue": "3"])
        #expect(stored.fields["daily_equity_base"] == ["doubleValue": .double(0)])
        #expect(stored.fields["last_reset_date"] == ["stringValue": "2026-11-21"])
        #expect(stored.fields["operator_limits"] == (try FirestoreHarness.originalStateFields())["operator_limits"])
        document["last_reset_date"] = "2026-11-22"
        try await store.write(StateWrite(document: .object(document), reason: "cycle_complete", runId: "run-a", at: Date()))
        #expect(await harness.fake.documentWrites.filter { $0 == "set strategy/MULTI_ASSET_STATE" }.count == 2, "the second write used the first one's version")
        await harness.stop()
    }

    @Test func aDocumentChangedByAnotherWriterIsNeverOverwritten() async throws {
        let harness = try await FirestoreHarness.start()
        await harness.fake.putDocument(Self.stateKey, typedFields: try FirestoreHarness.originalStateFields())
        let store = try await harness.stateStore()
        _ = try await store.acquireLease(LeaseRequest(holder: harness.holder("run-a"), now: Date()))
        let document = try #require(try await store.load())
        let theirs: JSONValue = ["written_by": ["stringValue": "the original engine"]]
        await harness.fake.putDocument(Self.stateKey, typedFields: theirs)
        let error = try await #require(throws: StateChangedElsewhereError.self) {
            try await store.write(StateWrite(document: document, reason: "trend_pool_metadata_refresh", runId: "run-a", at: Date()))
        }
        #expect(error.runId == "run-a")
        #expect(await harness.fake.document(Self.stateKey)?.fields == theirs)
        await harness.stop()
    }

    @Test func aMissingDocumentIsCreatedOnlyIfStillMissing() async throws {
        let harness = try await FirestoreHarness.start()
        let store = try await harness.stateStore()
        _ = try await store.acquireLease(LeaseRequest(holder: harness.holder("run-a"), now: Date()))
        #expect(try await store.load() == nil)
        await harness.fake.putDocument(Self.stateKey, typedFields: ["created_meanwhile": ["booleanValue": true]])
        await #expect(throws: StateChangedElsewhereError.self) {
            try await store.write(StateWrite(document: ["a": 1], reason: "trend_pool_metadata_refresh", runId: "run-a", at: Date()))
        }
        await harness.stop()
    }

    @Test func theLeaseKeepsASecondRunnerOutUntilReleasedOrExpired() async throws {
        let harness = try await FirestoreHarness.start()
        let first = try await harness.stateStore(), second = try await harness.stateStore()
        #expect(try await first.acquireLease(LeaseRequest(holder: harness.holder("run-a"), now: Date())).tookOverFrom == nil)
        let held = try await #require(throws: LeaseHeldError.self) {
            try await second.acquireLease(LeaseRequest(holder: harness.holder("run-b"), now: Date()))
        }
        #expect(held.holder.runId == "run-a" && held.holder.host == "test-host" && held.holder.processId == 4242)
        try await first.releaseLease(runId: "run-a")
        _ = try await second.acquireLease(LeaseRequest(holder: harness.holder("run-b", expiresIn: -1), now: Date()))
        let third = try await harness.stateStore()
        let grant = try await third.acquireLease(LeaseRequest(holder: harness.holder("run-c"), now: Date()))
        #expect(grant.tookOverFrom?.runId == "run-b", "an expired lease is taken over and named")
        #expect(await harness.fake.document("strategy/MULTI_ASSET_STATE_LEASE")?.fields["run_id"] == ["stringValue": "run-c"])
        await harness.stop()
    }

    @Test func theArtifactRungReadsThePublishedDocumentOrSaysWhyNot() async throws {
        let harness = try await FirestoreHarness.start()
        let source = FirestoreArtifactSource(client: harness.client, path: DocumentPath(collection: "strategy", document: "CRYPTO_LIVE_POOL_ROTATION_LIVE_POOL"))
        #expect(source.label == "firestore:strategy/CRYPTO_LIVE_POOL_ROTATION_LIVE_POOL")
        #expect(try await source.fetch() == .missing(reason: "missing Firestore document strategy/CRYPTO_LIVE_POOL_ROTATION_LIVE_POOL"))
        let payload = try FirestoreHarness.originalStateFields()["trend_pool_last_good_payload"]?["mapValue"]?["fields"]
        await harness.fake.putDocument("strategy/CRYPTO_LIVE_POOL_ROTATION_LIVE_POOL", typedFields: try #require(payload))
        guard case .payload(let fetched) = try await source.fetch() else { Issue.record("expected a payload"); return }
        #expect(fetched["pool_size"] == .int(5) && fetched["symbols"]?.arrayValue?.count == 5)
        await harness.fake.inject(.status(503, status: "UNAVAILABLE", message: "The service is currently unavailable."), on: .read, times: 2)
        let error = try await #require(throws: ArtifactReadError.self) { try await source.fetch() }
        #expect(error.message.contains("503"))
        #expect(await harness.fake.requestCount("GET strategy/CRYPTO") == 4, "one retry after the first 503")
        await harness.stop()
    }

    @Test func googleErrorsBecomeKindsWithRemedies() async throws {
        let harness = try await FirestoreHarness.start()
        await harness.fake.inject(.apiDisabled, on: .read)
        let disabled = try await #require(throws: FirestoreError.self) { try await harness.client.get(FirestoreHarness.statePath) }
        #expect(disabled.kind == .apiDisabled)
        await harness.stop()

        let wrongProject = try await FirestoreHarness.start(project: "someone-elses-project")
        let denied = try await #require(throws: FirestoreError.self) { try await wrongProject.client.get(FirestoreHarness.statePath) }
        #expect(denied.kind == .permissionDenied && denied.description.contains("roles/datastore.user"))
        #expect(!denied.description.contains("ya29."), "no access token in errors")
        await wrongProject.stop()
    }

    /// Issue 23: Firestore bills each document written. A write equal to the stored document is
    /// not sent; writes the cycle lets wait go out folded into one.
    @Test func writesThatChangeNothingOrMayWaitCostNoDocumentWrite() async throws {
        let harness = try await FirestoreHarness.start()
        await harness.fake.putDocument(Self.stateKey, typedFields: ["a": ["integerValue": "1"]])
        let store = try await harness.stateStore()
        _ = try await store.acquireLease(LeaseRequest(holder: harness.holder("run-a"), now: Date()))
        let before = await harness.fake.documentWrites.count
        #expect(try await store.load() == ["a": 1])
        try await store.write(StateWrite(document: ["a": 1], reason: "cycle_complete", runId: "run-a", at: Date()))
        #expect(await harness.fake.documentWrites.count == before, "an unchanged document is not written again")
        try await store.write(StateWrite(document: ["a": 2], reason: "daily_reset", runId: "run-a", at: Date(), durability: .beforeNextSend))
        try await store.write(StateWrite(document: ["a": 3], reason: "trend_pool_metadata_refresh", runId: "run-a", at: Date(), durability: .beforeNextSend))
        #expect(await harness.fake.documentWrites.count == before, "held until an order is journaled, another write, or the end")
        try await store.write(StateWrite(document: ["a": 4], reason: "cycle_complete", runId: "run-a", at: Date()))
        #expect(await harness.fake.documentWrites.dropFirst(before) == ["set \(Self.stateKey)"], "three writes, one document write")
        #expect(await harness.fake.document(Self.stateKey)?.fields == ["a": ["integerValue": "4"]])
        try await store.releaseLease(runId: "run-a")
        let history = try await store.history(runId: "run-a", limit: 10)
        #expect(history.map(\.reason) == ["cycle_complete", "daily_reset", "trend_pool_metadata_refresh", "cycle_complete"])
        #expect(history.map(\.changedKeys) == ["", "a", "a", "a"])
        await harness.stop()
    }

    /// A held write that cannot be stored stays held: no journal intent (so no order) goes out
    /// until it is stored, and at the end of the run its loss fails the cycle.
    @Test func aHeldWriteThatCannotBeStoredBlocksTheNextOrderAndIsNeverDropped() async throws {
        let harness = try await FirestoreHarness.start()
        await harness.fake.putDocument(Self.stateKey, typedFields: ["a": ["integerValue": "1"]])
        let store = try await harness.stateStore()
        _ = try await store.acquireLease(LeaseRequest(holder: harness.holder("run-a"), now: Date()))
        _ = try await store.load()
        try await store.write(StateWrite(document: ["a": 2], reason: "daily_reset", runId: "run-a", at: Date(), durability: .beforeNextSend))
        let entry = JournalEntry(clientOrderId: "T_BUY_X_1", runId: "run-a", kind: .order, purpose: .trendBuy, symbol: "ETHUSDT", side: .buy,
                                 requestedAmount: "10", sizeIsQuote: true, decisionPrice: 1, tradeDate: "20261207", createdAt: Date())
        // Twice: a commit that fails without being applied is sent once more.
        await harness.fake.inject(.status(503, status: "UNAVAILABLE", message: "The service is currently unavailable."), on: .write, times: 2)
        await #expect(throws: FirestoreError.self) { try await store.recordIntent(entry) }
        #expect(await harness.fake.document("\(Self.stateKey)/journal/T_BUY_X_1") == nil, "no intent, so no order")
        try await store.recordIntent(entry)
        #expect(await harness.fake.document(Self.stateKey)?.fields == ["a": ["integerValue": "2"]], "the held write went first")
        #expect(await harness.fake.document("\(Self.stateKey)/journal/T_BUY_X_1") != nil)

        try await store.write(StateWrite(document: ["a": 3], reason: "trend_buy:X", runId: "run-a", settles: ["T_BUY_X_1"], at: Date(),
                                         durability: .withNextWrite))
        await harness.fake.inject(.status(503, status: "UNAVAILABLE", message: "The service is currently unavailable."), on: .write, times: 5)
        await #expect(throws: HeldStateWriteLostError.self) { try await store.releaseLease(runId: "run-a") }
        #expect(await harness.fake.document("\(Self.stateKey)/journal/T_BUY_X_1")?.fields["settled"] == ["booleanValue": false],
                "the entry stays unsettled for the next cycle to book")
        await harness.stop()
    }

    /// Google's 404 for a document an update needed is a failed precondition, not a missing database.
    @Test func aMissingDocumentIsNotAMissingDatabase() async throws {
        let harness = try await FirestoreHarness.start()
        let error = try await #require(throws: FirestoreError.self) {
            try await harness.client.commit([.update(DocumentPath(collection: "strategy", document: "NOPE"), fields: ["a": 1])], operation: "update")
        }
        #expect(error.kind == .preconditionFailed, "\(error)")
        await harness.stop()
    }
}
