import Engine
import Firestore
import Foundation
import LocalStore
import Testing
import TestSupport

/// The state store and lease port (`StateStore` + `RunLease`) mean the same thing on every
/// implementation: in memory, SQLite, and Firestore over the fake Firestore.
@Suite(.serialized) struct LeaseContractTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case inMemory, sqlite, firestore
        var testDescription: String { rawValue }
    }

    /// Two runs' handles on one account's store (for Firestore: two processes' store objects).
    struct Stores {
        let a: any CycleStore
        let b: any CycleStore
        let stop: () async -> Void
    }

    static func stores(_ kind: Kind) async throws -> Stores {
        switch kind {
        case .inMemory:
            let store = InMemoryStateStore()
            return Stores(a: store, b: store, stop: {})
        case .sqlite:
            let database = try StateDatabase.inMemory()
            return Stores(a: SQLiteStateStore(database: database, account: "paper"), b: SQLiteStateStore(database: database, account: "paper"), stop: {})
        case .firestore:
            let fake = try await FakeFirestore.launch()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lease-contract-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let client = FirestoreClient(key: try ServiceAccountKey.load(path: try await fake.writeKeyFile(in: folder, project: nil)),
                                         baseURL: await fake.baseURL, timeoutSeconds: 5, retryDelaySeconds: 0.05)
            let path = DocumentPath(collection: "strategy", document: "MULTI_ASSET_STATE")
            func store() async throws -> FirestoreStateStore {
                FirestoreStateStore(client: client, path: path)
            }
            let first = try await store(), second = try await store()
            return Stores(a: first, b: second, stop: {
                await fake.stop()
                try? FileManager.default.removeItem(at: folder)
            })
        }
    }

    let now = Date()

    func holder(_ runId: String, ttl: TimeInterval = 600) -> LeaseHolder {
        LeaseHolder(runId: runId, host: "host-\(runId)", processId: 1, acquiredAt: now, expiresAt: now.addingTimeInterval(ttl))
    }

    func write(_ store: any CycleStore, runId: String, at: Date, value: Int64) async throws {
        try await store.write(StateWrite(document: ["value": .int(value)], reason: "contract", runId: runId, at: at))
    }

    @Test(arguments: Kind.allCases)
    func aHeldLeaseRefusesASecondRunAndOnlyItsHolderWrites(_ kind: Kind) async throws {
        let stores = try await Self.stores(kind)
        _ = try await stores.a.acquireLease(LeaseRequest(holder: holder("run-a"), now: now))
        await #expect(throws: LeaseHeldError.self) { _ = try await stores.b.acquireLease(LeaseRequest(holder: holder("run-b"), now: now)) }
        try await write(stores.a, runId: "run-a", at: now, value: 1)
        await #expect(throws: LeaseLostError.self) { try await write(stores.b, runId: "run-b", at: now, value: 2) }
        #expect(try await stores.a.load() == ["value": 1])
        await stores.stop()
    }

    @Test(arguments: Kind.allCases)
    func aRunWithoutTheLeaseCannotWrite(_ kind: Kind) async throws {
        let stores = try await Self.stores(kind)
        await #expect(throws: LeaseLostError.self) { try await write(stores.a, runId: "run-a", at: now, value: 1) }
        #expect(try await stores.a.load() == nil)
        await stores.stop()
    }

    @Test(arguments: Kind.allCases)
    func renewingExtendsTheHoldersLeaseAndFencesEveryoneElse(_ kind: Kind) async throws {
        let stores = try await Self.stores(kind)
        _ = try await stores.a.acquireLease(LeaseRequest(holder: holder("run-a", ttl: 60), now: now))
        try await stores.a.renewLease(runId: "run-a", now: now, until: now.addingTimeInterval(900))
        await #expect(throws: LeaseLostError.self) { try await stores.b.renewLease(runId: "run-b", now: now, until: now.addingTimeInterval(900)) }
        // Past the first expiry, the renewed lease still holds off a second run and still lets its holder write.
        let later = now.addingTimeInterval(120)
        await #expect(throws: LeaseHeldError.self) { _ = try await stores.b.acquireLease(LeaseRequest(holder: holder("run-b"), now: later)) }
        try await write(stores.a, runId: "run-a", at: later, value: 1)
        await stores.stop()
    }

    @Test(arguments: Kind.allCases)
    func anExpiredLeaseIsTakenOverAndTheOldHolderIsFencedOut(_ kind: Kind) async throws {
        let stores = try await Self.stores(kind)
        _ = try await stores.a.acquireLease(LeaseRequest(holder: holder("run-a", ttl: 60), now: now))
        let later = now.addingTimeInterval(120)
        let taker = LeaseHolder(runId: "run-b", host: "host-run-b", processId: 1, acquiredAt: later, expiresAt: later.addingTimeInterval(600))
        let grant = try await stores.b.acquireLease(LeaseRequest(holder: taker, now: later))
        #expect(grant.tookOverFrom?.runId == "run-a")
        await #expect(throws: LeaseLostError.self) { try await stores.a.renewLease(runId: "run-a", now: later, until: later.addingTimeInterval(900)) }
        await #expect(throws: LeaseLostError.self) { try await write(stores.a, runId: "run-a", at: now.addingTimeInterval(30), value: 1) }
        try await write(stores.b, runId: "run-b", at: later, value: 2)
        #expect(try await stores.b.load() == ["value": 2])
        await stores.stop()
    }

    @Test(arguments: Kind.allCases)
    func aWriteAfterTheLeaseExpiredIsRefusedEvenIfNobodyTookItOver(_ kind: Kind) async throws {
        let stores = try await Self.stores(kind)
        _ = try await stores.a.acquireLease(LeaseRequest(holder: holder("run-a", ttl: 60), now: now))
        await #expect(throws: LeaseLostError.self) { try await write(stores.a, runId: "run-a", at: now.addingTimeInterval(61), value: 1) }
        await stores.stop()
    }

    @Test(arguments: Kind.allCases)
    func aReleasedLeaseIsFreeAtOnce(_ kind: Kind) async throws {
        let stores = try await Self.stores(kind)
        _ = try await stores.a.acquireLease(LeaseRequest(holder: holder("run-a"), now: now))
        try await stores.a.releaseLease(runId: "run-a")
        let grant = try await stores.b.acquireLease(LeaseRequest(holder: holder("run-b"), now: now))
        #expect(grant.tookOverFrom == nil)
        await #expect(throws: LeaseLostError.self) { try await stores.a.renewLease(runId: "run-a", now: now, until: now.addingTimeInterval(900)) }
        await stores.stop()
    }
}
