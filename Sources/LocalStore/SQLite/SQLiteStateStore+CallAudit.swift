import Engine
import Foundation
import GRDB

/// The call audit (docs/commands.md#evidence-for-operators): what `cycle stats` reads.
extension SQLiteStateStore {
    /// Keeps a finished run's report and its requests, in one transaction. An aborted run's
    /// report is not stored here (the database may be what failed): its file beside the store
    /// has it, and `cycle health`/`stats` read those files too.
    public func keepRun(_ run: KeptRun) async throws {
        guard run.report != nil && run.status != "aborted" || !run.calls.isEmpty else { return }
        try await database.writer.write { db in
            if let report = run.report, run.status != "aborted" {
                try db.execute(sql: """
                    INSERT INTO execution_report (run_id, account, started_at, status, report, saved_at, inputs) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [run.runId, account, run.startedAt, run.status, report, Date().isoWithOffset, run.inputs])
            }
            for record in run.calls {
                try db.execute(sql: """
                    INSERT INTO call_audit (account, run_id, at, peer, method, path, status, code, latency_ms, used_weight, outcome)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [account, run.runId, record.at.isoWithOffset, record.peer, record.method, record.path, record.status, record.code,
                                     record.latencyMilliseconds, record.usedWeight, record.outcome.rawValue])
            }
        }
    }

    /// The audit rows since `since`, oldest first.
    public func callRecords(since: Date) async throws -> [CallRecord] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM call_audit WHERE account = ? AND julianday(at) >= ? ORDER BY at, id",
                             arguments: [account, since.julianDay]).map { row in
                CallRecord(at: Date.parseISO8601(row["at"]) ?? Date(timeIntervalSince1970: 0), peer: row["peer"], method: row["method"],
                           path: row["path"], status: row["status"], code: row["code"], latencyMilliseconds: row["latency_ms"],
                           usedWeight: row["used_weight"], outcome: CallRecord.Outcome(rawValue: row["outcome"]) ?? .error)
            }
        }
    }

    /// Kept reports since `since` (their JSON), oldest first.
    public func recordedRun(runId: String) async throws -> RecordedRun? {
        try await database.writer.read { [account] db in
            try Row.fetchOne(db, sql: "SELECT run_id, report, inputs FROM execution_report WHERE account = ? AND run_id = ? AND inputs IS NOT NULL ORDER BY id DESC LIMIT 1",
                             arguments: [account, runId]).map { RecordedRun(runId: $0["run_id"], report: $0["report"], inputs: $0["inputs"]) }
        }
    }

    public func recordedRuns(since: Date) async throws -> [RecordedRun] {
        try await database.writer.read { [account] db in
            try Row.fetchAll(db, sql: """
                SELECT run_id, report, inputs FROM execution_report
                WHERE account = ? AND inputs IS NOT NULL AND julianday(COALESCE(saved_at, started_at)) >= ? ORDER BY id
                """, arguments: [account, since.julianDay]).map { RecordedRun(runId: $0["run_id"], report: $0["report"], inputs: $0["inputs"]) }
        }
    }

    public func reports(since: Date) async throws -> [String] {
        try await database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT report FROM execution_report WHERE account = ? AND julianday(COALESCE(saved_at, started_at)) >= ? ORDER BY id",
                                arguments: [account, since.julianDay])
        }
    }
}
