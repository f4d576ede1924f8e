import Engine
import Foundation
import GRDB

/// The account's lease: one row per account, taken in an IMMEDIATE transaction so two
/// processes can never both see it free. Every acquisition, takeover and refusal is logged.
extension SQLiteStateStore {
    public func acquireLease(_ request: LeaseRequest) async throws -> LeaseGrant {
        let holder = request.holder
        // The OS lock first: it holds even if SQLite's -wal/-shm files are deleted under a running cycle.
        if let lock = database.fileLock, try lock.acquire(holder: Self.lockRecord(holder)) != nil {
            throw LeaseHeldError(holder: await Self.otherHolder(lock: lock, store: self, now: request.now), refusedAt: request.now)
        }
        do {
            let grant = try await acquireLeaseRow(request)
            return grant
        } catch {
            database.fileLock?.release()
            throw error
        }
    }

    private func acquireLeaseRow(_ request: LeaseRequest) async throws -> LeaseGrant {
        let holder = request.holder
        let outcome: Result<LeaseGrant, LeaseHeldError> = try await database.writer.writeWithoutTransaction { db in
            var outcome: Result<LeaseGrant, LeaseHeldError> = .success(LeaseGrant(tookOverFrom: nil))
            try db.inTransaction(.immediate) {
                let current = try Self.currentLease(db, account: account)
                if let current, current.runId != holder.runId, current.expiresAt > request.now,
                   !Self.holderProcessIsGone(current, askingHost: holder.host) {
                    try Self.logLeaseEvent(db, account: account, event: "refused", runId: holder.runId, detail: "held by \(current)")
                    outcome = .failure(LeaseHeldError(holder: current))
                    return .commit
                }
                try db.execute(sql: """
                    INSERT INTO lease (account, run_id, host, pid, acquired_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(account) DO UPDATE SET run_id = excluded.run_id, host = excluded.host, pid = excluded.pid,
                        acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
                    """, arguments: [account, holder.runId, holder.host, Int(holder.processId),
                                     holder.acquiredAt.timeIntervalSince1970, holder.expiresAt.timeIntervalSince1970])
                let tookOver = current.flatMap { $0.runId == holder.runId ? nil : $0 }
                if let tookOver {
                    try Self.logLeaseEvent(db, account: account, event: "taken_over", runId: holder.runId, detail: "expired lease of \(tookOver)")
                }
                try Self.logLeaseEvent(db, account: account, event: "acquired", runId: holder.runId, detail: "\(holder)")
                outcome = .success(LeaseGrant(tookOverFrom: tookOver))
                return .commit
            }
            return outcome
        }
        return try outcome.get()
    }

    /// The holder as written into `cycle.lock`: the lease row's fields as JSON.
    static func lockRecord(_ holder: LeaseHolder) -> String {
        JSONWriter.string([
            "run_id": .string(holder.runId), "host": .string(holder.host), "pid": .int(Int64(holder.processId)),
            "acquired_at": .double(holder.acquiredAt.timeIntervalSince1970), "expires_at": .double(holder.expiresAt.timeIntervalSince1970),
        ], pretty: false)
    }

    /// Who holds the OS lock: its record in `cycle.lock` (written right after the lock is taken,
    /// so a racer that lost by microseconds waits up to a second for it), else the lease row.
    static func otherHolder(lock: StoreFileLock, store: SQLiteStateStore, now: Date) async -> LeaseHolder {
        for _ in 0..<20 {
            if let text = lock.recordedHolder(), let object = (try? JSONParser.parse(text))?.objectValue,
               let runId = object["run_id"]?.stringValue, let acquired = object["acquired_at"]?.numberValue,
               let expires = object["expires_at"]?.numberValue {
                let pid: Int32 = if case .int(let number)? = object["pid"] { Int32(exactly: number) ?? 0 } else { 0 }
                return LeaseHolder(runId: runId, host: object["host"]?.stringValue ?? "?", processId: pid,
                                   acquiredAt: Date(timeIntervalSince1970: acquired), expiresAt: Date(timeIntervalSince1970: expires))
            }
            do { try await Task.sleep(nanoseconds: 50_000_000) } catch { break }
        }
        if let recorded = try? await store.currentLease() { return recorded }
        return LeaseHolder(runId: "unknown (another process holds \(lock.path))", host: "?", processId: 0, acquiredAt: now, expiresAt: now)
    }

    public func renewLease(runId: String, now: Date, until: Date) async throws {
        // The fence before every order: a run whose store files were removed under it sends nothing more.
        try database.requireFilesInPlace(runId: runId)
        try await database.writer.write { db in
            let current = try Self.currentLease(db, account: account)
            guard let current, current.runId == runId else { throw LeaseLostError(runId: runId, holder: current) }
            if until > current.expiresAt {
                try db.execute(sql: "UPDATE lease SET expires_at = ? WHERE account = ? AND run_id = ?",
                               arguments: [until.timeIntervalSince1970, account, runId])
            }
        }
    }

    public func releaseLease(runId: String) async throws {
        defer { database.fileLock?.release() }
        // Files removed under this run: the marker that stops later cycles is left before the lock is given back.
        try? database.requireFilesInPlace(runId: runId)
        try await database.writer.write { db in
            try db.execute(sql: "DELETE FROM lease WHERE account = ? AND run_id = ?", arguments: [account, runId])
            if db.changesCount > 0 {
                try Self.logLeaseEvent(db, account: account, event: "released", runId: runId, detail: "")
            }
        }
    }

    /// The current lease row, expired or not.
    public func currentLease() async throws -> LeaseHolder? {
        try await database.writer.read { db in try Self.currentLease(db, account: account) }
    }

    static func currentLease(_ db: Database, account: String) throws -> LeaseHolder? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM lease WHERE account = ?", arguments: [account]) else { return nil }
        // The row is outside input too: a pid that is not a 32-bit integer (another tool wrote it) reads as 0.
        let pid: Int32 = if case .int64(let stored) = (row["pid"] as DatabaseValue).storage { Int32(exactly: stored) ?? 0 } else { 0 }
        return LeaseHolder(runId: row["run_id"], host: row["host"], processId: pid,
                           acquiredAt: Date(timeIntervalSince1970: row["acquired_at"]), expiresAt: Date(timeIntervalSince1970: row["expires_at"]))
    }

    /// A holder on this same host whose process no longer exists crashed: its lease is stale
    /// before it expires. (A reused pid only delays the takeover until expiry.)
    static func holderProcessIsGone(_ holder: LeaseHolder, askingHost: String) -> Bool {
        guard holder.host == askingHost, holder.processId > 0 else { return false }
        return kill(holder.processId, 0) != 0 && errno == ESRCH
    }

    /// A write must come from the holder of an unexpired lease; a run whose lease was taken over is refused.
    static func requireLease(_ db: Database, account: String, runId: String, at time: Date) throws {
        let current = try currentLease(db, account: account)
        guard LeaseHolder.permitsWrite(current, runId: runId, at: time) else { throw LeaseLostError(runId: runId, holder: current) }
    }

    static func logLeaseEvent(_ db: Database, account: String, event: String, runId: String, detail: String) throws {
        try db.execute(sql: "INSERT INTO lease_event (account, at, event, run_id, detail) VALUES (?, ?, ?, ?, ?)",
                       arguments: [account, Date().isoWithOffset, event, runId, detail])
    }
}
