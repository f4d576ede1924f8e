import Engine
import Foundation
import GRDB

/// A paper account's balances and filled orders as the paper exchange's rules (`PaperRules`)
/// move them. The paper exchange keeps them in the store's SQLite database (`SQLitePaperBook`,
/// inside one transaction); a backtest keeps them in memory (`PaperMemoryBook`). Both store
/// amounts as the wallet always has: to 8 decimals, rounded down.
public protocol PaperBook {
    func spotFree(_ asset: String) throws -> Decimal
    /// Adds `delta` to the free balance; a balance below zero is refused as Binance would.
    func addSpot(_ asset: String, _ delta: Decimal) throws
    func earnAmount(_ asset: String) throws -> Decimal
    func setEarn(_ asset: String, productId: String, amount: Decimal) throws
    func hasOrder(clientOrderId: String) throws -> Bool
    /// Keeps a filled order; returns its order id.
    func record(_ order: PaperOrderRecord) throws -> Int64
}

/// The paper wallet's tables, inside the caller's transaction.
struct SQLitePaperBook: PaperBook {
    let db: Database

    func spotFree(_ asset: String) throws -> Decimal { try PaperWallet.spotFree(db, asset: asset) }
    func addSpot(_ asset: String, _ delta: Decimal) throws { try PaperWallet.addSpot(db, asset: asset, delta) }
    func earnAmount(_ asset: String) throws -> Decimal { try PaperWallet.earnAmount(db, asset: asset) }
    func setEarn(_ asset: String, productId: String, amount: Decimal) throws {
        try PaperWallet.setEarn(db, asset: asset, productId: productId, amount: amount)
    }

    func hasOrder(clientOrderId: String) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT 1 FROM paper_order WHERE client_order_id = ?", arguments: [clientOrderId]) != nil
    }

    func record(_ order: PaperOrderRecord) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO paper_order (client_order_id, symbol, side, status, orig_qty, executed_qty, quote_qty, price,
                commission, commission_asset, created_at) VALUES (?, ?, ?, 'FILLED', ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [order.clientOrderId, order.symbol, order.side, PaperWallet.text(order.executedQuantity),
                             PaperWallet.text(order.executedQuantity), PaperWallet.text(order.quoteQuantity), PaperWallet.text(order.price),
                             PaperWallet.text(order.commission), order.commissionAsset, order.createdAt])
        return db.lastInsertedRowID
    }
}

/// A paper account in memory: a backtest's, carried from one simulated hour to the next.
public final class PaperMemoryBook: PaperBook {
    private var spot: [String: Decimal] = [:]
    private var earn: [String: (productId: String, amount: Decimal)] = [:]
    /// `earn` as the Engine reads it, made on the first read and then moved asset by asset with
    /// `earn` (a backtest reads it every hour and moves one position most hours).
    private var earnAsRead: [String: EarnPosition]?
    /// `spot` as the Engine reads it, made on the first read and then moved asset by asset with `spot`.
    private var spotAsRead: [String: SpotBalance]?
    private var orderIds: Set<String> = []
    /// Every order filled, in the order they were placed.
    public private(set) var orders: [PaperOrderRecord] = []

    public init(funded balances: [String: Decimal]) {
        for (asset, amount) in balances { spot[asset] = PaperWallet.stored(amount) }
    }

    public func spotFree(_ asset: String) -> Decimal { spot[asset] ?? 0 }

    public func addSpot(_ asset: String, _ delta: Decimal) throws {
        let free = spotFree(asset).plus(delta)
        guard free.isAtLeast(0) else { throw PaperExchangeError.insufficientBalance }
        let stored = PaperWallet.stored(free)
        spot[asset] = stored
        spotAsRead?[asset] = PaperRules.spotBalance(free: stored, locked: 0)
    }

    public func earnAmount(_ asset: String) -> Decimal { earn[asset]?.amount ?? 0 }

    public func setEarn(_ asset: String, productId: String, amount: Decimal) {
        let position = (productId: earn[asset]?.productId ?? productId, amount: PaperWallet.stored(amount))
        earn[asset] = position
        earnAsRead?[asset] = position.amount > 0 ? PaperRules.earnPosition(productId: position.productId, amount: position.amount) : nil
    }

    public func hasOrder(clientOrderId: String) -> Bool { orderIds.contains(clientOrderId) }

    public func record(_ order: PaperOrderRecord) -> Int64 {
        orderIds.insert(order.clientOrderId)
        orders.append(order)
        return Int64(orders.count)
    }

    /// Spot balances (nothing is ever locked on paper).
    public var spotBalances: [String: Decimal] { spot }

    /// Spot balances as the Engine reads them (`PaperRules.spotBalance`).
    public func spotBalancesAsRead() -> [String: SpotBalance] {
        if let spotAsRead { return spotAsRead }
        let read = spot.mapValues { PaperRules.spotBalance(free: $0, locked: 0) }
        spotAsRead = read
        return read
    }
    /// Simple Earn positions.
    public var earnPositions: [String: (productId: String, amount: Decimal)] { earn }

    /// Simple Earn positions holding something, as the Engine reads them (`PaperRules.earnPosition`).
    public func earnPositionsAsRead() -> [String: EarnPosition] {
        if let earnAsRead { return earnAsRead }
        var read: [String: EarnPosition] = [:]
        for (asset, position) in earn where position.amount > 0 {
            read[asset] = PaperRules.earnPosition(productId: position.productId, amount: position.amount)
        }
        earnAsRead = read
        return read
    }
}
