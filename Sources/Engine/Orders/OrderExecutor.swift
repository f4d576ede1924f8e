import Foundation
import Logging

/// The one place where an order or a Simple Earn move reaches the exchange. Every send goes
/// through the same steps in the same order:
/// 1. **fence**: the run must still hold the account's lease, which is extended for the call
///    (a run whose lease was taken over sends nothing: `LeaseLostError`);
/// 2. **journal** the intent with its client id before anything is sent;
/// 3. **send** it once; a refusal (`ExchangeRejection`) is final and journaled as such;
/// 4. **unknown stays unknown**: any other failure is asked about by client id; when the
///    exchange cannot show the order yet, the entry stays unknown, the cycle stops
///    (`OrderOutcomeUnknownError`) and the next cycle settles it before deciding anything;
/// 5. **journal** the answer.
/// A dry run skips all of it and answers with a simulated fill at the decision price.
struct OrderExecutor {
    let exchange: any Exchange
    let store: any CycleStore
    let runId: String
    let dryRun: Bool
    /// Real time, for the lease and the journal.
    let wallClock: any Clock
    /// How far each fence extends the lease.
    let leaseSeconds: Int
    let logger: Logger

    /// Sends `order` (or simulates it in dry run). Throws the exchange's `ExchangeRejection`,
    /// `OrderOutcomeUnknownError`, `LeaseLostError`, or a journal error (then nothing was sent).
    func place(_ order: MarketOrder, price: Double, purpose: JournalEntry.Purpose, tradeDate: String) async throws -> OrderFill {
        if dryRun { return Self.simulatedFill(order, price: price) }
        var logger = logger
        logger[metadataKey: "order.client_id"] = .string(order.clientOrderId)
        logger[metadataKey: "order.symbol"] = .string(order.symbol)
        try await fence(logger)
        try await store.recordIntent(journalEntry(order, price: price, purpose: purpose, tradeDate: tradeDate))
        logger.info("order sending", metadata: ["order.side": .string(order.side.rawValue), "order.size": .string(Self.sizeText(order.size)),
                                                "order.purpose": .string(purpose.rawValue)])
        let fill: OrderFill
        do {
            fill = try await exchange.placeMarketOrder(order)
        } catch let rejection as any ExchangeRejection {
            logger.warning("order refused", metadata: ["error": .string("\(rejection)")])
            try await store.recordOutcome(.rejected("\(rejection)"), clientOrderId: order.clientOrderId)
            throw rejection
        } catch {
            logger.warning("order answer lost, asking the exchange", metadata: ["error": .string("\(error)")])
            try await store.recordOutcome(.unknown("\(error)"), clientOrderId: order.clientOrderId)
            do {
                fill = try await lookUp(order, after: error)
            } catch {
                logger.error("order outcome unknown", metadata: ["error": .string("\(error)")])
                throw error
            }
        }
        try await store.recordOutcome(.answered(fill), clientOrderId: order.clientOrderId)
        logger.info("order answered", metadata: ["order.status": .string(fill.status.rawValue),
                                                 "order.executed_qty": "\(fill.executedQuantity)", "order.quote_qty": "\(fill.quoteQuantity)"])
        return fill
    }

