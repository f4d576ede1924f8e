import Foundation

/// The spot trading fee a simulated account charges (the paper exchange, the fake Binance, a
/// backtest matcher). Written once so every simulation charges the same, and charges what
/// Binance's regular tier does: 0.1 % of the received asset, or 25 % less paid in BNB when the
/// account has "use BNB for fees" on and the free BNB covers it.
public struct FeeSchedule: Sendable, Equatable {
    /// Binance spot's regular tier: the account every simulation plays.
    public static let binanceSpot = FeeSchedule(rate: Decimal(string: "0.001")!, bnbDiscount: Decimal(string: "0.75")!)

    /// The fee as a fraction of the received asset (0.001 = 0.1 %).
    public var rate: Decimal
    /// The fraction of the fee's value paid when it is paid in BNB (0.75 = 25 % off).
    public var bnbDiscount: Decimal

    public init(rate: Decimal, bnbDiscount: Decimal) {
        self.rate = rate
        self.bnbDiscount = bnbDiscount
    }

    /// The rate as a Double, for estimates and statistics made in floating point (through the
    /// decimal's text, so 0.001 is the Double literal 0.001 to the bit).
    public var rateValue: Double { OrderSizing.double(rate) }

    /// A fee paid in BNB as a fraction of the order's value (0.00075), as a Double: what a
    /// BNB-paid fill cost in the quote asset, before the BNB amount was rounded.
    public var bnbRateValue: Double { OrderSizing.double(rate * bnbDiscount) }
}
