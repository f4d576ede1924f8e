import LocalStore

/// The paper wallet's tables in the local store's file: Paper's own, applied by
/// `PaperWallet.init` (the store's tables are LocalStore's, `StoreSchema`). The step keeps the
/// name it had when the store applied it, so existing stores do not apply it again.
enum PaperSchema {
    static let steps = [
        SchemaMigration("v1_paper_wallet", sql: """
            CREATE TABLE paper_balance (asset TEXT PRIMARY KEY, free TEXT NOT NULL, locked TEXT NOT NULL);
            CREATE TABLE paper_earn (asset TEXT PRIMARY KEY, product_id TEXT NOT NULL, amount TEXT NOT NULL);
            CREATE TABLE paper_order (
                order_id INTEGER PRIMARY KEY AUTOINCREMENT, client_order_id TEXT NOT NULL UNIQUE, symbol TEXT NOT NULL,
                side TEXT NOT NULL, status TEXT NOT NULL, orig_qty TEXT NOT NULL, executed_qty TEXT NOT NULL,
                quote_qty TEXT NOT NULL, price TEXT NOT NULL, commission TEXT NOT NULL, commission_asset TEXT NOT NULL,
                created_at TEXT NOT NULL);
            CREATE TABLE paper_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """),
    ]
}
