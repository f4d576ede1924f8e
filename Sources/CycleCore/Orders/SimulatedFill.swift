import Foundation

/// One filled market order on a simulated account, from values alone: what it pays, what it
/// receives and the fee it is charged. The paper exchange (which keeps its wallet in SQLite),
/// the fake Binance the tests talk to and a backtest's in-memory matcher all book fills through
/// it, so a fill costs the same whichever of them made it. No I/O: the caller reads the free BNB
/// and moves the balances.
public struct SimulatedFill: Sendable, Equatable {
    /// An amount of one asset.
    public struct Amount: Sendable, Equatable {
        public var asset: String
        public var amount: Decimal
        public init(asset: String, amount: Decimal) {
            self.asset = asset
            self.amount = amount
        }
    }

    public let side: OrderSide
    public let baseAsset: String
    public let quoteAsset: String
    /// The executed quantity, in base units.
    public let quantity: Decimal
    /// The fill price, in quote units per base unit.
    public let price: Decimal

    public init(side: OrderSide, baseAsset: String, quoteAsset: String, quantity: Decimal, price: Decimal) {
        self.side = side
        self.baseAsset = baseAsset
        self.quoteAsset = quoteAsset
        self.quantity = quantity
        self.price = price
    }

    /// The fill's value, in quote units.
    public var quoteQuantity: Decimal { quantity.times(price) }

    /// What leaves the account: the quote for a buy, the base for a sell.
    public var paid: Amount {
        side == .buy ? Amount(asset: quoteAsset, amount: quoteQuantity) : Amount(asset: baseAsset, amount: quantity)
    }

    /// What arrives, before the fee: the base for a buy, the quote for a sell.
    public var received: Amount {
        side == .buy ? Amount(asset: baseAsset, amount: quantity) : Amount(asset: quoteAsset, amount: quoteQuantity)
    }

    /// The fee, rounded up to 8 decimals so the account never gets the better side of a cut.
    /// In BNB at `schedule.bnbDiscount` of the fee's value when `bnbPrice` (BNB's price in the
    /// quote asset) is known and positive and the BNB covers it; otherwise `schedule.rate` of the
    /// received asset. `freeBNB` is the account's free BNB once this fill's payment has left it;
    /// BNB this very fill receives is counted here, as Binance does.
    public func fee(bnbPrice: Decimal?, freeBNB: Decimal, schedule: FeeSchedule = .binanceSpot) -> Amount {
        let received = received
        if let bnbPrice, bnbPrice.isPositive {
            let bnbFee = (quoteQuantity.times(schedule.rate).times(schedule.bnbDiscount) / bnbPrice).rounded(toScale: 8, .up)
            let available = received.asset == "BNB" ? freeBNB.plus(received.amount) : freeBNB
            if bnbFee.isPositive, available.isAtLeast(bnbFee) { return Amount(asset: "BNB", amount: bnbFee) }
        }
        return Amount(asset: received.asset, amount: received.amount.times(schedule.rate).rounded(toScale: 8, .up))
    }

    /// Each asset's change once this fill and `fee` are booked (an asset that nets to zero is kept).
    public func balanceChanges(fee: Amount) -> [String: Decimal] {
        var changes: [String: Decimal] = [:]
        changes[paid.asset, default: 0] -= paid.amount
        changes[received.asset, default: 0] += received.amount
        changes[fee.asset, default: 0] -= fee.amount
        return changes
    }

    /// The base quantity a quote-sized market order (`quoteOrderQty`) fills: the quote at `price`,
    /// floored to the symbol's market step. Zero for a price that is not positive.
    public static func quantity(forQuote quote: Decimal, price: Decimal, rules: SymbolRules) -> Decimal {
        guard price > 0 else { return 0 }
        return OrderSizing.floor(quote / price, step: rules.marketOrderStep)
    }

}
