import Engine
import Firestore
import Foundation
import Testing
import TestSupport

/// A state write whose commit answer is lost: Firestore may have applied it or not, and the
/// store must find out which instead of calling its own write another writer's change.
struct FirestoreLostAnswerTests {
    static let stateKey = "strategy/MULTI_ASSET_STATE"
    static let unavailable = FakeFirestore.Fault.status(503, status: "UNAVAILABLE", message: "The service is currently unavailable.")

    /// Opens the store over `{"a": 1}` with run-a's lease, the document loaded.
    static func storeHoldingTheLease(_ harness: FirestoreHarness) async throws -> FirestoreStateStore {
        await harness.fake.putDocument(stateKey, typedFields: ["a": ["integerValue": "1"]])
        let store = try await harness.stateStore()
        _ = try await store.acquireLease(LeaseRequest(holder: harness.holder("run-a"), now: Date()))
        _ = try await store.load()
        return store
    }

    static func entry(_ clientOrderId: String) -> JournalEntry {
        JournalEntry(clientOrderId: clientOrderId, runId: "run-a", kind: .order, purpose: .trendBuy, symbol: "ETHUSDT", side: .buy,
                     requestedAmount: "10", sizeIsQuote: true, decisionPrice: 1, tradeDate: "20261207", createdAt: Date())
    }

    @Test func anAppliedCommitWhoseAnswerWasLostIsTakenAsThisRunsWrite() async throws {
        let harness = try await FirestoreHarness.start()
        let store = try await Self.storeHoldingTheLease(harness)
        try await store.recordIntent(Self.entry("T_BUY_X_1"))
        await harness.fake.inject(.appliedButAnswerLost, on: .write)
        let commitsBefore = await harness.fake.requestCount("COMMIT ")
        try await store.write(StateWrite(document: ["a": 2], reason: "trend_buy:X", runId: "run-a", settles: ["T_BUY_X_1"], at: Date()))
        #expect(await harness.fake.requestCount("COMMIT ") == commitsBefore + 1, "not sent twice")
        #expect(await harness.fake.document(Self.stateKey)?.fields == ["a": ["integerValue": "2"]])
        #expect(await harness.fake.document("\(Self.stateKey)/journal/T_BUY_X_1")?.fields["settled"] == ["booleanValue": true],
                "the entry it settled was in the same commit")
        // The next write goes over the version the lost answer carried.
        try await store.write(StateWrite(document: ["a": 3], reason: "cycle_complete", runId: "run-a", at: Date()))
        #expect(await harness.fake.document(Self.stateKey)?.fields == ["a": ["integerValue": "3"]])
        try await store.releaseLease(runId: "run-a")
        await harness.stop()
    }

    @Test func aCommitThatFailedWithoutBeingAppliedIsSentOnceMore() async throws {
        let harness = try await FirestoreHarness.start()
        let store = try await Self.storeHoldingTheLease(harness)
        await harness.fake.inject(Self.unavailable, on: .write)
        let commitsBefore = await harness.fake.requestCount("COMMIT ")
        try await store.write(StateWrite(document: ["a": 2], reason: "daily_reset", runId: "run-a", at: Date()))
        #expect(await harness.fake.requestCount("COMMIT ") == commitsBefore + 2)
        #expect(await harness.fake.documentWrites.filter { $0 == "set \(Self.stateKey)" }.count == 1, "applied once")
        #expect(await harness.fake.document(Self.stateKey)?.fields == ["a": ["integerValue": "2"]])
        await harness.stop()
    }

    @Test func aCommitThatFailsTwiceStaysHeldAndFailsTheWrite() async throws {
        let harness = try await FirestoreHarness.start()
        let store = try await Self.storeHoldingTheLease(harness)
        await harness.fake.inject(Self.unavailable, on: .write, times: 2)
        let error = try await #require(throws: FirestoreError.self) {
            try await store.write(StateWrite(document: ["a": 2], reason: "daily_reset", runId: "run-a", at: Date()))
        }
        #expect(error.isTransient)
        #expect(await harness.fake.document(Self.stateKey)?.fields == ["a": ["integerValue": "1"]])
        try await store.releaseLease(runId: "run-a")
        #expect(await harness.fake.document(Self.stateKey)?.fields == ["a": ["integerValue": "2"]], "still held, sent at the end")
        await harness.stop()
    }

    /// A lost answer is no licence: a document someone else changed is still never overwritten.
    @Test func aLostAnswerOverADocumentChangedElsewhereStillStopsTheCycle() async throws {
        let harness = try await FirestoreHarness.start()
        let store = try await Self.storeHoldingTheLease(harness)
        let theirs: JSONValue = ["written_by": ["stringValue": "the original engine"]]
        await harness.fake.putDocument(Self.stateKey, typedFields: theirs)
        await harness.fake.inject(Self.unavailable, on: .write)
        await #expect(throws: StateChangedElsewhereError.self) {
            try await store.write(StateWrite(document: ["a": 2], reason: "daily_reset", runId: "run-a", at: Date()))
        }
        #expect(await harness.fake.document(Self.stateKey)?.fields == theirs)
        await harness.stop()
    }

    /// A commit that only settles journal entries is sent again when its answer is lost:
    /// settling an entry twice leaves it the same.
    @Test func aLostAnswerOnlySettlingEntriesIsSentAgain() async throws {
        let harness = try await FirestoreHarness.start()
        let store = try await Self.storeHoldingTheLease(harness)
        try await store.recordIntent(Self.entry("T_BUY_X_1"))
        await harness.fake.inject(.appliedButAnswerLost, on: .write)
        // The document is unchanged, so only the settle is committed; its answer is lost.
        try await store.write(StateWrite(document: ["a": 1], reason: "trend_buy:X", runId: "run-a", settles: ["T_BUY_X_1"], at: Date()))
        #expect(await harness.fake.document("\(Self.stateKey)/journal/T_BUY_X_1")?.fields["settled"] == ["booleanValue": true])
        await harness.stop()
    }
}

