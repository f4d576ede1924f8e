import Foundation
import Logging
import Strategy

/// Side effects other than orders (those go through `execute(_:)`): Simple Earn moves, state
/// writes and alerts. A dry run records each as suppressed and lets the wallet move as if it
/// had executed.
extension CycleRun {
    /// Moves `amount` of spot `asset` into Simple Earn, through the executor's fence and journal.
    func subscribeFlexible(asset: String, productId: String, amount: Decimal) async throws {
        try await moveEarn(.earnSubscribe, asset: asset, productId: productId, amount: amount)
        wallet.moveToEarn(asset, amount: OrderSizing.double(amount), productId: productId)
    }

    /// Moves `amount` of `asset` from Simple Earn back to spot, through the executor's fence and journal.
    func redeemFlexible(asset: String, productId: String, amount: Decimal) async throws {
        try await moveEarn(.earnRedeem, asset: asset, productId: productId, amount: amount)
        wallet.moveToEarn(asset, amount: -OrderSizing.double(amount), productId: productId)
    }

    private func moveEarn(_ kind: JournalEntry.Kind, asset: String, productId: String, amount: Decimal) async throws {
        if dryRun {
            report.suppressedCallCount += 1
            return
        }
        let id = nextClientOrderId(prefix: kind == .earnSubscribe ? "E_SUB" : "E_RED", symbol: asset)
        try await orderExecutor.moveEarn(kind, asset: asset, productId: productId, amount: amount, clientId: id, tradeDate: today.compact)
        pendingSettlement.append(id)
        report.executedCallCount += 1
    }

    /// Persists the state document (live) with the journal entries it settles, and records
    /// the write's reason either way.
    func writeState(reason: String) async throws {
        report.stateWriteReasons.append(reason)
        if dryRun {
            report.suppressedCallCount += 1
            return
        }
        let write = StateWrite(document: state.document, reason: reason, runId: runId, settles: pendingSettlement,
                               at: dependencies.wallClock.now())
        try await dependencies.stateStore.write(write)
        logger.debug("state written", metadata: ["state.reason": .string(reason), "state.settles": "\(write.settles.count)"])
        pendingSettlement.removeAll()
        report.executedCallCount += 1
    }

    /// Sends an alert; returns whether the transport acknowledged it. Never throws.
    @discardableResult
    func notify(_ text: String) async -> Bool {
        var record = NotificationRecord(
            sha256: SHA256.hex(text), length: text.unicodeScalars.count, deliveryStatus: .suppressed,
            acknowledged: false, errorType: nil
        )
        if dryRun {
            report.notifications.append(record)
            report.suppressedCallCount += 1
            return false
        }
        switch await dependencies.notifier.send(text) {
        case .sent:
            record.deliveryStatus = .sent
            record.acknowledged = true
            report.executedCallCount += 1
        case .failed(let errorType):
            record.deliveryStatus = .failed
            record.errorType = errorType
            report.suppressedCallCount += 1
        case .logged:
            record.deliveryStatus = .logged
            log.append(text)
            report.suppressedCallCount += 1
        }
        report.notifications.append(record)
        return record.acknowledged
    }

    /// Makes `amount` of `asset` free on spot, redeeming the shortfall (+0.1 %) from Simple Earn.
    /// Returns false when it cannot; a failed redemption is alerted. Rethrows a lost lease.
    func ensureAvailable(_ asset: String, amount: Double) async throws -> Bool {
        let free = wallet.spotFree(asset)
        if free >= amount { return true }
        guard let position = wallet.earn[asset], position.totalAmount > 0 else { return false }
        let redeem = OrderSizing.round(min((amount - free) * 1.001, position.totalAmount), scale: 8)
        report.earnIntents.append(EarnIntent(asset: asset, action: .redeem, productId: position.productId,
                                             amount: OrderSizing.double(redeem), reason: .assetAvailability))
        do {
            try await redeemFlexible(asset: asset, productId: position.productId, amount: redeem)
        } catch {
            try escalateIfTradingMustStop(error)
            await notify(messages.text(.redeemFailed) + " \(asset)\n\(messages.text(.errorLabel)): \(error)")
            return false
        }
        log.append(messages.text(.redeemingFromEarn, [.asset: asset, .amount: Format.quantity(OrderSizing.double(redeem))]))
        if !dryRun { try await dependencies.clock.sleep(seconds: 3) }
        return true
    }
}
