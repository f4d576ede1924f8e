import Engine
import Foundation
import GRDB

/// What `cycle state history|export|import|reset` and the run summary read and write.
extension SQLiteStateStore {
    /// One row of the state's write history.
    public struct HistoryRow: Sendable, Equatable {
        public var id: Int64
        public var runId: String
        public var reason: String
        public var writtenAt: String
        /// Top-level keys that changed with this write, comma-separated.
        public var changedKeys: String
    }

    /// Writes of the account, oldest first; only those of `runId` when given, else the last `limit`.
    public func history(runId: String? = nil, limit: Int = 50) async throws -> [HistoryRow] {
        try await database.writer.read { db in
            let rows: [Row]
            if let runId {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM state_write WHERE account = ? AND run_id = ? ORDER BY id",
                                        arguments: [account, runId])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM (SELECT * FROM state_write WHERE account = ? ORDER BY id DESC LIMIT ?) ORDER BY id",
                                        arguments: [account, limit])
            }
            return rows.map { HistoryRow(id: $0["id"], runId: $0["run_id"], reason: $0["reason"], writtenAt: $0["written_at"], changedKeys: $0["changed_keys"]) }
        }
    }

    /// The run id of the most recent state write, if any.
    public func lastWritingRunId() async throws -> String? {
        try await database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT run_id FROM state_write WHERE account = ? ORDER BY id DESC LIMIT 1", arguments: [account])
        }
    }

    /// Keeps a cycle's execution report (the JSON document of SPEC §9); every run's is kept,
    /// also when two runs were given the same run id.
    public func saveReport(runId: String, startedAt: String, status: String, json: String) async throws {
        try await database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO execution_report (run_id, account, started_at, status, report, saved_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [runId, account, startedAt, status, json, Date().isoWithOffset])
        }
    }

    public func report(runId: String) async throws -> String? {
        try await database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT report FROM execution_report WHERE run_id = ? ORDER BY id DESC LIMIT 1", arguments: [runId])
        }
    }

    /// Replaces the document on the operator's behalf under a lease of its own, so a running
    /// cycle is never overwritten. `prepare` is given the current document (nil when absent or
    /// unreadable), read under that lease, and returns the validated document to write.
    @discardableResult
    public func importDocument<Prepared: Sendable>(runId: String, now: Date, host: String, processId: Int32,
                                                   prepare: @Sendable (JSONValue?) throws -> (document: JSONValue, detail: Prepared))
        async throws -> Prepared {
        let holder = LeaseHolder(runId: runId, host: host, processId: processId, acquiredAt: now, expiresAt: now.addingTimeInterval(60))
        _ = try await acquireLease(LeaseRequest(holder: holder, now: now))
        do {
            let prepared = try prepare(try? await load())
            try await write(StateWrite(document: prepared.document, reason: "operator_import", runId: runId, at: now))
            try await releaseLease(runId: runId)
            return prepared.detail
        } catch {
            try? await releaseLease(runId: runId)
            throw error
        }
    }

    /// Deletes the account's document, history, journal and reports (the lease must be free).
    public func erase(runId: String, now: Date, host: String, processId: Int32) async throws {
        let holder = LeaseHolder(runId: runId, host: host, processId: processId, acquiredAt: now, expiresAt: now.addingTimeInterval(60))
        _ = try await acquireLease(LeaseRequest(holder: holder, now: now))
        try await database.writer.write { db in
            for table in ["state_document", "state_write", "order_journal", "execution_report", "lease"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE account = ?", arguments: [account])
            }
            try Self.logLeaseEvent(db, account: account, event: "reset", runId: runId, detail: "state, history, journal and reports erased")
        }
    }
}
