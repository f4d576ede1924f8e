/// Sending an order failed in a way that leaves its outcome unknown, and asking the exchange
/// did not settle it. The cycle stops; the next cycle resolves the journal entry first.
public struct OrderOutcomeUnknownError: Error, CustomStringConvertible {
    public let clientOrderId: String
    public let symbol: String
    public let cause: String
    public init(clientOrderId: String, symbol: String, cause: String) {
        self.clientOrderId = clientOrderId
        self.symbol = symbol
        self.cause = cause
    }
    public var description: String {
        "Order \(clientOrderId) on \(symbol) has an unknown outcome (\(cause)). Trading stopped for this cycle; "
            + "it was not re-sent. The next cycle looks for it (by client id, then in the symbol's order history) before deciding anything; check it on the exchange if this repeats."
    }
}
