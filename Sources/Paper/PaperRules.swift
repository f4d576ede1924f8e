import Engine
import Foundation

/// What the paper exchange does with a market order or a Simple Earn move, written once for
/// every paper account: the paper exchange's wallet in SQLite and a backtest's in memory
/// (`PaperBook`). The fill's arithmetic is the Engine's `SimulatedFill`, the filters
/// `SymbolRules.marketOrderViolation`.
public enum PaperRules {
    /// Fills `order` at `price` (BNB at `bnbPrice`, for the fee) and books it: the quantity (a
    /// quote-sized order's cut to the market step), Binance's filters, a client id used before,
    /// the balances, the order's record at `createdAt`.
    public static func fill(_ order: MarketOrder, listing: Listing, price: Decimal, bnbPrice: Decimal?, createdAt: String,
                            in book: some PaperBook) throws -> OrderFill {
        let quantity: Decimal = switch order.size {
        case .quantity(let quantity): quantity
        case .quote(let quote): SimulatedFill.quantity(forQuote: quote, price: price, rules: listing.rules)
        }
        if let violation = listing.rules.marketOrderViolation(quantity: quantity, price: price) {
            throw PaperExchangeError.filterFailure(violation.filter.rawValue)
        }
        guard try !book.hasOrder(clientOrderId: order.clientOrderId) else { throw PaperExchangeError.duplicateOrder }
        let trade = PaperTrade(listing: listing, side: order.side, quantity: quantity, price: price, bnbPrice: bnbPrice)
        let fee = try trade.settle(in: book)
        let record = PaperOrderRecord(
            clientOrderId: order.clientOrderId, symbol: order.symbol, side: order.side.rawValue, createdAt: createdAt,
            executedQuantity: PaperWallet.stored(quantity), quoteQuantity: PaperWallet.stored(trade.quoteQuantity),
            price: PaperWallet.stored(price), commission: PaperWallet.stored(fee.amount), commissionAsset: fee.asset
        )
        let orderId = try book.record(record)
        return OrderFill(orderId: "\(orderId)", status: .filled, executedQuantity: double(quantity), quoteQuantity: double(trade.quoteQuantity),
                         commissionInBaseAsset: fee.asset == listing.baseAsset ? double(fee.amount) : 0)
    }

    /// Moves `amount` of the product's asset from spot into Simple Earn flexible (instant on paper).
    public static func subscribe(productId: String, amount: Decimal, in book: some PaperBook) throws {
        let asset = try asset(ofProduct: productId)
        guard amount.isPositive, try book.spotFree(asset).isAtLeast(amount) else { throw PaperExchangeError.earnAssetNotEnough }
        try book.addSpot(asset, -amount)
        try book.setEarn(asset, productId: productId, amount: try book.earnAmount(asset).plus(amount))
    }

    /// Moves `amount` back from Simple Earn flexible to spot (instant on paper).
    public static func redeem(productId: String, amount: Decimal, in book: some PaperBook) throws {
        let asset = try asset(ofProduct: productId)
        let held = try book.earnAmount(asset)
        guard amount.isPositive, held.isAtLeast(amount) else { throw PaperExchangeError.earnAssetNotEnough }
        try book.setEarn(asset, productId: productId, amount: held.minus(amount))
        try book.addSpot(asset, amount)
    }

    /// The paper account's Simple Earn product of an asset.
    public static func productId(asset: String) -> String { "\(asset)001" }

    static func asset(ofProduct productId: String) throws -> String {
        guard productId.hasSuffix("001"), productId.count > 3 else { throw PaperExchangeError.earnProductMissing }
        return String(productId.dropLast(3))
    }

    /// A balance as the Engine reads it.
    public static func spotBalance(free: Decimal, locked: Decimal) -> SpotBalance {
        SpotBalance(free: double(free), locked: double(locked))
    }

    /// A Simple Earn position as the Engine reads it.
    public static func earnPosition(productId: String, amount: Decimal) -> EarnPosition {
        EarnPosition(productId: productId, totalAmount: double(amount))
    }
}