/// The journal's writes around an order: the intent before the send and the answer after it.
struct FirestoreLostJournalAnswerTests {
    static let entryKey = "strategy/MULTI_ASSET_STATE/journal/T_BUY_X_1"

    @Test func anIntentCreatedButUnansweredIsFoundAndNotCreatedTwice() async throws {
        let harness = try await FirestoreHarness.start()
        let store = try await FirestoreLostAnswerTests.storeHoldingTheLease(harness)
        await harness.fake.inject(.appliedButAnswerLost, on: .write, path: Self.entryKey)
        try await store.recordIntent(FirestoreLostAnswerTests.entry("T_BUY_X_1"))
        #expect(await harness.fake.documentWrites.filter { $0 == "set \(Self.entryKey)" }.count == 1)
        #expect(try await store.unsettledEntries().map(\.clientOrderId) == ["T_BUY_X_1"])
        await harness.stop()
    }

    @Test func anIntentThatFailedWithoutBeingCreatedIsCreatedOnceMore() async throws {
        let harness = try await FirestoreHarness.start()
        let store = try await FirestoreLostAnswerTests.storeHoldingTheLease(harness)
        await harness.fake.inject(FirestoreLostAnswerTests.unavailable, on: .write, path: Self.entryKey)
        try await store.recordIntent(FirestoreLostAnswerTests.entry("T_BUY_X_1"))
        #expect(await harness.fake.document(Self.entryKey) != nil)
        await harness.stop()
    }

    /// Another entry under the same client order id is never taken for this one.
    @Test func anotherEntryUnderTheSameIdIsNotTakenForThisOne() async throws {
        let harness = try await FirestoreHarness.start()
        let store = try await FirestoreLostAnswerTests.storeHoldingTheLease(harness)
        await harness.fake.putDocument(Self.entryKey, typedFields: ["run_id": ["stringValue": "another-run"]])
        await harness.fake.inject(FirestoreLostAnswerTests.unavailable, on: .write, path: Self.entryKey)
        await #expect(throws: FirestoreError.self) { try await store.recordIntent(FirestoreLostAnswerTests.entry("T_BUY_X_1")) }
        #expect(await harness.fake.document(Self.entryKey)?.fields == ["run_id": ["stringValue": "another-run"]])
        await harness.stop()
    }

    @Test func anAnswerWhoseRecordFailedOnceIsRecorded() async throws {
        let harness = try await FirestoreHarness.start()
        let store = try await FirestoreLostAnswerTests.storeHoldingTheLease(harness)
        try await store.recordIntent(FirestoreLostAnswerTests.entry("T_BUY_X_1"))
        await harness.fake.inject(.appliedButAnswerLost, on: .write, path: Self.entryKey)
        try await store.recordOutcome(.rejected("-2010 refused"), clientOrderId: "T_BUY_X_1")
        #expect(await harness.fake.document(Self.entryKey)?.fields["outcome"] == ["stringValue": "REJECTED"])
        await harness.stop()
    }
}
