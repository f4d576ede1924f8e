import Foundation
import GRDB

/// One schema step: its name (recorded in `grdb_migrations`, the table earlier versions of this
/// engine wrote through GRDB's migrator, so existing stores carry on) and the SQL that makes it.
/// Each module owns the steps of its own tables: the store's here (`StoreSchema`), the paper
/// wallet's in Paper (`PaperSchema`, applied by `StateDatabase.ensureSchema`).
public struct SchemaMigration: Sendable {
    public let identifier: String
    public let sql: String

    public init(_ identifier: String, sql: String) {
        self.identifier = identifier
        self.sql = sql
    }
}

/// The store's schema. Steps only ever add; a schema change never erases trading state.
///
/// Two cycles can open a fresh folder at the same moment (a manual run beside cron's). Reading
/// which steps are applied and applying the rest happen in one `BEGIN IMMEDIATE` transaction, so
/// the second process waits on SQLite's write lock (the busy timeout), then finds the schema
/// complete: it never runs a step the first one already ran. A store whose schema is complete is
/// only read, so opening it writes nothing.
enum StoreSchema {
    static let migrations: [SchemaMigration] = [
        SchemaMigration("v1_state_document_and_history", sql: """
            CREATE TABLE state_document (
                account TEXT PRIMARY KEY, document TEXT NOT NULL, run_id TEXT NOT NULL, updated_at TEXT NOT NULL);
            CREATE TABLE state_write (
                id INTEGER PRIMARY KEY AUTOINCREMENT, account TEXT NOT NULL, run_id TEXT NOT NULL, reason TEXT NOT NULL,
                written_at TEXT NOT NULL, changed_keys TEXT NOT NULL, document TEXT);
            CREATE INDEX state_write_by_account ON state_write(account, id);
            CREATE TABLE execution_report (
                run_id TEXT PRIMARY KEY, account TEXT NOT NULL, started_at TEXT NOT NULL, status TEXT NOT NULL, report TEXT NOT NULL);
            """),
        SchemaMigration("v1_order_journal", sql: """
            CREATE TABLE order_journal (
                client_order_id TEXT PRIMARY KEY, account TEXT NOT NULL, run_id TEXT NOT NULL, kind TEXT NOT NULL,
                purpose TEXT NOT NULL, symbol TEXT NOT NULL, side TEXT, requested_amount TEXT NOT NULL,
                size_is_quote INTEGER NOT NULL, decision_price REAL NOT NULL, trade_date TEXT NOT NULL, created_at TEXT NOT NULL,
                outcome TEXT, outcome_detail TEXT, order_id TEXT, executed_qty REAL, quote_qty REAL, commission_base REAL,
                answered_at TEXT, settled_at TEXT, settled_by_run TEXT);
            CREATE INDEX order_journal_unsettled ON order_journal(account, settled_at, created_at);
            """),
        SchemaMigration("v1_lease", sql: """
            CREATE TABLE lease (
                account TEXT PRIMARY KEY, run_id TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL,
                acquired_at REAL NOT NULL, expires_at REAL NOT NULL);
            CREATE TABLE lease_event (
                id INTEGER PRIMARY KEY AUTOINCREMENT, account TEXT NOT NULL, at TEXT NOT NULL, event TEXT NOT NULL,
                run_id TEXT NOT NULL, detail TEXT NOT NULL);
            """),
        // "v1_paper_wallet" came here; the paper wallet's tables are Paper's (`PaperSchema`).
        // A run id given twice (a cron line with a fixed --run-id) must not overwrite the first run's report.
        SchemaMigration("v2_every_report_kept", sql: """
            CREATE TABLE execution_report_v2 (
                id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL, account TEXT NOT NULL, started_at TEXT NOT NULL,
                status TEXT NOT NULL, report TEXT NOT NULL);
            INSERT INTO execution_report_v2 (run_id, account, started_at, status, report)
                SELECT run_id, account, started_at, status, report FROM execution_report ORDER BY started_at, rowid;
            DROP TABLE execution_report;
            ALTER TABLE execution_report_v2 RENAME TO execution_report;
            CREATE INDEX execution_report_by_run ON execution_report (run_id);
            """),
        // Retention prunes by when a report was kept (a paper cycle's `started_at` is its simulated clock).
        SchemaMigration("v3_report_saved_at", sql: "ALTER TABLE execution_report ADD COLUMN saved_at TEXT"),
        // One row per request to a peer (docs/commands.md#evidence-for-operators): never a query string, header or body.
        SchemaMigration("v4_call_audit", sql: """
            CREATE TABLE call_audit (
                id INTEGER PRIMARY KEY AUTOINCREMENT, account TEXT NOT NULL, run_id TEXT NOT NULL, at TEXT NOT NULL,
                peer TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL, status INTEGER, code INTEGER,
                latency_ms REAL NOT NULL, used_weight INTEGER, outcome TEXT NOT NULL);
            CREATE INDEX call_audit_by_time ON call_audit (account, at);
            """),
        // Simple Earn product ids looked up before (the product list costs request weight 150).
        SchemaMigration("v5_earn_products", sql: """
            CREATE TABLE earn_product (
                account TEXT NOT NULL, asset TEXT NOT NULL, product_id TEXT NOT NULL, looked_up_at REAL NOT NULL,
                PRIMARY KEY (account, asset));
            """),
        // What each cycle's decisions read, kept with its report (`cycle replay --recorded`).
        SchemaMigration("v6_recorded_inputs", sql: "ALTER TABLE execution_report ADD COLUMN inputs TEXT"),
    ]

    static func apply(to writer: any DatabaseWriter) throws {
        try apply(migrations, to: writer)
    }

    /// Applies the steps of `steps` not yet recorded, atomically; a store that has them all is only read.
    static func apply(_ steps: [SchemaMigration], to writer: any DatabaseWriter) throws {
        if try writer.read({ db in try pending(steps, db).isEmpty }) { return }
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                // The fast path's look at the schema is cached per connection, and another process
                // may have changed the schema since: read it afresh under the write lock.
                db.clearSchemaCache()
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                for step in try pending(steps, db) {
                    try db.execute(sql: step.sql)
                    try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [step.identifier])
                }
                return .commit
            }
        }
    }

    /// The steps not yet recorded, in order; identifiers this version does not know (a newer
    /// engine's) are left alone.
    private static func pending(_ steps: [SchemaMigration], _ db: Database) throws -> [SchemaMigration] {
        guard try db.tableExists("grdb_migrations") else { return steps }
        let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        return steps.filter { !applied.contains($0.identifier) }
    }
}
