import Engine
import Foundation
import GRDB

/// The order journal: one row per order or earn move, written before it is sent.
extension SQLiteStateStore {
    public func recordIntent(_ entry: JournalEntry) async throws {
        // Also the fence when the lease lives in Firestore: an intent the store would lose is never recorded, nothing is sent.
        try database.requireFilesInPlace(runId: entry.runId)
        try await database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO order_journal (client_order_id, account, run_id, kind, purpose, symbol, side, requested_amount,
                    size_is_quote, decision_price, trade_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [entry.clientOrderId, account, entry.runId, entry.kind.rawValue, entry.purpose.rawValue, entry.symbol,
                                 entry.side?.rawValue, entry.requestedAmount, entry.sizeIsQuote, entry.decisionPrice, entry.tradeDate,
                                 entry.createdAt.isoWithOffset])
        }
    }

    public func recordOutcome(_ outcome: JournalOutcome, clientOrderId: String) async throws {
        let (fill, detail): (OrderFill?, String) = switch outcome {
        case .answered(let answered): (answered, "")
        case .rejected(let why), .unknown(let why): (nil, why)
        }
        try await database.writer.write { db in
            // A rejection or a confirmed answer is final; a settled row is never reopened.
            let settledAt: String? = if case .rejected = outcome { Date().isoWithOffset } else { nil }
            try db.execute(sql: """
                UPDATE order_journal SET outcome = ?, outcome_detail = ?, order_id = ?, executed_qty = ?, quote_qty = ?,
                    commission_base = ?, answered_at = ?, settled_at = coalesce(settled_at, ?)
                WHERE client_order_id = ? AND account = ?
                """, arguments: [outcome.label, detail, fill?.orderId, fill?.executedQuantity, fill?.quoteQuantity,
                                 fill?.commissionInBaseAsset, Date().isoWithOffset, settledAt, clientOrderId, account])
        }
    }

    public func unsettledEntries() async throws -> [JournalEntry] {
        // Before any trading decision: an earlier run that lost the store's files may have lost journal rows too.
        try database.refuseIfAnEarlierRunLostFiles()
        return try await database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM order_journal WHERE account = ? AND settled_at IS NULL ORDER BY created_at, rowid
                """, arguments: [account]).map(Self.journalEntry)
        }
    }

    public func recentEntries(since: Date) async throws -> [JournalEntry] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM order_journal WHERE account = ? AND julianday(created_at) >= ? ORDER BY created_at DESC, rowid DESC",
                             arguments: [account, since.julianDay]).map(Self.journalEntry)
        }
    }

    static func journalEntry(_ row: Row) -> JournalEntry {
        var outcome: JournalOutcome?
        let detail: String = row["outcome_detail"] ?? ""
        switch row["outcome"] as String? {
        case nil: outcome = nil
        case "REJECTED": outcome = .rejected(detail)
        case "UNKNOWN": outcome = .unknown(detail)
        case let status?:
            outcome = .answered(OrderFill(
                orderId: row["order_id"] ?? "", status: OrderFill.Status(rawValue: status) ?? .filled,
                executedQuantity: row["executed_qty"] ?? 0, quoteQuantity: row["quote_qty"] ?? 0,
                commissionInBaseAsset: row["commission_base"] ?? 0))
        }
        return JournalEntry(
            clientOrderId: row["client_order_id"], runId: row["run_id"],
            kind: JournalEntry.Kind(rawValue: row["kind"]) ?? .order, purpose: JournalEntry.Purpose(rawValue: row["purpose"]) ?? .earnMove,
            symbol: row["symbol"], side: (row["side"] as String?).flatMap(OrderSide.init(rawValue:)),
            requestedAmount: row["requested_amount"], sizeIsQuote: row["size_is_quote"], decisionPrice: row["decision_price"],
            tradeDate: row["trade_date"], createdAt: Date.parseISO8601(row["created_at"]) ?? Date(timeIntervalSince1970: 0),
            outcome: outcome
        )
    }
}

extension SQLiteStateStore: SettlingOrderJournal {
    /// Marks entries settled whose effects another store's document now contains.
    public func settle(clientOrderIds: [String], runId: String) async throws {
        guard !clientOrderIds.isEmpty else { return }
        let now = Date().isoWithOffset
        try await database.writer.write { db in
            for clientOrderId in clientOrderIds {
                try db.execute(sql: """
                    UPDATE order_journal SET settled_at = ?, settled_by_run = ? WHERE client_order_id = ? AND account = ? AND settled_at IS NULL
                    """, arguments: [now, runId, clientOrderId, account])
            }
        }
    }
}
