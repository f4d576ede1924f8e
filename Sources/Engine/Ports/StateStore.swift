import Foundation

/// Where the state document lives (Firestore `strategy/MULTI_ASSET_STATE`, the local SQLite
/// store, or a fixture). The document is exchanged as JSON so unknown keys survive.
public protocol StateStore: Sendable {
    /// The stored document, or nil when none exists yet (the cycle then starts from defaults).
    /// Throws when the store cannot be read or the document does not parse: the cycle aborts.
    func load() async throws -> JSONValue?
    /// Replaces the stored document, records the write in the store's history, and marks the
    /// journal entries in `write.settles` settled, all at once. Throws `LeaseLostError` unless
    /// `LeaseHolder.permitsWrite` (the writer holds an unexpired lease at `write.at`).
    func write(_ write: StateWrite) async throws
}

/// One state write: the whole document and why it was written.
public struct StateWrite: Sendable, Equatable {
    public var document: JSONValue
    /// One of the report's `state_write_intents` reasons.
    public var reason: String
    public var runId: String
    /// Client order ids whose effects this document contains (their journal entries settle).
    public var settles: [String]
    /// The writer's wall-clock time; the lease must not have expired by then.
    public var at: Date

    public init(document: JSONValue, reason: String, runId: String, settles: [String] = [], at: Date) {
        self.document = document
        self.reason = reason
        self.runId = runId
        self.settles = settles
        self.at = at
    }
}

/// Everything the cycle needs from its store: the document, the single-writer lease and the
/// order journal. One backend implements all three so a write and a settle are one transaction.
public typealias CycleStore = StateStore & RunLease & OrderJournal
