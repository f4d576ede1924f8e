import Foundation

/// The order journal: every order and Simple Earn move is written down before it is sent and
/// again when the exchange answers, so a crash between "filled" and "state written" is repaired
/// by the next cycle instead of being traded twice.
public protocol OrderJournal: Sendable {
    /// Stores an intent before it is sent. Throws when it cannot be stored (nothing is sent then).
    func recordIntent(_ entry: JournalEntry) async throws
    /// Stores what the exchange answered (or that the answer is unknown) for `clientOrderId`.
    func recordOutcome(_ outcome: JournalOutcome, clientOrderId: String) async throws
    /// Entries whose effects have not been written to state yet, oldest first.
    func unsettledEntries() async throws -> [JournalEntry]
    /// Entries created at or after `since`, settled or not, newest first (reconciliation).
    func recentEntries(since: Date) async throws -> [JournalEntry]
}

/// A journal kept apart from the state document (a remote state store with a local journal):
/// after the document is written, the entries it contains are marked settled here.
public protocol SettlingOrderJournal: OrderJournal {
    func settle(clientOrderIds: [String], runId: String) async throws
}
