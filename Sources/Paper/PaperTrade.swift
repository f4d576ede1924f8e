import Engine
import Foundation

/// One market fill booked into the paper wallet. What it pays, receives and is charged comes
/// from the Engine's `SimulatedFill` (the rule every simulated account shares); this type only
/// reads the free BNB and moves the balances in the account's book.
struct PaperTrade {
    let listing: Listing
    let fill: SimulatedFill
    let bnbPrice: Decimal?

    init(listing: Listing, side: OrderSide, quantity: Decimal, price: Decimal, bnbPrice: Decimal?) {
        self.listing = listing
        self.fill = SimulatedFill(side: side, baseAsset: listing.baseAsset, quoteAsset: listing.quoteAsset, quantity: quantity, price: price)
        self.bnbPrice = bnbPrice
    }

    var quoteQuantity: Decimal { fill.quoteQuantity }

    /// Moves the balances inside the caller's transaction; returns the fee charged. The payment
    /// leaves first, so the BNB that may pay the fee is what is left after it.
    func settle(in book: some PaperBook) throws -> SimulatedFill.Amount {
        let paid = fill.paid
        let received = fill.received
        guard try book.spotFree(paid.asset).isAtLeast(paid.amount) else { throw PaperExchangeError.insufficientBalance }
        try book.addSpot(paid.asset, -paid.amount)

        let fee = fill.fee(bnbPrice: bnbPrice, freeBNB: try book.spotFree("BNB"))
        if fee.asset == received.asset {
            try book.addSpot(received.asset, received.amount.minus(fee.amount))
        } else {
            try book.addSpot(received.asset, received.amount)
            try book.addSpot(fee.asset, -fee.amount)
        }
        return fee
    }
}
