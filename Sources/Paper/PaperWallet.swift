import Engine
import Foundation
import GRDB
import LocalStore

/// The paper account's balances in the store's database: spot free/locked per asset and
/// Simple Earn flexible positions, as exact decimal strings.
public struct PaperWallet: Sendable {
    public static let defaultInitialBalances: [String: Decimal] = ["USDT": 10_000, "BNB": Decimal(string: "0.1")!]
    public let database: StateDatabase

    /// The wallet in `database`, creating its tables there first when they are missing (`PaperSchema`).
    public init(database: StateDatabase) throws {
        try database.ensureSchema(PaperSchema.steps)
        self.database = database
    }

    /// Funds a new paper account once; an existing wallet is never touched. True when funded now.
    @discardableResult
    public func fundIfNew(_ balances: [String: Decimal]) async throws -> Bool {
        try await database.writer.write { db in
            guard try String.fetchOne(db, sql: "SELECT value FROM paper_meta WHERE key = 'funded_at'") == nil else { return false }
            for (asset, amount) in balances.sorted(by: { $0.key < $1.key }) {
                try Self.setSpot(db, asset: asset, free: amount, locked: 0)
            }
            try db.execute(sql: "INSERT INTO paper_meta (key, value) VALUES ('funded_at', ?)", arguments: [Date().isoWithOffset])
            return true
        }
    }

    /// Deletes the paper wallet and its orders; the next cycle funds it afresh.
    public func reset() async throws {
        try await database.writer.write { db in
            for table in ["paper_balance", "paper_earn", "paper_order", "paper_meta"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
        }
    }

    /// Read on the caller's thread (a short read of a few rows): a cycle reads balances several
    /// times, and a hop to the database queue per read costs more than the read.
    public func spot() async throws -> [String: (free: Decimal, locked: Decimal)] {
        try readHere { db in try Self.spot(db) }
    }

    /// One SELECT on the calling thread (from an async function the compiler would pick GRDB's
    /// async read, which hops to the database's queue and back), without wrapping it in a
    /// transaction: a single statement is atomic in SQLite, so `unsafeRead` is exact here.
    private func readHere<T>(_ body: (Database) throws -> T) throws -> T {
        try database.writer.unsafeRead(body)
    }

    public func earn() async throws -> [String: (productId: String, amount: Decimal)] {
        try readHere { db in
            var result: [String: (String, Decimal)] = [:]
            let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT asset, product_id, amount FROM paper_earn"))
            while let row = try rows.next() {
                result[row[0]] = (row[1], Self.decimal(row[2]))
            }
            return result
        }
    }

    /// Every order the paper exchange filled, in the order they were placed.
    public func orders() async throws -> [PaperOrderRecord] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM paper_order ORDER BY order_id").map { row in
                PaperOrderRecord(
                    clientOrderId: row["client_order_id"], symbol: row["symbol"], side: row["side"], createdAt: row["created_at"],
                    executedQuantity: Self.decimal(row["executed_qty"]), quoteQuantity: Self.decimal(row["quote_qty"]), price: Self.decimal(row["price"]),
                    commission: Self.decimal(row["commission"]), commissionAsset: row["commission_asset"]
                )
            }
        }
    }

    static func spot(_ db: Database) throws -> [String: (free: Decimal, locked: Decimal)] {
        var result: [String: (Decimal, Decimal)] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT asset, free, locked FROM paper_balance"))
        while let row = try rows.next() {
            result[row[0]] = (decimal(row[1]), decimal(row[2]))
        }
        return result
    }

    static func spotFree(_ db: Database, asset: String) throws -> Decimal {
        decimal(try String.fetchOne(db, sql: "SELECT free FROM paper_balance WHERE asset = ?", arguments: [asset]) ?? "0")
    }

    static func addSpot(_ db: Database, asset: String, _ delta: Decimal) throws {
        let free = try spotFree(db, asset: asset) + delta
        // Callers check balances first; this is the last line of defence, refused like Binance would.
        guard free >= 0 else { throw PaperExchangeError.insufficientBalance }
        let locked = decimal(try String.fetchOne(db, sql: "SELECT locked FROM paper_balance WHERE asset = ?", arguments: [asset]) ?? "0")
        try setSpot(db, asset: asset, free: free, locked: locked)
    }

    static func setSpot(_ db: Database, asset: String, free: Decimal, locked: Decimal) throws {
        try db.execute(sql: """
            INSERT INTO paper_balance (asset, free, locked) VALUES (?, ?, ?)
            ON CONFLICT(asset) DO UPDATE SET free = excluded.free, locked = excluded.locked
            """, arguments: [asset, text(free), text(locked)])
    }

    static func earnAmount(_ db: Database, asset: String) throws -> Decimal {
        decimal(try String.fetchOne(db, sql: "SELECT amount FROM paper_earn WHERE asset = ?", arguments: [asset]) ?? "0")
    }

    static func setEarn(_ db: Database, asset: String, productId: String, amount: Decimal) throws {
        try db.execute(sql: """
            INSERT INTO paper_earn (asset, product_id, amount) VALUES (?, ?, ?)
            ON CONFLICT(asset) DO UPDATE SET amount = excluded.amount
            """, arguments: [asset, productId, text(amount)])
    }

    /// Amounts are stored as text with a `.` decimal separator, whatever the machine's locale:
    /// `Decimal`'s own parser and `description` use `.` when given no locale, and skip the
    /// locale lookup a cycle would otherwise pay on every balance (checked against the POSIX
    /// locale's spelling in `DecimalTextTests`).
    static func decimal(_ text: String) -> Decimal {
        Decimal(string: text) ?? 0
    }

    /// `value` as the wallet keeps it: 8 decimals, rounded down. The same bits reading its
    /// text back gives (`DecimalTextTests` compares both on every amount it draws): a rounded
    /// zero is the plain zero, and NaN, whose text does not parse, is 0.
    static func stored(_ value: Decimal) -> Decimal {
        guard !value.isNaN else { return 0 }
        let rounded = roundedDown(value)
        return rounded.isZero ? 0 : rounded
    }

    static func text(_ value: Decimal) -> String {
        roundedDown(value).description
    }

    private static func roundedDown(_ value: Decimal) -> Decimal {
        value.rounded(toScale: 8, .down)
    }
}

/// One filled paper order as the paper exchange recorded it (`created_at` is the paper clock).
public struct PaperOrderRecord: Sendable, Equatable {
    public var clientOrderId: String
    public var symbol: String
    public var side: String
    public var createdAt: String
    public var executedQuantity: Decimal
    public var quoteQuantity: Decimal
    public var price: Decimal
    public var commission: Decimal
    public var commissionAsset: String
}
