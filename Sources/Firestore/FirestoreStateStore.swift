import Engine
import Foundation

/// The state document in Firestore (`strategy/MULTI_ASSET_STATE` by default, the original's
/// document), with the lease in a sibling document and the order journal kept locally.
/// Every write carries the `updateTime` of the version this run last read or wrote, so a
/// document changed by anyone else (another runner, the original engine) is never overwritten.
public actor FirestoreStateStore: CycleStore {
    public nonisolated let path: DocumentPath
    private let client: FirestoreClient
    private let lease: FirestoreLease
    private let journal: any SettlingOrderJournal
    /// The version last read or written; nil when the document did not exist at load.
    private var version: String?
    private var loaded = false
    /// The lease this store took, checked before every write.
    private var heldLease: LeaseHolder?

    public init(client: FirestoreClient, path: DocumentPath, journal: any SettlingOrderJournal) {
        self.client = client
        self.path = path
        self.lease = FirestoreLease(client: client, path: Self.leasePath(for: path))
        self.journal = journal
    }

    public static func leasePath(for path: DocumentPath) -> DocumentPath {
        DocumentPath(collection: path.collection, document: path.document + "_LEASE")
    }

    public func load() async throws -> JSONValue? {
        let document = try await client.get(path)
        version = document?.updateTime
        loaded = true
        return document.map { .object($0.fields) }
    }

    public func write(_ write: StateWrite) async throws {
        // The lease document is the truth (another runner may have taken it over), not what this run remembers.
        let current = heldLease?.runId == write.runId ? try await lease.current() : heldLease
        guard LeaseHolder.permitsWrite(current, runId: write.runId, at: write.at) else {
            throw LeaseLostError(runId: write.runId, holder: current)
        }
        if !loaded { _ = try await load() }
        guard let fields = write.document.objectValue else {
            throw FirestoreError(kind: .other, operation: "write \(path)", message: "the state document is not an object")
        }
        do {
            version = try await client.write(path, fields: fields, precondition: version.map { .updateTime($0) } ?? .mustNotExist)
        } catch let error as FirestoreError where error.kind == .preconditionFailed {
            throw StateChangedElsewhereError(path: path, runId: write.runId)
        }
        try await journal.settle(clientOrderIds: write.settles, runId: write.runId)
    }

    public func acquireLease(_ request: LeaseRequest) async throws -> LeaseGrant {
        let grant = try await lease.acquire(request)
        heldLease = request.holder
        return grant
    }

    public func renewLease(runId: String, now: Date, until: Date) async throws {
        heldLease = try await lease.renew(runId: runId, until: until)
    }

    public func currentLease() async throws -> LeaseHolder? {
        try await lease.current()
    }

    public func releaseLease(runId: String) async throws {
        guard heldLease?.runId == runId else { return }
        heldLease = nil
        try await lease.release(runId: runId, now: Date())
    }

    public func recordIntent(_ entry: JournalEntry) async throws { try await journal.recordIntent(entry) }
    public func recordOutcome(_ outcome: JournalOutcome, clientOrderId: String) async throws {
        try await journal.recordOutcome(outcome, clientOrderId: clientOrderId)
    }
    public func unsettledEntries() async throws -> [JournalEntry] { try await journal.unsettledEntries() }
    public func recentEntries(since: Date) async throws -> [JournalEntry] { try await journal.recentEntries(since: since) }
}

/// The state document changed in Firestore after this run read it: someone else is writing it.
public struct StateChangedElsewhereError: Error, Equatable, CustomStringConvertible {
    public let path: DocumentPath
    public let runId: String
    public var description: String {
        "The state document \(path) was changed by another writer after run \(runId) read it, so this run stopped without overwriting it. "
            + "Make sure only one engine (this one or the original) runs on this account, then let the next cycle start from the stored document."
    }
}
