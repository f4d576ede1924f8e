import Engine
import Foundation
import GRDB

/// What `cycle health`, `cycle orders` and retention read and prune (docs/commands.md#evidence-for-operators).
extension SQLiteStateStore {
    public func lastCycle() async throws -> LastCycle? {
        try await database.writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT run_id, status, COALESCE(saved_at, started_at) AS kept FROM execution_report WHERE account = ? ORDER BY id DESC LIMIT 1
                """, arguments: [account]).map { row in
                LastCycle(runId: row["run_id"], status: row["status"], savedAt: (row["kept"] as String?).flatMap(Date.parseISO8601))
            }
        }
    }

    public func journalRows(pendingOnly: Bool, limit: Int) async throws -> [JournalRow] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM order_journal WHERE account = ? \(pendingOnly ? "AND settled_at IS NULL" : "")
                ORDER BY created_at DESC, rowid DESC LIMIT ?
                """, arguments: [account, limit]).map { JournalRow(entry: Self.journalEntry($0), settledAt: $0["settled_at"]) }
        }
    }

    /// Deletes reports, write history, lease events and **settled** journal entries older than
    /// `cutoff`, in one transaction. The state document and unsettled entries are never touched;
    /// the newest state write is kept whatever its age, so the history never ends up empty.
    /// Instants are compared (`julianday`), never text: a cutoff outside the years 0001–9999
    /// deletes nothing it should not, and a time SQLite cannot read is never deleted.
    public func prune(before cutoff: Date) async throws -> PruneCounts {
        let limit = cutoff.julianDay
        return try await database.writer.write { db in
            var counts = PruneCounts()
            try db.execute(sql: "DELETE FROM execution_report WHERE account = ? AND julianday(COALESCE(saved_at, started_at)) < ?",
                           arguments: [account, limit])
            counts.reports = db.changesCount
            try db.execute(sql: """
                DELETE FROM state_write WHERE account = ? AND julianday(written_at) < ?
                AND id < (SELECT MAX(id) FROM state_write WHERE account = ?)
                """, arguments: [account, limit, account])
            counts.stateWrites = db.changesCount
            try db.execute(sql: "DELETE FROM lease_event WHERE account = ? AND julianday(at) < ?", arguments: [account, limit])
            counts.leaseEvents = db.changesCount
            try db.execute(sql: "DELETE FROM order_journal WHERE account = ? AND settled_at IS NOT NULL AND julianday(created_at) < ?",
                           arguments: [account, limit])
            counts.settledJournalEntries = db.changesCount
            try db.execute(sql: "DELETE FROM call_audit WHERE account = ? AND julianday(at) < ?", arguments: [account, limit])
            counts.auditRows = db.changesCount
            return counts
        }
    }
}
