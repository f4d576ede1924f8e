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

/// Everything the cycle needs from its store: the document, the single-writer lease and the
/// order journal. One backend implements all three so a write and a settle are one transaction.
public typealias CycleStore = StateStore & RunLease & OrderJournal
