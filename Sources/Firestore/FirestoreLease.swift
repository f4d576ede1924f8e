import Engine
import Foundation

/// The single-writer lease as its own document next to the state (`<state document>_LEASE`),
/// so the state document keeps exactly the original's keys. Taking it is a write under a
/// precondition (the version read, or "does not exist"), so two runners cannot both win.
struct FirestoreLease: Sendable {
    let client: FirestoreClient
    let path: DocumentPath

    func acquire(_ request: LeaseRequest) async throws -> LeaseGrant {
        let current = try await client.get(path)
        let holder = current.flatMap { Self.holder(from: $0.fields) }
        if let holder, holder.runId != request.holder.runId, holder.expiresAt > request.now {
            throw LeaseHeldError(holder: holder)
        }
        do {
            _ = try await client.write(path, fields: Self.fields(of: request.holder), precondition: current.map { .updateTime($0.updateTime) } ?? .mustNotExist)
        } catch let error as FirestoreError where error.kind == .preconditionFailed {
            // Someone else wrote the lease between our read and our write: they won.
            let winner = try await client.get(path).flatMap { Self.holder(from: $0.fields) }
            throw LeaseHeldError(holder: winner ?? request.holder)
        }
        let expired = holder.flatMap { $0.runId == request.holder.runId ? nil : $0 }
        return LeaseGrant(tookOverFrom: expired)
    }

    /// The lease as the document says now (nil when there is none).
    func current() async throws -> LeaseHolder? {
        try await client.get(path).flatMap { Self.holder(from: $0.fields) }
    }

    /// Extends the lease to `until` if `runId` still holds it (expired or not, as long as nobody
    /// took it over); the write carries the version read, so a takeover in between wins.
    func renew(runId: String, until: Date) async throws -> LeaseHolder {
        let current = try await client.get(path)
        guard let current, var holder = Self.holder(from: current.fields), holder.runId == runId else {
            throw LeaseLostError(runId: runId, holder: current.flatMap { Self.holder(from: $0.fields) })
        }
        guard until > holder.expiresAt else { return holder }
        holder.expiresAt = until
        do {
            _ = try await client.write(path, fields: Self.fields(of: holder), precondition: .updateTime(current.updateTime))
        } catch let error as FirestoreError where error.kind == .preconditionFailed {
            throw LeaseLostError(runId: runId, holder: try await client.get(path).flatMap { Self.holder(from: $0.fields) })
        }
        return holder
    }

    /// Marks the lease expired now if `runId` still holds it. A failed release is not an error:
    /// the lease then simply runs to its expiry and the next cycle takes it over.
    func release(runId: String, now: Date) async throws {
        guard let current = try await client.get(path), var holder = Self.holder(from: current.fields), holder.runId == runId else { return }
        holder.expiresAt = now
        var fields = Self.fields(of: holder)
        fields["released_at"] = .string(now.isoWithOffset)
        _ = try? await client.write(path, fields: fields, precondition: .updateTime(current.updateTime))
    }

    static func fields(of holder: LeaseHolder) -> JSONObject {
        [
            "run_id": .string(holder.runId), "host": .string(holder.host), "pid": .int(Int64(holder.processId)),
            "acquired_at": .string(holder.acquiredAt.isoWithOffset), "expires_at": .string(holder.expiresAt.isoWithOffset),
            "acquired_at_unix": .double(holder.acquiredAt.timeIntervalSince1970), "expires_at_unix": .double(holder.expiresAt.timeIntervalSince1970),
            "engine": "binance-platform-swift",
        ]
    }

    /// The holder the document names; nil when there is none or it was released (free at once).
    static func holder(from fields: JSONObject) -> LeaseHolder? {
        guard fields["released_at"] == nil, let runId = fields["run_id"]?.stringValue, let acquired = fields["acquired_at_unix"]?.numberValue,
              let expires = fields["expires_at_unix"]?.numberValue else { return nil }
        let pid: Int32
        if case .int(let number)? = fields["pid"] { pid = Int32(truncatingIfNeeded: number) } else { pid = 0 }
        return LeaseHolder(runId: runId, host: fields["host"]?.stringValue ?? "unknown", processId: pid,
                           acquiredAt: Date(timeIntervalSince1970: acquired), expiresAt: Date(timeIntervalSince1970: expires))
    }
}
