import Foundation
import Strategy

/// The one place where side effects happen: orders, Simple Earn moves, state writes and alerts.
/// Dry run records each as suppressed and lets the wallet move as if it had executed.
extension CycleRun {
    /// Places a market order, or simulates its fill at `price` in dry run.
    func placeOrder(_ order: MarketOrder, price: Double) async throws -> OrderFill {
        if dryRun {
            report.suppressedCallCount += 1
            return simulatedFill(order, price: price)
        }
        let fill = try await dependencies.exchange.placeMarketOrder(order)
        report.executedCallCount += 1
        guard fill.executedQuantity > 0 else {
            throw OrderNotFilledError(clientOrderId: order.clientOrderId, status: fill.status.rawValue)
        }
        return fill
    }

    func subscribeFlexible(productId: String, amount: Decimal) async throws {
        try await performUnlessDryRun { try await self.dependencies.exchange.subscribeFlexible(productId: productId, amount: amount) }
    }

    func redeemFlexible(productId: String, amount: Decimal) async throws {
        try await performUnlessDryRun { try await self.dependencies.exchange.redeemFlexible(productId: productId, amount: amount) }
    }

    /// Persists the state document (live) and records the write's reason either way.
    func writeState(reason: String) async throws {
        report.stateWriteReasons.append(reason)
        let document = state.document
        try await performUnlessDryRun { try await self.dependencies.stateStore.write(document, reason: reason) }
    }

    /// Runs `effect` and counts it as executed, or counts it as suppressed in dry run.
    private func performUnlessDryRun(_ effect: () async throws -> Void) async throws {
        if dryRun {
            report.suppressedCallCount += 1
            return
        }
        try await effect()
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
            try await redeemFlexible(productId: position.productId, amount: redeem)
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
