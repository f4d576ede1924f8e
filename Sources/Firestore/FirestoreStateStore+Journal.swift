import Engine
import Foundation

/// The order journal as one document per client order id under the state document.
extension FirestoreStateStore {
    /// Written before the send and only if no entry has that id (a second intent never replaces
    /// one), after the state the send was decided on is stored.
    public func recordIntent(_ entry: JournalEntry) async throws {
        try await sendWhatPrecedesSends()
        try await createJournalEntry(at: journalPath(entry.clientOrderId), fields: FirestoreRecords.fields(of: entry))
    }

    /// The answer as a field update of the entry; one whose own answer is lost is sent once more
    /// (the same fields twice leave the entry the same).
    public func recordOutcome(_ outcome: JournalOutcome, clientOrderId: String) async throws {
        let update: [FirestoreWrite] = [.update(journalPath(clientOrderId), fields: FirestoreRecords.outcomeFields(outcome, at: Date()))]
        let operation = "record the outcome of \(clientOrderId)"
        do {
            try await client.commit(update, operation: operation)
        } catch let lost as FirestoreError where lost.isTransient {
            try await client.commit(update, operation: operation)
        }
    }

    /// Unsettled entries, oldest first. One equality filter (Firestore's single-field index); the
    /// order is made here.
    public func unsettledEntries() async throws -> [JournalEntry] {
        let documents = try await client.runQuery(CollectionQuery(parent: path, collection: "journal", filter: FieldFilter("settled", .equal, false)),
                                                  operation: "read the unsettled journal of \(path)")
        return try documents.map { try FirestoreRecords.journalRow($0).entry }.sorted(by: Self.olderFirst)
    }

    public func recentEntries(since: Date) async throws -> [JournalEntry] {
        let query = CollectionQuery(parent: path, collection: "journal", filter: FieldFilter("created_at_unix", .greaterThanOrEqual, .double(since.timeIntervalSince1970)),
                                    orderBy: "created_at_unix", descending: true)
        return try await client.runQuery(query, operation: "read the recent journal of \(path)").map { try FirestoreRecords.journalRow($0).entry }
    }

    public func journalRows(pendingOnly: Bool, limit: Int) async throws -> [JournalRow] {
        let query = pendingOnly
            ? CollectionQuery(parent: path, collection: "journal", filter: FieldFilter("settled", .equal, false))
            : CollectionQuery(parent: path, collection: "journal", orderBy: "created_at_unix", descending: true, limit: limit)
        let rows = try await client.runQuery(query, operation: "read the journal of \(path)").map(FirestoreRecords.journalRow)
        return Array(rows.sorted { Self.olderFirst($1.entry, $0.entry) }.prefix(limit))
    }

    static func olderFirst(_ left: JournalEntry, _ right: JournalEntry) -> Bool {
        left.createdAt == right.createdAt ? left.clientOrderId < right.clientOrderId : left.createdAt < right.createdAt
    }
}
