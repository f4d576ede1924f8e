import Engine
import Foundation

/// The single-writer lease as its own document next to the state (`<state document>_LEASE`),
/// so the state document keeps exactly the original's keys. Taking it is a write under a
/// precondition (the version read, or "does not exist"), so two runners cannot both win.
/// Every call returns the lease document's version, which the release then requires (a
/// takeover in between is never undone). State writes are fenced by reading the lease first
/// (`FirestoreStateStore.send`), with the state document's own version as the commit's precondition.
struct FirestoreLease: Sendable {
    let client: FirestoreClient
    let path: DocumentPath

    /// The lease as this run holds it, with the document's version.
    struct Held: Sendable, Equatable {
        var holder: LeaseHolder
        var version: String
    }

    func acquire(_ request: LeaseRequest) async throws -> (grant: LeaseGrant, held: Held) {
        let current = try await client.get(path)
        let holder = current.flatMap { Self.holder(from: $0.fields) }
        if let holder, holder.runId != request.holder.runId, holder.expiresAt > request.now {
            throw LeaseHeldError(holder: holder)
        }
        let version: String
        do {
            version = try await client.write(path, fields: Self.fields(of: request.holder),
                                             precondition: current.map { .updateTime($0.updateTime) } ?? .mustNotExist)
        } catch let error as FirestoreError where error.kind == .preconditionFailed {
            // Someone else wrote the lease between our read and our write: they won.
            let winner = try await client.get(path).flatMap { Self.holder(from: $0.fields) }
            throw LeaseHeldError(holder: winner ?? request.holder)
        }
        let expired = holder.flatMap { $0.runId == request.holder.runId ? nil : $0 }
        return (LeaseGrant(tookOverFrom: expired), Held(holder: request.holder, version: version))
    }

    /// The lease as the document says now (nil when there is none), with its version.
    func current() async throws -> Held? {
        guard let document = try await client.get(path), let holder = Self.holder(from: document.fields) else { return nil }
        return Held(holder: holder, version: document.updateTime)
    }

    /// Confirms `runId` still holds the lease (expired or not, as long as nobody took it over) and
    /// extends it to `until` — with a write only when less than half of that extension is left,
    /// so a quick cycle's heartbeats before each order cost a read, not a write.
    func renew(runId: String, now: Date, until: Date) async throws -> Held {
        guard let current = try await current(), current.holder.runId == runId else {
            throw LeaseLostError(runId: runId, holder: try await current()?.holder)
        }
        var held = current
        let remaining = held.holder.expiresAt.timeIntervalSince(now)
        guard remaining < until.timeIntervalSince(now) / 2 else { return held }
        held.holder.expiresAt = until
        do {
            held.version = try await client.write(path, fields: Self.fields(of: held.holder), precondition: .updateTime(current.version))
        } catch let error as FirestoreError where error.kind == .preconditionFailed {
            throw LeaseLostError(runId: runId, holder: try await self.current()?.holder)
        }
        return held
    }

    /// Marks the lease expired now if `runId` still holds it (the version this run last saw, so a
    /// takeover in between is never undone). A failed release is not an error: the lease then
    /// simply runs to its expiry and the next cycle takes it over.
    func release(_ held: Held, now: Date) async {
        var holder = held.holder
        holder.expiresAt = now
        var fields = Self.fields(of: holder)
        fields["released_at"] = .string(now.isoWithOffset)
        _ = try? await client.write(path, fields: fields, precondition: .updateTime(held.version))
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
