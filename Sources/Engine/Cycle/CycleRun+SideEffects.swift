import Foundation
import Strategy

/// The one place where side effects happen: orders, Simple Earn moves, state writes and alerts.
/// A live run journals every order and earn move before sending it and records the answer;
/// a dry run records each as suppressed and lets the wallet move as if it had executed.
extension CycleRun {
    /// Places a market order (journaled), or simulates its fill at `price` in dry run.
    /// An order whose outcome stays unknown throws `OrderOutcomeUnknownError`, which stops the cycle.
    func placeOrder(_ order: MarketOrder, price: Double, purpose: JournalEntry.Purpose) async throws -> OrderFill {
        if dryRun {
            report.suppressedCallCount += 1
            return simulatedFill(order, price: price)
        }
        let journal = dependencies.stateStore
        try await journal.recordIntent(journalEntry(for: order, price: price, purpose: purpose))
        let fill: OrderFill
        do {
            fill = try await dependencies.exchange.placeMarketOrder(order)
        } catch let rejection as any ExchangeRejection {
            try await journal.recordOutcome(.rejected("\(rejection)"), clientOrderId: order.clientOrderId)
            throw rejection
        } catch {
            try await journal.recordOutcome(.unknown("\(error)"), clientOrderId: order.clientOrderId)
            fill = try await askExchange(about: order, after: error)
        }
        report.executedCallCount += 1
        try await journal.recordOutcome(.answered(fill), clientOrderId: order.clientOrderId)
        pendingSettlement.append(order.clientOrderId)
        guard fill.executedQuantity > 0 else {
            throw OrderNotFilledError(clientOrderId: order.clientOrderId, status: fill.status.rawValue)
        }
        return fill
    }

    func subscribeFlexible(asset: String, productId: String, amount: Decimal) async throws {
        try await moveEarn(.earnSubscribe, asset: asset, amount: amount) {
            try await self.dependencies.exchange.subscribeFlexible(productId: productId, amount: amount)
        }
    }

    func redeemFlexible(asset: String, productId: String, amount: Decimal) async throws {
        try await moveEarn(.earnRedeem, asset: asset, amount: amount) {
            try await self.dependencies.exchange.redeemFlexible(productId: productId, amount: amount)
        }
    }

    /// Persists the state document (live) with the journal entries it settles, and records
    /// the write's reason either way.
    func writeState(reason: String) async throws {
        report.stateWriteReasons.append(reason)
        if dryRun {
            report.suppressedCallCount += 1
            return
        }
        let write = StateWrite(document: state.document, reason: reason, runId: runId, settles: pendingSettlement)
        try await dependencies.stateStore.write(write)
        pendingSettlement.removeAll()
        report.executedCallCount += 1
    }

    /// Sends an alert; returns whether the transport acknowledged it. Never throws.
    @discardableResult
    func notify(_ text: String) async -> Bool {
        var record = NotificationRecord(
            sha256: SHA256.hex(text), length: text.unicodeScalars.count, deliveryStatus: "suppressed",
            acknowledged: false, errorType: nil
        )
        if dryRun {
            report.notifications.append(record)
            report.suppressedCallCount += 1
            return false
        }
        switch await dependencies.notifier.send(text) {
        case .sent:
            record.deliveryStatus = "sent"
            record.acknowledged = true
            report.executedCallCount += 1
        case .failed(let errorType):
            record.deliveryStatus = "failed"
            record.errorType = errorType
            report.suppressedCallCount += 1
        case .logged:
            record.deliveryStatus = "logged"
            log.append(text)
            report.suppressedCallCount += 1
        }
        report.notifications.append(record)
        return record.acknowledged
    }

    /// Makes `amount` of `asset` free on spot, redeeming the shortfall (+0.1 %) from Simple Earn.
    /// Returns false when it cannot; a failed redemption is alerted.
    func ensureAvailable(_ asset: String, amount: Double) async -> Bool {
        let free = wallet.spotFree(asset)
        if free >= amount { return true }
        guard let position = wallet.earn[asset], position.totalAmount > 0 else { return false }
        let redeem = OrderSizing.round(min((amount - free) * 1.001, position.totalAmount), scale: 8)
        let redeemValue = OrderSizing.double(redeem)
        report.earnIntents.append(EarnIntent(asset: asset, action: "redeem", productId: position.productId,
                                             amount: redeemValue, reason: "asset_availability"))
        do {
            try await redeemFlexible(asset: asset, productId: position.productId, amount: redeem)
        } catch {
            await notify(messages.text(.redeemFailed) + " \(asset)\n\(messages.text(.errorLabel)): \(error)")
            return false
        }
        wallet.adjustEarn(asset, by: -redeemValue, productId: position.productId)
        wallet.adjustSpot(asset, by: redeemValue)
        log.append(messages.text(.redeemingFromEarn, ["asset": asset, "amount": Format.quantity(redeemValue)]))
        if !dryRun { await dependencies.clock.sleep(seconds: 3) }
        return true
    }

