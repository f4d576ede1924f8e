import Engine
import Foundation
import GRDB

/// One market fill's balance changes. Buy: pay quote, receive base less the fee. Sell: give
/// base, receive quote less the fee. The fee is 0.1 % of the received asset, or 25 % less
/// paid in BNB when the free BNB covers it (Binance's "use BNB for fees").
struct PaperTrade {
    let listing: Listing
    let side: OrderSide
    let quantity: Decimal
    let price: Decimal
    let bnbPrice: Decimal?

    var quoteQuantity: Decimal { quantity * price }

    /// Moves the balances inside the caller's transaction; returns the fee charged.
    func settle(_ db: Database) throws -> (amount: Decimal, asset: String) {
        let base = listing.baseAsset
        let quote = listing.quoteAsset
        let (spend, spendAsset, receive, receiveAsset) = side == .buy
            ? (quoteQuantity, quote, quantity, base) : (quantity, base, quoteQuantity, quote)
        guard try PaperWallet.spotFree(db, asset: spendAsset) >= spend else { throw PaperExchangeError.insufficientBalance }
        try PaperWallet.addSpot(db, asset: spendAsset, -spend)

        let feeValueInQuote = quoteQuantity * PaperExchange.feeRate * PaperExchange.bnbFeeDiscount
        if let bnbPrice, bnbPrice > 0 {
            let bnbFee = rounded(feeValueInQuote / bnbPrice)
            if bnbFee > 0, try PaperWallet.spotFree(db, asset: "BNB") + (receiveAsset == "BNB" ? receive : 0) >= bnbFee {
                try PaperWallet.addSpot(db, asset: receiveAsset, receive)
                try PaperWallet.addSpot(db, asset: "BNB", -bnbFee)
                return (bnbFee, "BNB")
            }
        }
        let fee = rounded(receive * PaperExchange.feeRate)
        try PaperWallet.addSpot(db, asset: receiveAsset, receive - fee)
        return (fee, receiveAsset)
    }

    /// Fees are charged to 8 decimals, rounded up so the wallet never gets the better side.
    private func rounded(_ value: Decimal) -> Decimal {
        var value = value
        var result = Decimal()
        NSDecimalRound(&result, &value, 8, .up)
        return result
    }
}
