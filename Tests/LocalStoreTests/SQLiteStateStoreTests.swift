import Engine
import Foundation
import GRDB
@testable import LocalStore
import Testing

@Suite struct SQLiteStateStoreTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func holder(_ runId: String, host: String = "box", pid: Int32 = 1, ttl: TimeInterval = 600) -> LeaseHolder {
        LeaseHolder(runId: runId, host: host, processId: pid, acquiredAt: now, expiresAt: now.addingTimeInterval(ttl))
    }

    func store() throws -> SQLiteStateStore {
        SQLiteStateStore(database: try StateDatabase.inMemory(), account: "paper")
    }

    @Test func writesAreKeptInOrderWithReasonsAndChangedKeys() async throws {
        let store = try store()
        _ = try await store.acquireLease(LeaseRequest(holder: holder("r1"), now: now))
        try await store.write(StateWrite(document: ["a": 1, "b": 1.5], reason: "daily_reset", runId: "r1", at: now))
        try await store.write(StateWrite(document: ["a": 2, "b": 1.5], reason: "cycle_complete", runId: "r1", at: now))
        let history = try await store.history(runId: "r1")
        #expect(history.map(\.reason) == ["daily_reset", "cycle_complete"])
        #expect(history.map(\.changedKeys) == ["a,b", "a"])
        #expect(try await store.load() == ["a": 2, "b": 1.5], "integers stay integers, floats stay floats")
    }

    /// Issue 21 item 7: a time outside the years 0001–9999 was formatted without an era sign and
    /// compared as text ("6201-…" after "2026-…"), so a far-past cutoff deleted everything and a
    /// far-future one nothing. Instants are compared now.
    @Test func pruneAndSinceCompareInstantsNotText() async throws {
        let store = try store()
        _ = try await store.acquireLease(LeaseRequest(holder: holder("r1"), now: now))
        try await store.write(StateWrite(document: ["a": 1], reason: "daily_reset", runId: "r1", at: now))
        try await store.write(StateWrite(document: ["a": 2], reason: "cycle_complete", runId: "r1", at: now))
        try await store.keepRun(KeptRun(runId: "r1", startedAt: now.isoWithOffset, status: "ok", report: "{}", calls: []))
        let beforeYearOne = Date(timeIntervalSince1970: -3_000_000 * 86_400)
        let afterYear9999 = Date(timeIntervalSince1970: 3_000_000 * 86_400)
        #expect(try await store.reports(since: beforeYearOne).count == 1)
        #expect(try await store.reports(since: afterYear9999).isEmpty)
        #expect(try await store.prune(before: beforeYearOne).total == 0, "nothing is older than a date before year 1")
        #expect(try await store.history().count == 2)
        let pruned = try await store.prune(before: afterYear9999)
        #expect(pruned.reports == 1 && pruned.stateWrites == 1, "everything is older, except the newest write, always kept")
    }

    /// Issue 12: a lease row whose pid is not a 32-bit integer (written by another tool) used to trap.
    @Test func aLeaseRowWithAnAbsurdPidIsReadNotTrapped() async throws {
        let database = try StateDatabase.inMemory()
        let store = SQLiteStateStore(database: database, account: "paper")
        _ = try await store.acquireLease(LeaseRequest(holder: holder("r1"), now: now))
        for pid in ["9999999999", "'not a pid'", "1.5"] {
            try await database.writer.write { db in try db.execute(sql: "UPDATE lease SET pid = \(pid)") }
            #expect(try await store.currentLease()?.processId == 0)
        }
    }

    /// Issue 12: invalid UTF-8 in a stored document is refused, never read with replacement characters.
    @Test func aDocumentWithInvalidUTF8IsRefusedNotRewritten() async throws {
        let database = try StateDatabase.inMemory()
        let store = SQLiteStateStore(database: database, account: "paper")
        try await database.writer.write { db in
            try db.execute(sql: "INSERT INTO state_document (account, document, run_id, updated_at) VALUES ('paper', CAST(X'7B2261223A2280FF227D' AS TEXT), 'x', 'now')")
        }
        await #expect(throws: StoredDocumentError.self) { try await store.load() }
    }

    @Test func aWriteWithoutTheLeaseIsRefused() async throws {
        let store = try store()
        _ = try await store.acquireLease(LeaseRequest(holder: holder("holder"), now: now))
        await #expect(throws: LeaseLostError.self) { try await store.write(StateWrite(document: ["a": 1], reason: "x", runId: "intruder", at: now)) }
        #expect(try await store.load() == nil)
    }

    @Test func aLiveLeaseIsRefusedAndAnExpiredOneTakenOver() async throws {
        let store = try store()
        let first = holder("r1", host: "elsewhere")
        _ = try await store.acquireLease(LeaseRequest(holder: first, now: now))
        await #expect(throws: LeaseHeldError(holder: first)) {
            try await store.acquireLease(LeaseRequest(holder: holder("r2"), now: now.addingTimeInterval(10)))
        }
        let grant = try await store.acquireLease(LeaseRequest(holder: holder("r3"), now: now.addingTimeInterval(601)))
        #expect(grant.tookOverFrom == first)
        #expect(try await store.currentLease()?.runId == "r3")
    }

    @Test func aLeaseOfADeadProcessOnThisHostIsTakenOverBeforeExpiry() async throws {
        let store = try store()
        let dead = holder("crashed", host: "me", pid: Int32.max - 7)
        _ = try await store.acquireLease(LeaseRequest(holder: dead, now: now))
        let grant = try await store.acquireLease(LeaseRequest(holder: holder("next", host: "me"), now: now.addingTimeInterval(5)))
        #expect(grant.tookOverFrom == dead)
    }

    @Test func journalEntriesSettleWithTheStateWriteThatContainsThem() async throws {
        let store = try store()
        _ = try await store.acquireLease(LeaseRequest(holder: holder("r1"), now: now))
        let entry = JournalEntry(clientOrderId: "T_BUY_ETHUSDT_ab_1", runId: "r1", kind: .order, purpose: .trendBuy, symbol: "ETHUSDT",
                                 side: .buy, requestedAmount: "0.19", sizeIsQuote: false, decisionPrice: 2500, tradeDate: "20260315", createdAt: now)
        try await store.recordIntent(entry)
        #expect(try await store.unsettledEntries() == [entry])
        let fill = OrderFill(orderId: "7", status: .filled, executedQuantity: 0.19, quoteQuantity: 475, commissionInBaseAsset: 0.00019)
        try await store.recordOutcome(.answered(fill), clientOrderId: entry.clientOrderId)
        #expect(try await store.unsettledEntries().first?.outcome == .answered(fill))
        try await store.write(StateWrite(document: ["x": 1], reason: "trend_buy:ETHUSDT", runId: "r1", settles: [entry.clientOrderId], at: now))
        #expect(try await store.unsettledEntries().isEmpty)
    }

    @Test func aRejectedOrderIsFinalAtOnce() async throws {
        let store = try store()
        let entry = JournalEntry(clientOrderId: "D_BUY_1", runId: "r1", kind: .order, purpose: .dcaBuy, symbol: "BTCUSDT", side: .buy,
                                 requestedAmount: "0.001", sizeIsQuote: false, decisionPrice: 80_000, tradeDate: "20260315", createdAt: now)
        try await store.recordIntent(entry)
        try await store.recordOutcome(.rejected("Filter failure: NOTIONAL"), clientOrderId: entry.clientOrderId)
        #expect(try await store.unsettledEntries().isEmpty)
    }

    @Test func anUnparseableDocumentIsReportedAndLeftAsItIs() async throws {
        let store = try store()
        try await store.database.writer.write { db in
            try db.execute(sql: "INSERT INTO state_document VALUES ('paper', '{broken', 'r0', 'then')")
        }
        await #expect(throws: StoredDocumentError.self) { try await store.load() }
        let text = try await store.database.writer.read { db in try String.fetchOne(db, sql: "SELECT document FROM state_document") }
        #expect(text == "{broken")
    }

    @Test func aFileThatIsNotADatabaseIsRefusedAndNotModified() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(StateDatabase.fileName)
        let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: file)
        await #expect(throws: StateDatabaseError.self) { try await StateDatabase.open(directory: folder) }
        #expect(try Data(contentsOf: file) == garbage)
    }
}

/// Issue 12: a store that cannot be opened gets the remedy of its cause; none says to throw it away.
@Suite struct StateDatabaseErrorTests {
    @Test func eachCauseHasItsOwnRemedy() {
        let readOnly = StateDatabaseError.opening(path: "/s/cycle.sqlite", DatabaseError(resultCode: .SQLITE_READONLY))
        let full = StateDatabaseError.opening(path: "/s/cycle.sqlite", DatabaseError(resultCode: .SQLITE_FULL))
        let damaged = StateDatabaseError.opening(path: "/s/cycle.sqlite", DatabaseError(resultCode: .SQLITE_NOTADB))
        #expect(Set([readOnly.remedy, full.remedy, damaged.remedy]).count == 3)
        #expect(readOnly.remedy.contains("writable") && full.remedy.contains("disk") && damaged.remedy.contains("cycle state import"))
    }
}
