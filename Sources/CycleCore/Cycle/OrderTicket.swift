import Foundation
import Strategy

/// One order the cycle decided on, with what the pipeline does around it. Each order kind
/// (trend buy/sell, circuit-breaker sell, DCA buy/trim, fuel) fills one in; `CycleDecisions.execute`
/// carries every ticket through the same steps in the same order.
struct OrderTicket {
    var member: UniverseMember
    var side: OrderSide
    var size: MarketOrder.Size
    /// The decision price (USDT), also the dry run's fill price.
    var price: Double
    /// The symbol's exchange filters as read with the market (nil: unknown, nothing is checked).
    var rules: SymbolRules?
    var clientOrderId: String
    var purpose: JournalEntry.Purpose
    /// Gating category of the filter gates.
    var category: GateCategory
    /// What the order's alerts (sized to zero, failed, filled) are about.
    var subject: OrderSubject
    /// The gate recorded when the sized order is zero (nil: only the alert).
    var zeroSizeGate: GatingEvent?
    /// The error's message when the asset to spend cannot be made free on spot.
    var unavailable: MessageKey
    /// The state write that follows a fill (nil: the step writes later, e.g. the circuit breaker).
    var writeReason: String?
    /// What the cycle's later orders and the spot USDT buffer will still need: redeemed from
    /// Simple Earn together with this order's shortfall, if it has one, so one redemption
    /// serves them all (Simple Earn takes one move per 3 s).
    var fundingHeadroom: Double = 0

    /// The order as its fill is booked into state (`TradeState.book`), on the cycle's `tradeDate`.
    func filledOrder(tradeDate: String) -> FilledOrder {
        FilledOrder(purpose: purpose, symbol: member.symbol, baseAsset: member.baseAsset, side: side, decisionPrice: price, tradeDate: tradeDate)
    }

    var order: MarketOrder {
        MarketOrder(symbol: member.symbol, side: side, size: size, clientOrderId: clientOrderId)
    }

    var isZero: Bool {
        switch size {
        case .quantity(let quantity): quantity <= 0 || OrderSizing.double(quantity) * price <= 0
        case .quote(let quote): quote <= 0
        }
    }

    /// What must be free on spot before sending: USDT for a buy, the base asset for a sell.
    var needs: (asset: String, amount: Double) {
        switch (side, size) {
        case (.buy, .quantity(let quantity)): ("USDT", OrderSizing.double(quantity) * price)
        case (.buy, .quote(let quote)): ("USDT", OrderSizing.double(quote))
        case (.sell, .quantity(let quantity)): (member.baseAsset, OrderSizing.double(quantity))
        case (.sell, .quote(let quote)): (member.baseAsset, price > 0 ? OrderSizing.double(quote) / price : 0)
        }
    }
}
