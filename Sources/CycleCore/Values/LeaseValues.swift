import Foundation

extension LeaseHolder {
    /// The one rule every store applies to a state write: the writer holds the lease and it has
    /// not expired at the write's time.
    public static func permitsWrite(_ current: LeaseHolder?, runId: String, at time: Date) -> Bool {
        guard let current else { return false }
        return current.runId == runId && current.expiresAt > time
    }
}

/// Who holds (or asks for) the lease, and until when.
public struct LeaseHolder: Sendable, Equatable, CustomStringConvertible {
    public var runId: String
    public var host: String
    public var processId: Int32
    public var acquiredAt: Date
    public var expiresAt: Date

    public init(runId: String, host: String, processId: Int32, acquiredAt: Date, expiresAt: Date) {
        self.runId = runId
        self.host = host
        self.processId = processId
        self.acquiredAt = acquiredAt
        self.expiresAt = expiresAt
    }

    public var description: String {
        "run \(runId) (host \(host), pid \(processId), since \(acquiredAt.isoWithOffset), expires \(expiresAt.isoWithOffset))"
    }
}

public struct LeaseRequest: Sendable, Equatable {
    public var holder: LeaseHolder
    /// The clock's now; a lease expiring at or before it is expired.
    public var now: Date
    public init(holder: LeaseHolder, now: Date) {
        self.holder = holder
        self.now = now
    }
}

/// The lease was taken; `tookOverFrom` names a crashed holder whose lease had expired.
public struct LeaseGrant: Sendable, Equatable {
    public var tookOverFrom: LeaseHolder?
    public init(tookOverFrom: LeaseHolder?) {
        self.tookOverFrom = tookOverFrom
    }
}

/// Another cycle is running on this account.
public struct LeaseHeldError: Error, Equatable, CustomStringConvertible {
    public var holder: LeaseHolder
    /// When the refusal was decided; a holder whose lease had already expired by then is a
    /// process still alive past its lease (it holds the store's OS lock), not a lease to wait out.
    public var refusedAt: Date?
    public init(holder: LeaseHolder, refusedAt: Date? = nil) {
        self.holder = holder
        self.refusedAt = refusedAt
    }
    public var description: String {
        if let refusedAt, holder.expiresAt <= refusedAt, holder.processId > 0 {
            return "Another process still holds this account's store: run \(holder.runId) (host \(holder.host), pid \(holder.processId), "
                + "since \(holder.acquiredAt.isoWithOffset)), whose lease expired at \(holder.expiresAt.isoWithOffset) while it kept running. "
                + "Nothing was traded. Find pid \(holder.processId) on host \(holder.host): a stuck cycle or a long operator command; "
                + "once it ends, the next cycle takes the account over and resolves its orders."
        }
        return "Another cycle holds this account's lease: \(holder). Nothing was traded. If that process is still running, let it finish; "
            + "if it crashed, the next cycle after \(holder.expiresAt.isoWithOffset) takes the lease over and resolves its orders."
    }
}

/// A state write by a run that no longer holds the lease (it expired and was taken over).
public struct LeaseLostError: Error, Equatable, CustomStringConvertible {
    public var runId: String
    public var holder: LeaseHolder?
    public init(runId: String, holder: LeaseHolder?) {
        self.runId = runId
        self.holder = holder
    }
    public var description: String {
        "Run \(runId) no longer holds the account's lease (now: \(holder.map { "\($0)" } ?? "nobody")); nothing more was sent or written. "
            + "Another run may have taken the account over; the next cycle resolves this run's orders. Raise CYCLE_LEASE_SECONDS if cycles legitimately run this long."
    }
}
