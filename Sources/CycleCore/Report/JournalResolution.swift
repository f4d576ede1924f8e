/// How one unfinished journal entry of an earlier run was resolved at the start of this cycle.
public struct JournalResolution: Sendable, Equatable {
    public var entry: JournalEntry
    /// The exchange's order status, `NOT_FOUND` (never placed), `UNKNOWN` or `PENDING` (dry run).
    public var outcome: String
    /// Whether its effect was written into state.
    public var applied: Bool
    public var fill: OrderFill?

    public init(entry: JournalEntry, outcome: String, applied: Bool, fill: OrderFill? = nil) {
        self.entry = entry
        self.outcome = outcome
        self.applied = applied
        self.fill = fill
    }

    package var json: JSONValue {
        [
            "client_order_id": .string(entry.clientOrderId),
            "from_run_id": .string(entry.runId),
            "purpose": .string(entry.purpose.rawValue),
            "kind": .string(entry.kind.rawValue),
            "symbol": .string(entry.symbol),
            "side": JSONValue(entry.side?.rawValue),
            "requested": .string(entry.requestedAmount),
            "outcome": .string(outcome),
            "applied_to_state": .bool(applied),
            "executed_qty": JSONValue(fill?.executedQuantity),
            "quote_qty": JSONValue(fill?.quoteQuantity),
        ]
    }
}
