import Engine
import Foundation
import GRDB

/// The cycle's store on SQLite: the state document of one account (JSON text in the original's
/// keys), its write history, the lease and the order journal. Each write is one transaction.
public struct SQLiteStateStore: DeploymentStore {
    public let database: StateDatabase
    /// Which account's document and lease this store reads and writes (e.g. `paper`, `binance`).
    public let account: String
    /// How many recent history rows keep a full copy of the document (older ones keep reason and time).
    public static let historyDocumentsKept = 500

    public init(database: StateDatabase, account: String) {
        self.database = database
        self.account = account
    }

    public func load() async throws -> JSONValue? {
        // Read as bytes: decoding to a String first would silently replace invalid UTF-8.
        let bytes = try await database.writer.read { db in
            try Data.fetchOne(db, sql: "SELECT CAST(document AS BLOB) FROM state_document WHERE account = ?", arguments: [account])
        }
        guard let bytes else { return nil }
        if let problem = StateDocumentSize.problem(bytes: bytes.count) {
            throw StoredDocumentError(path: database.path, account: account, problem: problem)
        }
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw StoredDocumentError(path: database.path, account: account, problem: "does not parse as JSON (\(error))")
        }
    }

    public func write(_ write: StateWrite) async throws {
        let text = JSONWriter.string(write.document, pretty: false, keys: .asStored)
        if let problem = StateDocumentSize.problem(bytes: text.utf8.count) { throw StateDocumentTooLargeError(account: account, problem: problem) }
        let now = Date().isoWithOffset
        try await database.writer.write { db in
            try Self.requireLease(db, account: account, runId: write.runId, at: write.at)
            let previous = try String.fetchOne(db, sql: "SELECT document FROM state_document WHERE account = ?", arguments: [account])
            try db.execute(sql: """
                INSERT INTO state_document (account, document, run_id, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(account) DO UPDATE SET document = excluded.document, run_id = excluded.run_id, updated_at = excluded.updated_at
                """, arguments: [account, text, write.runId, now])
            try db.execute(sql: """
                INSERT INTO state_write (account, run_id, reason, written_at, changed_keys, document) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [account, write.runId, write.reason, now, Self.changedKeys(from: previous, to: write.document), text])
            try db.execute(sql: """
                UPDATE state_write SET document = NULL WHERE account = ? AND id <= (SELECT max(id) FROM state_write WHERE account = ?) - ?
                """, arguments: [account, account, Self.historyDocumentsKept])
            for clientOrderId in write.settles {
                try db.execute(sql: """
                    UPDATE order_journal SET settled_at = ?, settled_by_run = ? WHERE client_order_id = ? AND account = ? AND settled_at IS NULL
                    """, arguments: [now, write.runId, clientOrderId, account])
            }
        }
        // A write into files that are no longer the store's is lost when this process exits.
        try database.requireFilesInPlace(runId: write.runId)
    }

    /// Top-level keys whose values differ between the previous document and the new one.
    static func changedKeys(from previousText: String?, to document: JSONValue) -> String {
        StateHistoryRow.changedKeys(from: previousText.flatMap { try? JSONParser.parse($0) }, to: document)
    }

    public var location: String { "account \(account) in \(database.path)" }
    public var accountName: String { account }
}

/// The stored state document cannot be understood; it was left exactly as it is.
public struct StoredDocumentError: Error, CustomStringConvertible {
    public let path: String
    public let account: String
    public let problem: String
    public var description: String {
        "The state document of account \(account) in \(path) \(problem); it was left untouched. "
            + "Restore a good copy with `cycle state import FILE` (from `cycle state export`), or, for the paper account, `cycle state reset --paper`"
    }
}

/// A write of a document over `StateDocumentSize`: refused, the stored document is unchanged.
public struct StateDocumentTooLargeError: Error, CustomStringConvertible {
    public let account: String
    public let problem: String
    public var description: String {
        "The new state document of account \(account) \(problem); it was not written and the stored document is unchanged. "
            + "Something grew it without bound (look at `cycle state show`): report it, and restore a normal document with `cycle state import FILE`"
    }
}