    /// An unknown outcome is not a failure: the exchange is asked by client order id before
    /// anything else happens, and the order is never sent again.
    private func askExchange(about order: MarketOrder, after error: any Error) async throws -> OrderFill {
        let known: OrderFill?
        do {
            known = try await dependencies.exchange.order(symbol: order.symbol, clientOrderId: order.clientOrderId)
        } catch {
            throw OrderOutcomeUnknownError(clientOrderId: order.clientOrderId, symbol: order.symbol, cause: "\(error)")
        }
        guard let known else {
            // The exchange has no such order: it was never placed, and that is final.
            try await dependencies.stateStore.recordOutcome(.rejected("not placed: \(error)"), clientOrderId: order.clientOrderId)
            throw error
        }
        guard known.status != .new, known.status != .partiallyFilled else {
            throw OrderOutcomeUnknownError(clientOrderId: order.clientOrderId, symbol: order.symbol, cause: "still \(known.status.rawValue) after \(error)")
        }
        return known
    }

    private func moveEarn(_ kind: JournalEntry.Kind, asset: String, amount: Decimal, _ send: () async throws -> Void) async throws {
        if dryRun {
            report.suppressedCallCount += 1
            return
        }
        let id = nextClientOrderId(prefix: kind == .earnSubscribe ? "E_SUB" : "E_RED", symbol: asset)
        let entry = JournalEntry(
            clientOrderId: id, runId: runId, kind: kind, purpose: .earnMove, symbol: asset, side: nil,
            requestedAmount: OrderSizing.text(amount), sizeIsQuote: false, decisionPrice: 1, tradeDate: today.compact,
            createdAt: dependencies.wallClock.now()
        )
        let journal = dependencies.stateStore
        try await journal.recordIntent(entry)
        do {
            try await send()
        } catch let rejection as any ExchangeRejection {
            try await journal.recordOutcome(.rejected("\(rejection)"), clientOrderId: id)
            throw rejection
        } catch {
            try await journal.recordOutcome(.unknown("\(error)"), clientOrderId: id)
            throw error
        }
        let confirmed = OrderFill(orderId: id, status: .filled, executedQuantity: OrderSizing.double(amount), quoteQuantity: 0)
        try await journal.recordOutcome(.answered(confirmed), clientOrderId: id)
        pendingSettlement.append(id)
        report.executedCallCount += 1
    }

    private func journalEntry(for order: MarketOrder, price: Double, purpose: JournalEntry.Purpose) -> JournalEntry {
        let (amount, isQuote): (Decimal, Bool) = switch order.size {
        case .quantity(let quantity): (quantity, false)
        case .quote(let quote): (quote, true)
        }
        return JournalEntry(
            clientOrderId: order.clientOrderId, runId: runId, kind: .order, purpose: purpose, symbol: order.symbol,
            side: order.side, requestedAmount: OrderSizing.text(amount), sizeIsQuote: isQuote, decisionPrice: price,
            tradeDate: today.compact, createdAt: dependencies.wallClock.now()
        )
    }

    private func simulatedFill(_ order: MarketOrder, price: Double) -> OrderFill {
        let executed: Double
        let quote: Double
        switch order.size {
        case .quantity(let quantity):
            executed = OrderSizing.double(quantity)
            quote = executed * price
        case .quote(let amount):
            quote = OrderSizing.double(amount)
            executed = price > 0 ? quote / price : 0
        }
        return OrderFill(orderId: "dry-run", status: .filled, executedQuantity: executed, quoteQuantity: quote)
    }
}

/// The exchange accepted an order but filled nothing (expired, rejected or still new).
struct OrderNotFilledError: Error, CustomStringConvertible {
    let clientOrderId: String
    let status: String
    var description: String { "order \(clientOrderId) filled nothing (status \(status))" }
}

/// Sending an order failed in a way that leaves its outcome unknown, and asking the exchange
/// did not settle it. The cycle stops; the next cycle resolves the journal entry first.
public struct OrderOutcomeUnknownError: Error, CustomStringConvertible {
    public let clientOrderId: String
    public let symbol: String
    public let cause: String
    public var description: String {
        "Order \(clientOrderId) on \(symbol) has an unknown outcome (\(cause)). Trading stopped for this cycle; "
            + "it was not re-sent. The next cycle asks the exchange for it before deciding anything; check it on the exchange if this repeats."
    }
}

extension CycleRun {
    /// Per-order error handlers alert and go on, except when an order's outcome is unknown:
    /// then the whole cycle stops so nothing is decided on a wallet that may be wrong.
    func escalateIfOutcomeUnknown(_ error: any Error) throws {
        if error is OrderOutcomeUnknownError { throw error }
    }
}