    /// Moves `amount` of `asset` into (`.earnSubscribe`) or out of (`.earnRedeem`) Simple Earn,
    /// journaled under `clientId`. A dry run does nothing.
    func moveEarn(_ kind: JournalEntry.Kind, asset: String, productId: String, amount: Decimal,
                  clientId: String, tradeDate: String) async throws {
        guard !dryRun else { return }
        var logger = logger
        logger[metadataKey: "order.client_id"] = .string(clientId)
        try await fence(logger)
        logger.info("earn move sending", metadata: ["earn.kind": .string(kind.rawValue), "earn.asset": .string(asset), "earn.amount": .string(OrderSizing.text(amount))])
        try await store.recordIntent(JournalEntry(
            clientOrderId: clientId, runId: runId, kind: kind, purpose: .earnMove, symbol: asset, side: nil,
            requestedAmount: OrderSizing.text(amount), sizeIsQuote: false, decisionPrice: 1, tradeDate: tradeDate,
            createdAt: wallClock.now()
        ))
        do {
            if kind == .earnSubscribe {
                try await exchange.subscribeFlexible(productId: productId, amount: amount)
            } else {
                try await exchange.redeemFlexible(productId: productId, amount: amount)
            }
        } catch let rejection as any ExchangeRejection {
            try await store.recordOutcome(.rejected("\(rejection)"), clientOrderId: clientId)
            throw rejection
        } catch {
            try await store.recordOutcome(.unknown("\(error)"), clientOrderId: clientId)
            throw error
        }
        let confirmed = OrderFill(orderId: clientId, status: .filled, executedQuantity: OrderSizing.double(amount), quoteQuantity: 0)
        try await store.recordOutcome(.answered(confirmed), clientOrderId: clientId)
    }

    /// The lease must still be this run's; it is extended so it outlives the call about to be made.
    private func fence(_ logger: Logger) async throws {
        let now = wallClock.now()
        do {
            try await store.renewLease(runId: runId, now: now, until: now.addingTimeInterval(TimeInterval(leaseSeconds)))
        } catch {
            logger.error("lease lost, nothing sent", metadata: ["error": .string("\(error)")])
            throw error
        }
    }

    private static func sizeText(_ size: MarketOrder.Size) -> String {
        switch size {
        case .quantity(let quantity): "quantity \(OrderSizing.text(quantity))"
        case .quote(let quote): "quote \(OrderSizing.text(quote))"
        }
    }

    /// After an unanswered send: ask by client id. "No such order" right after a send is not
    /// proof that it was never placed (the exchange can lag, or the answer was lost after it
    /// executed), so the entry stays unknown and the cycle stops; it is never re-sent.
    private func lookUp(_ order: MarketOrder, after error: any Error) async throws -> OrderFill {
        let known: OrderFill?
        do {
            known = try await exchange.order(symbol: order.symbol, clientOrderId: order.clientOrderId)
        } catch {
            throw OrderOutcomeUnknownError(clientOrderId: order.clientOrderId, symbol: order.symbol, cause: "\(error)")
        }
        guard let known else {
            throw OrderOutcomeUnknownError(clientOrderId: order.clientOrderId, symbol: order.symbol,
                                           cause: "\(error); the exchange does not show the order yet")
        }
        guard known.status != .new, known.status != .partiallyFilled else {
            throw OrderOutcomeUnknownError(clientOrderId: order.clientOrderId, symbol: order.symbol, cause: "still \(known.status.rawValue) after \(error)")
        }
        return known
    }

    private func journalEntry(_ order: MarketOrder, price: Double, purpose: JournalEntry.Purpose, tradeDate: String) -> JournalEntry {
        let (amount, isQuote): (Decimal, Bool) = switch order.size {
        case .quantity(let quantity): (quantity, false)
        case .quote(let quote): (quote, true)
        }
        return JournalEntry(
            clientOrderId: order.clientOrderId, runId: runId, kind: .order, purpose: purpose, symbol: order.symbol,
            side: order.side, requestedAmount: OrderSizing.text(amount), sizeIsQuote: isQuote, decisionPrice: price,
            tradeDate: tradeDate, createdAt: wallClock.now()
        )
    }

    /// A dry run's fill at the decision price. A quote-sized buy books 0.5 % less than bought,
    /// as the original does, leaving room for the fee.
    static func simulatedFill(_ order: MarketOrder, price: Double) -> OrderFill {
        switch order.size {
        case .quantity(let quantity):
            let executed = OrderSizing.double(quantity)
            return OrderFill(orderId: "dry-run", status: .filled, executedQuantity: executed, quoteQuantity: executed * price)
        case .quote(let amount):
            let quote = OrderSizing.double(amount)
            return OrderFill(orderId: "dry-run", status: .filled, executedQuantity: price > 0 ? quote * 0.995 / price : 0, quoteQuantity: quote)
        }
    }
}
