import Foundation
import Strategy

/// Side effects other than orders (those go through `execute(_:)`): Simple Earn moves, state
/// writes and alerts. A dry run records each as suppressed and lets the wallet move as if it
/// had executed.
extension CycleDecisions {
    /// Moves `amount` of spot `asset` into Simple Earn, through the executor's fence and journal.
    mutating func subscribeFlexible(asset: String, productId: String, amount: Decimal) throws {
        try moveEarn(.earnSubscribe, asset: asset, productId: productId, amount: amount)
        wallet.moveToEarn(asset, amount: OrderSizing.double(amount), productId: productId)
    }

    /// Moves `amount` of `asset` from Simple Earn back to spot, through the executor's fence and journal.
    mutating func redeemFlexible(asset: String, productId: String, amount: Decimal) throws {
        try moveEarn(.earnRedeem, asset: asset, productId: productId, amount: amount)
        wallet.moveToEarn(asset, amount: -OrderSizing.double(amount), productId: productId)
    }

    /// Binance Simple Earn accepts one subscribe or redeem per account every 3 s (`-6009`
    /// otherwise): a move waits out what is left of that spacing after the previous one.
    static let earnMoveSpacingSeconds = 3.0

    private mutating func moveEarn(_ kind: JournalEntry.Kind, asset: String, productId: String, amount: Decimal) throws {
        if dryRun {
            report.suppressedCallCount += 1
            return
        }
        if let previous = lastEarnMoveAt {
            let remaining = Self.earnMoveSpacingSeconds - world.wallNow().timeIntervalSince(previous)
            if remaining > 0 { try world.sleep(seconds: remaining) }
        }
        let id = nextClientOrderId(prefix: kind == .earnSubscribe ? "E_SUB" : "E_RED", symbol: asset)
        defer { lastEarnMoveAt = world.wallNow() }
        try world.moveEarn(kind, asset: asset, productId: productId, amount: amount, clientId: id, tradeDate: today.compact)
        pendingSettlement.append(id)
        report.executedCallCount += 1
    }

    /// Persists the state document (live) with the journal entries it settles, and records
    /// the write's reason either way. `durability`: how soon the store must have it.
    mutating func writeState(reason: String, durability: StateWrite.Durability = .immediate) throws {
        report.stateWriteReasons.append(reason)
        if dryRun {
            report.suppressedCallCount += 1
            return
        }
        let write = StateWriteRequest(content: .typed(state), reason: reason, runId: runId, settles: pendingSettlement, at: world.wallNow(),
                                      durability: durability)
        try world.writeState(write)
        world.note(.stateWritten(reason: reason, settles: write.settles.count))
        pendingSettlement.removeAll()
        report.executedCallCount += 1
    }

    /// Sends an alert; returns whether the transport acknowledged it. Never throws.
    @discardableResult
    mutating func notify(_ alert: CycleAlert) -> Bool {
        let delivery = world.deliver(alert, dryRun: dryRun)
        if delivery.record.deliveryStatus == .sent {
            report.executedCallCount += 1
        } else {
            report.suppressedCallCount += 1
        }
        if let text = delivery.loggedText { say(text) }
        report.notifications.append(delivery.record)
        return delivery.record.acknowledged
    }

    /// Makes `amount` of `asset` free on spot, redeeming the shortfall (+0.1 %) plus `headroom`
    /// (what the orders still to come will need, so one redemption serves them all) from Simple
    /// Earn, then waiting until spot shows it (`waitForCredit`). Returns false when it cannot:
    /// a failed or uncredited redemption is alerted, and the order that needed it is not sent
    /// short. Rethrows a lost lease.
    mutating func ensureAvailable(_ asset: String, amount: Double, headroom: Double = 0, category: GateCategory) throws -> Bool {
        let free = wallet.spotFree(asset)
        if free >= amount { return true }
        guard let position = wallet.earn[asset], position.totalAmount > 0 else { return false }
        let redeem = OrderSizing.round(min((amount - free) * CycleRules.redemptionMargin + max(0, headroom), position.totalAmount), scale: 8)
        report.earnIntents.append(EarnIntent(asset: asset, action: .redeem, productId: position.productId,
                                             amount: OrderSizing.double(redeem), reason: .assetAvailability))
        do {
            try redeemFlexible(asset: asset, productId: position.productId, amount: redeem)
        } catch {
            try escalateIfTradingMustStop(error)
            notify(.redemptionFailed(asset: asset, error: "\(error)"))
            return false
        }
        say(messages.text(.redeemingFromEarn, [.asset: asset, .amount: Format.quantity(OrderSizing.double(redeem))]))
        if dryRun { return true }
        if try waitForCredit(of: asset, covering: amount) { return true }
        report.gate(GatingEvent(gate: .earnRedemptionNotCredited, category: category, detail: .redemptionNotCredited(
            asset: asset, needed: amount, waitedSeconds: Self.creditPollSeconds * Double(Self.creditPolls))))
        notify(.redemptionNotCredited(asset: asset, amount: amount))
        return false
    }

    /// How often and how long spot is read after a redemption (Binance does not promise when
    /// redeemed funds reach spot): every 0.5 s, for at most 10 s.
    static let creditPollSeconds = 0.5
    static let creditPolls = 20

    /// True once spot `free` of `asset` covers `amount`, polling the exchange's balances.
    private func waitForCredit(of asset: String, covering amount: Double) throws -> Bool {
        for poll in 0...Self.creditPolls {
            if poll > 0 { try world.sleep(seconds: Self.creditPollSeconds) }
            let free = try world.spotBalances()[asset]?.free ?? 0
            if free.isFinite, free >= amount { return true }
        }
        world.note(.redemptionNotCredited(asset: asset, needed: amount))
        return false
    }
}
