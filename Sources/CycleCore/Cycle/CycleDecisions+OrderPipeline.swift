import Foundation
import Strategy

/// Every order of a cycle goes through `execute(_:)`, in one fixed order:
/// zero size → symbol trading → exchange filters → make the asset free on spot → `OrderExecutor` (fence, journal,
/// send, unknown-outcome rule) → book the fill into the wallet → state effects → state write → alert.
extension CycleDecisions {
    /// Carries `ticket` out; returns the fill, or nil when the order was gated or failed (both
    /// reported). Rethrows what must stop the cycle: an unknown outcome, a lost lease, or a
    /// refusal that means nothing else can trade (ban, key or permission refused).
    @discardableResult
    mutating func execute(_ ticket: OrderTicket) throws -> OrderFill? {
        if ticket.isZero {
            if let gate = ticket.zeroSizeGate { report.gate(gate) }
            notify(.orderSizedToZero(ticket.subject))
            return nil
        }
        if let listing = ticket.rules?.listing, !listing.isTrading {
            gateNotTrading(ticket, status: listing.status)
            return nil
        }
        if case .quantity(let quantity) = ticket.size,
           !passesFilters(symbol: ticket.member.symbol, quantity: quantity, price: ticket.price, rules: ticket.rules, category: ticket.category) {
            return nil
        }
        let fill: OrderFill
        do {
            let need = ticket.needs
            guard try ensureAvailable(need.asset, amount: need.amount, headroom: ticket.fundingHeadroom, category: ticket.category) else {
                throw CycleStepError(message: messages.text(ticket.unavailable, [.asset: need.asset]))
            }
            fill = try place(ticket)
        } catch {
            try escalateIfTradingMustStop(error)
            notify(.orderFailed(ticket.subject, error: "\(error)"))
            return nil
        }
        wallet.book(fill, side: ticket.side, baseAsset: ticket.member.baseAsset)
        state.book(fill, of: ticket.filledOrder(tradeDate: today.compact))
        // The fill is in the journal (its answer was recorded before booking): the write may go with the next one.
        if let reason = ticket.writeReason { try writeState(reason: reason, durability: .withNextWrite) }
        if ticket.subject.announcesFill { notify(.orderFilled(ticket.subject, shownQuantity: shownQuantity(of: ticket, fill: fill))) }
        return fill
    }

    /// The quantity a fill's alert names: the planned one in a dry run (whose fill is simulated), the executed one live.
    private func shownQuantity(of ticket: OrderTicket, fill: OrderFill) -> Double {
        guard dryRun, case .quantity(let planned) = ticket.size else { return fill.executedQuantity }
        return OrderSizing.double(planned)
    }

    /// The executor's send, with the run's bookkeeping: counts, settlement, refusals.
    private mutating func place(_ ticket: OrderTicket) throws -> OrderFill {
        if dryRun {
            report.suppressedCallCount += 1
            return try world.place(ticket.order, price: ticket.price, purpose: ticket.purpose, tradeDate: today.compact)
        }
        orderOutcomes.sent += 1
        let fill: OrderFill
        do {
            fill = try world.place(ticket.order, price: ticket.price, purpose: ticket.purpose, tradeDate: today.compact)
        } catch let rejection as any ExchangeRejection {
            orderOutcomes.refused += 1
            orderOutcomes.lastRefusal = "\(rejection)"
            throw rejection
        }
        report.executedCallCount += 1
        pendingSettlement.append(ticket.clientOrderId)
        noteEstimatedCommission(fill, clientOrderId: ticket.clientOrderId)
        guard fill.executedQuantity > 0 else {
            throw OrderNotFilledError(clientOrderId: ticket.clientOrderId, status: fill.status.rawValue)
        }
        return fill
    }

    /// A symbol in `BREAK`, `HALT`, `CANCEL_ONLY`…: the order is not sent (a held position is
    /// reported and kept, never sold blindly into a halted book); the operator is alerted.
    private mutating func gateNotTrading(_ ticket: OrderTicket, status: String) {
        let symbol = ticket.member.symbol
        report.gate(GatingEvent(gate: .orderSymbolNotTrading, category: ticket.category, symbol: symbol, detail: .text(status)))
        world.note(.orderNotSentSymbolNotTrading(symbol: symbol, status: status))
        notify(.symbolNotTrading(symbol: symbol, status: status))
    }

