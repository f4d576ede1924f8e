import Engine
import Foundation
import GRDB

/// What `cycle state history|export|import|reset` and the run summary read and write.
extension SQLiteStateStore {
    /// Writes of the account, oldest first; only those of `runId` when given, else the last `limit`.
    public func history(runId: String? = nil, limit: Int = 50) async throws -> [StateHistoryRow] {
        try await database.writer.read { db in
            let rows: [Row]
            if let runId {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM state_write WHERE account = ? AND run_id = ? ORDER BY id",
                                        arguments: [account, runId])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM (SELECT * FROM state_write WHERE account = ? ORDER BY id DESC LIMIT ?) ORDER BY id",
                                        arguments: [account, limit])
            }
            return rows.map { StateHistoryRow(runId: $0["run_id"], reason: $0["reason"], writtenAt: $0["written_at"], changedKeys: $0["changed_keys"]) }
        }
    }

    /// The run id of the most recent state write, if any.
    public func lastWritingRunId() async throws -> String? {
        try await database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT run_id FROM state_write WHERE account = ? ORDER BY id DESC LIMIT 1", arguments: [account])
        }
    }

    public func report(runId: String) async throws -> String? {
        try await database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT report FROM execution_report WHERE account = ? AND run_id = ? ORDER BY id DESC LIMIT 1",
                                arguments: [account, runId])
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
