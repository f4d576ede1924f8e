import Engine
import Foundation
import Operations
import Testing

/// `cycle halt` / `cycle resume` as a use case on the deployment's store (here the in-memory
/// one): no binary, no folder.
@Suite struct TradingModeChangeTests {
    let now = Date()

    func halt(createAccount: Bool = false) -> TradingModeChange {
        TradingModeChange(mode: .halt, reason: "drill", setBy: "carol", createAccount: createAccount)
    }

    @Test func aHaltIsWrittenUnderTheLeaseWithWhoAndWhyInTheHistory() async throws {
        let store = InMemoryStateStore(document: ["last_reset_date": "2026-12-07", "operator_note": "kept"])
        try await halt().apply(to: store, isFirestore: false, runId: "operator-1", host: "ops", processId: 7, now: now)
        let document = try #require(try await store.load())
        #expect(document["operator_control"]?["mode"] == "halt")
        #expect(document["operator_control"]?["set_by"] == "carol" && document["operator_control"]?["reason"] == "drill")
        #expect(document["operator_note"] == "kept", "every other key stays")
        #expect(try await store.history(runId: "operator-1", limit: 10).map(\.reason) == ["operator_control mode=halt by=carol reason=drill"])
        #expect(try await store.currentLease() == nil, "the lease is given back")
    }

    @Test func aRunningCycleKeepsTheModeUnchanged() async throws {
        let cycle = LeaseHolder(runId: "cycle-1", host: "runner", processId: 1, acquiredAt: now, expiresAt: now.addingTimeInterval(600))
        let store = InMemoryStateStore(document: ["a": 1], lease: cycle)
        await #expect(throws: LeaseHeldError.self) {
            try await halt().apply(to: store, isFirestore: false, runId: "operator-1", host: "ops", processId: 7, now: now)
        }
        #expect(try await store.load() == ["a": 1])
        #expect(try await store.currentLease()?.runId == "cycle-1", "the cycle's lease is untouched")
    }

    @Test func noDocumentIsCreatedWithoutCreateAccount() async throws {
        let store = InMemoryStateStore()
        let error = try await #require(throws: MissingStateDocumentError.self) {
            try await halt().apply(to: store, isFirestore: true, runId: "operator-1", host: "ops", processId: 7, now: now)
        }
        #expect(error.firestore && error.description.contains("--create-account"))
        #expect(try await store.load() == nil)
        #expect(try await store.currentLease() == nil)
        try await halt(createAccount: true).apply(to: store, isFirestore: false, runId: "operator-2", host: "ops", processId: 7, now: now)
        #expect(try await store.load()?["operator_control"]?["mode"] == "halt")
    }

    @Test func aDocumentThatCannotBeReadIsNeverOverwritten() async throws {
        let unreadable: JSONValue = ["operator_control": ["mode": "sideways"]]
        let store = InMemoryStateStore(document: unreadable)
        await #expect(throws: StateDocumentError.self) {
            try await TradingModeChange(mode: .run, reason: "resumed", setBy: "dave", createAccount: false)
                .apply(to: store, isFirestore: false, runId: "operator-1", host: "ops", processId: 7, now: now)
        }
        #expect(try await store.load() == unreadable)
    }
}