    /// An order whose outcome is known but whose commission had to be estimated (its trades
    /// could not be read) is booked and the cycle goes on; the report says so.
    func noteEstimatedCommission(_ fill: OrderFill, clientOrderId: String) {
        guard fill.commissionEstimated else { return }
        say(messages.text(.commissionEstimated, [.clientOrderId: clientOrderId, .amount: Format.quantity(fill.commissionInBaseAsset)]))
    }

    /// Records a gating event when the exchange would reject the order; true when it may be sent.
    mutating func passesFilters(symbol: String, quantity: Decimal, price: Double, rules: SymbolRules?, category: GateCategory) -> Bool {
        guard let violation = OrderSizing.check(quantity: quantity, price: price, rules: rules) else { return true }
        report.gate(GatingEvent(gate: violation.gate, category: category, symbol: symbol,
                                detail: .filter(name: violation.filter.rawValue, detail: violation.detail)))
        say(messages.text(.orderBlockedByFilter, [.filter: violation.filter.rawValue, .detail: violation.detail]) + " [\(symbol)]")
        return false
    }

    /// `quantity` floored to the symbol's step.
    func sizedQuantity(_ quantity: Double, rules: SymbolRules?) -> Decimal {
        OrderSizing.floorToStep(quantity, rules: rules)
    }

    /// What can actually be sold of a position: its balance, capped at spot free plus Simple Earn.
    func sellableQuantity(_ member: UniverseMember) -> Double {
        min(wallet.total(member.baseAsset), wallet.sellable(member.baseAsset))
    }

    /// Per-order failures are alerted and the cycle goes on, except for these, which stop it:
    /// an order whose outcome is unknown (nothing may be decided on a wallet that may be wrong),
    /// a lost lease (another run owns the account now), a store that cannot keep what is sent
    /// (`CycleStoppingError`: its files were removed under the run), a refusal that is about the account
    /// or the connection rather than the order (IP ban, key or permission refused), and the
    /// exchange having refused the run as a whole (a ban or a 429 given up on, in any request).
    /// `runRefusalStops`: false after the trades (the cash buffer), where stopping would skip the
    /// final state write and its balance snapshot; `finish()` still ends the cycle `error` with the alert.
    mutating func escalateIfTradingMustStop(_ error: any Error, runRefusalStops: Bool = true) throws {
        switch error {
        case is OrderOutcomeUnknownError, is LeaseLostError, is any CycleStoppingError: throw error
        case let rejection as any ExchangeRejection where rejection.stopsTrading:
            throw TradingBlockedError(cause: "\(rejection)")
        default: if runRefusalStops { try stopIfTheExchangeRefusedTheRun() }
        }
    }
}

/// What this run's orders got from the exchange, for the "every order refused" rule.
struct OrderOutcomeTally {
    var sent = 0
    var refused = 0
    var lastRefusal: String?

    /// Every order this cycle sent was refused: something about the account is wrong.
    var everyOrderRefused: Bool { sent > 0 && refused == sent }
}

/// Every order this cycle sent was refused: something about the account is wrong, so the cycle
/// ends in `error` even though each refusal on its own is final and harmless.
public struct EveryOrderRefusedError: Error, Equatable, CustomStringConvertible {
    public let sent: Int
    public let refused: Int
    public let lastRefusal: String
    public init(sent: Int, refused: Int, lastRefusal: String) {
        self.sent = sent
        self.refused = refused
        self.lastRefusal = lastRefusal
    }
    public var description: String {
        "Every order this cycle sent was refused by the exchange (\(refused) of \(sent)); the last: \(lastRefusal). "
            + "Check the account's balances, permissions and the symbols' status."
    }
}

/// The exchange refused an order for a reason no other order can escape (an IP ban, a key
/// without trading permission, a wrong signature): the cycle stops with status `error`.
struct TradingBlockedError: Error, CustomStringConvertible {
    let cause: String
    var description: String {
        "The exchange refused trading for this account: \(cause). No further order was sent this cycle; fix the cause before the next run."
    }
}

/// The exchange accepted an order but filled nothing (expired, rejected or still new).
struct OrderNotFilledError: Error, CustomStringConvertible {
    let clientOrderId: String
    let status: String
    var description: String { "order \(clientOrderId) filled nothing (status \(status))" }
}
