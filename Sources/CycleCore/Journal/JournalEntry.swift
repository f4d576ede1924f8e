import Foundation

/// One journaled side effect: what was about to be sent and, once known, what happened.
public struct JournalEntry: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case order
        case earnSubscribe = "earn_subscribe"
        case earnRedeem = "earn_redeem"
    }

    /// What the side effect was for; decides how its fill is applied to state.
    public enum Purpose: String, Sendable, Equatable, CaseIterable {
        case trendBuy = "trend_buy"
        case trendSell = "trend_sell"
        case circuitBreakerSell = "circuit_breaker_sell"
        case dcaBuy = "btc_dca_buy"
        case dcaSell = "btc_dca_sell"
        case fuelBuy = "fuel_buy"
        case earnMove = "earn_move"
    }

    public var clientOrderId: String
    public var runId: String
    public var kind: Kind
    public var purpose: Purpose
    /// Symbol of an order, or the asset of an earn move.
    public var symbol: String
    public var side: OrderSide?
    /// The requested size as an exact decimal string (base quantity, quote amount or earn amount).
    public var requestedAmount: String
    public var sizeIsQuote: Bool
    /// Price (USDT) the cycle decided at.
    public var decisionPrice: Double
    /// `YYYYMMDD` (UTC) of the cycle that sent it; cooldowns are booked on this day.
    public var tradeDate: String
    public var createdAt: Date
    public var outcome: JournalOutcome?

    public init(clientOrderId: String, runId: String, kind: Kind, purpose: Purpose, symbol: String, side: OrderSide?,
                requestedAmount: String, sizeIsQuote: Bool, decisionPrice: Double, tradeDate: String, createdAt: Date,
                outcome: JournalOutcome? = nil) {
        self.clientOrderId = clientOrderId
        self.runId = runId
        self.kind = kind
        self.purpose = purpose
        self.symbol = symbol
        self.side = side
        self.requestedAmount = requestedAmount
        self.sizeIsQuote = sizeIsQuote
        self.decisionPrice = decisionPrice
        self.tradeDate = tradeDate
        self.createdAt = createdAt
        self.outcome = outcome
    }
}

/// The exchange's answer to a journaled side effect.
public enum JournalOutcome: Sendable, Equatable {
    /// The exchange confirmed it (an earn move carries a zero fill).
    case answered(OrderFill)
    /// The exchange refused it; nothing happened.
    case rejected(String)
    /// Sent, but the answer never came (timeout, 5xx, crash): ask the exchange.
    case unknown(String)

    public var label: String {
        switch self {
        case .answered(let fill): fill.status.rawValue
        case .rejected: "REJECTED"
        case .unknown: "UNKNOWN"
        }
    }
}

/// An exchange error meaning "the exchange refused this request; nothing happened"
/// (filter failure, insufficient balance, bad symbol), as opposed to an unknown outcome.
public protocol ExchangeRejection: Error {
    /// True when the refusal is about the account or the connection, not this order (an IP
    /// ban, a key without trading permission, a wrong signature): no other order can succeed,
    /// so the cycle stops with status `error`.
    var stopsTrading: Bool { get }
}
