import Engine
import Foundation

/// A deployment kept whole in Firestore (docs/architecture.md#ports-one-store-per-deployment-contract-suites), so a runner keeps nothing on its disk:
///
/// - `<collection>/<document>`: the state document, exactly the original's keys;
/// - `<collection>/<document>_LEASE`: the single-writer lease;
/// - `<collection>/<document>/journal/<client order id>`: the order journal;
/// - `<collection>/<document>/writes/<time>-<run id>-<n>`: one run's state writes (its history);
/// - `<collection>/<document>/runs/<time>-<run id>-<n>`: each run's report and call audit.
///
/// Firestore bills every document written, so a cycle writes little: a write the cycle may let
/// wait (`StateWrite.Durability`) is folded into the next one sent — before the next order
/// leaves for a derived value, with the next write for a journaled fill; a write that changes
/// nothing is not sent (only the entries it settles are); a run's history is one document,
/// written when it gives the lease back. Every write that is sent carries a
/// precondition: the document at the version this run last read or wrote, in one atomic
/// commit with the journal entries it settles, after the lease was read and found still this
/// run's.
public actor FirestoreStateStore: DeploymentStore {
    public nonisolated let path: DocumentPath
    let client: FirestoreClient
    let lease: FirestoreLease
    /// The document's version last read or written; nil when it did not exist at load.
    private var version: String?
    /// The document as Firestore has it (last read or written).
    private var stored: JSONValue?
    private var loaded = false
    /// The lease this store took, and the lease document's version it last saw.
    var held: FirestoreLease.Held?
    /// A write the cycle let wait, not sent yet, with every entry it and the writes it replaced settle.
    private var deferred: StateWrite?
    /// Whether `deferred` must be sent before the next order or earn move leaves.
    private var deferredPrecedesSends = false
    /// The document as the last write (sent or not) left it, for the history's changed keys.
    private var lastWritten: JSONValue?
    /// This run's writes, kept as one history document when the lease is given back.
    private var runHistory: [StateHistoryRow] = []

    public init(client: FirestoreClient, path: DocumentPath) {
        self.client = client
        self.path = path
        self.lease = FirestoreLease(client: client, path: Self.leasePath(for: path))
    }

    public static func leasePath(for path: DocumentPath) -> DocumentPath { path.sibling(path.document + "_LEASE") }

    public nonisolated var location: String { "Firestore document \(path) (project \(client.project))" }
    public nonisolated var accountName: String { path.document }

    public func load() async throws -> JSONValue? {
        let document = try await client.get(path)
        version = document?.updateTime
        stored = document.map { .object($0.fields) }
        lastWritten = stored
        loaded = true
        return stored
    }

    public func write(_ write: StateWrite) async throws {
        // The lease as this run holds it must allow the write at its time (else the document says who holds it).
        guard let held, held.holder.runId == write.runId, LeaseHolder.permitsWrite(held.holder, runId: write.runId, at: write.at) else {
            let current = try await lease.current()?.holder
            throw LeaseLostError(runId: write.runId, holder: current)
        }
        guard write.document.objectValue != nil else {
            throw FirestoreError(kind: .other, operation: "write \(path)", message: "the state document is not an object")
        }
        if !loaded { _ = try await load() }
        let row = StateHistoryRow(runId: write.runId, reason: write.reason, writtenAt: Date().isoWithOffset,
                                  changedKeys: StateHistoryRow.changedKeys(from: lastWritten, to: write.document))
        var combined = write
        combined.settles = (deferred?.settles ?? []) + write.settles
        // Held until sent: a write that fails stays held (with every entry it settles), so no
        // order leaves on a state that is not stored, and nothing it settles is forgotten.
        deferred = combined
        switch write.durability {
        case .immediate:
            deferredPrecedesSends = true
            try await sendDeferred()
        case .beforeNextSend:
            deferredPrecedesSends = true
        case .withNextWrite:
            break
        }
        runHistory.append(row)
        lastWritten = write.document
    }

    /// Sends what must be stored before an order or earn move leaves (called with its journal entry).
    func sendWhatPrecedesSends() async throws {
        guard deferredPrecedesSends else { return }
        try await sendDeferred()
    }

    /// Sends the held write; it stays held unless the commit succeeded.
    private func sendDeferred() async throws {
        guard let deferred else { return }
        try await send(deferred)
        self.deferred = nil
        deferredPrecedesSends = false
    }

    /// Sends a write: the document (unless it is what Firestore has) and the settled entries,
    /// in one commit, after reading that the lease is still this run's.
    private func send(_ write: StateWrite) async throws {
        let current = try await lease.current()
        guard current?.holder.runId == write.runId else { throw LeaseLostError(runId: write.runId, holder: current?.holder) }
        let changes = write.document != stored
        if !changes {
            // Nothing to send but the settles; still, a document someone else changed is never taken as ours (a read, not a write).
            guard try await client.get(path)?.updateTime == version else { throw StateChangedElsewhereError(path: path, runId: write.runId) }
            guard !write.settles.isEmpty else { return }
        }
        let now = Date()
        let settles = write.settles.map { FirestoreWrite.update(journalPath($0), fields: FirestoreRecords.settledFields(runId: write.runId, at: now)) }
        var writes = Array(settles.prefix(Self.settlesPerCommit))
        if changes, let fields = write.document.objectValue {
            writes.insert(.set(path, fields: fields, precondition: version.map { .updateTime($0) } ?? .mustNotExist), at: 0)
        }
        let results: [String]
        do {
            results = try await commitState(writes, sending: changes ? write.document : nil, over: version)
        } catch let error as FirestoreError where error.kind == .preconditionFailed {
            // The document changed under this run (or a settled entry is gone): nothing was applied.
            let holder = try await lease.current()?.holder
            if holder?.runId != write.runId { throw LeaseLostError(runId: write.runId, holder: holder) }
            throw StateChangedElsewhereError(path: path, runId: write.runId)
        }
        if changes {
            version = results[0]
            stored = write.document
        }
        // Settles past one commit's size (hundreds of entries at once: never in a normal cycle).
        var rest = settles.dropFirst(Self.settlesPerCommit)
        while !rest.isEmpty {
            try await client.commit(Array(rest.prefix(Self.settlesPerCommit)), operation: "settle journal entries of \(path)")
            rest = rest.dropFirst(Self.settlesPerCommit)
        }
    }

    public func acquireLease(_ request: LeaseRequest) async throws -> LeaseGrant {
        let (grant, held) = try await lease.acquire(request)
        self.held = held
        runHistory = []
        deferred = nil
        deferredPrecedesSends = false
        return grant
    }

    public func renewLease(runId: String, now: Date, until: Date) async throws {
        held = try await lease.renew(runId: runId, now: now, until: until)
    }

    public func currentLease() async throws -> LeaseHolder? {
        try await lease.current()?.holder
    }

    /// Sends a write still held, keeps the run's history, then gives the lease back. A held
    /// write that cannot be sent is thrown after the lease is given back, as
    /// `HeldStateWriteLostError` (the cycle ends in error; its fills stay in the journal,
    /// unsettled, for the next cycle).
    public func releaseLease(runId: String) async throws {
        guard let held, held.holder.runId == runId else { return }
        var failure: (any Error)?
        do {
            try await sendDeferred()
        } catch {
            failure = HeldStateWriteLostError(path: path, runId: runId, reason: "\(error)")
        }
        deferred = nil
        deferredPrecedesSends = false
        if !runHistory.isEmpty {
            let now = Date()
            let fields = FirestoreRecords.fields(ofRunHistory: runHistory, runId: runId, at: now, document: stored.map(Self.keptCopy) ?? nil)
            // The history is evidence, not state: a failure to keep it is logged by the caller, never retried.
            if (try? await client.write(Self.timeKeyed(path, "writes", runId: runId, at: now), fields: fields, precondition: .mustNotExist)) != nil {
                runHistory = []
            }
        }
        self.held = nil
        await lease.release(held, now: Date())
        if let failure { throw failure }
    }

    /// The document's text when it is small enough to keep beside the history (Firestore's 1 MiB limit).
    static func keptCopy(_ document: JSONValue) -> String? {
        let text = JSONWriter.string(document, pretty: false, keys: .asStored)
        return text.utf8.count <= largestKeptCopy ? text : nil
    }

    /// A document copy larger than this is not kept in the write history.
    static let largestKeptCopy = 400_000
    /// Journal entries settled in one commit (Firestore allows 500 writes).
    static let settlesPerCommit = 400

    func journalPath(_ clientOrderId: String) -> DocumentPath { path.child("journal", clientOrderId) }

    /// `<sub-collection>/<unix ms, 13 digits>-<run id>-<random>`: ids sort by time, never collide.
    static func timeKeyed(_ parent: DocumentPath, _ collection: String, runId: String, at time: Date) -> DocumentPath {
        let milliseconds = time.timeIntervalSince1970 * 1000
        let stamp = milliseconds.isFinite && milliseconds >= 0 && milliseconds < 1e13 ? Int64(milliseconds) : 0
        let digits = String(stamp)
        let padded = String(repeating: "0", count: max(0, 13 - digits.count)) + digits
        return parent.child(collection, "\(padded)-\(runId)-\(UInt32.random(in: 0...UInt32.max))")
    }
}

/// The state document changed in Firestore after this run read it: someone else is writing it.
/// The cycle stops: nothing more is sent on a state that is not the stored one.
public struct StateChangedElsewhereError: CycleStoppingError, Equatable, CustomStringConvertible {
    public let path: DocumentPath
    public let runId: String
    public var description: String {
        "The state document \(path) was changed by another writer after run \(runId) read it, so this run stopped without overwriting it. "
            + "Make sure only one engine (this one or the original) runs on this account, then let the next cycle start from the stored document."
    }
}

/// A state write the cycle let wait could not be stored before the run gave its lease back.
public struct HeldStateWriteLostError: CycleStoppingError, Equatable, CustomStringConvertible {
    public let path: DocumentPath
    public let runId: String
    public let reason: String
    public var description: String {
        "The last state write of run \(runId) could not be stored in \(path) (\(reason)). The lease was given back; "
            + "the orders this run sent are in the journal and the next cycle books them."
    }
}
