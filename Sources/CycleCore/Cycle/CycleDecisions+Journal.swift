import Foundation
import Strategy

/// Before any trading decision: finish what a previous (crashed) cycle left in the journal.
extension CycleDecisions {
    /// Asks the exchange about every unsettled entry, applies what really happened to state
    /// (holding flags, action history, balance snapshot) and settles them in one state write.
    mutating func resolveUnfinishedJournal() throws {
        let entries = try world.unsettledEntries()
        guard !entries.isEmpty else { return }
        if dryRun {
            say(messages.text(.journalPendingDryRun, [.count: "\(entries.count)"]))
            report.journalResolutions = entries.map { JournalResolution(entry: $0, outcome: "PENDING", applied: false) }
            return
        }
        for entry in entries {
            let resolution = try resolve(entry)
            report.journalResolutions.append(resolution)
            world.note(.journalEntryResolved(clientOrderId: entry.clientOrderId, symbol: entry.symbol,
                                             outcome: resolution.outcome, applied: resolution.applied))
            say(messages.text(.journalEntryResolved, [
                .clientOrderId: entry.clientOrderId, .runId: entry.runId, .purpose: entry.purpose.rawValue,
                .symbol: entry.symbol, .outcome: resolution.outcome, .applied: resolution.applied ? "yes" : "no",
            ]))
            pendingSettlement.append(entry.clientOrderId)
        }
        try writeState(reason: "order_journal_recovery")
    }

    private mutating func resolve(_ entry: JournalEntry) throws -> JournalResolution {
        guard entry.kind == .order else {
            // Earn moves have no client id to ask about and no state effect: balances are re-read.
            return JournalResolution(entry: entry, outcome: entry.outcome?.label ?? "UNKNOWN", applied: false)
        }
        let fill: OrderFill?
        if case .answered(let answered) = entry.outcome {
            fill = answered
        } else {
            fill = try findOrder(entry)
            if let fill { try world.recordOutcome(.answered(fill), clientOrderId: entry.clientOrderId) }
        }
        guard let fill else {
            // Neither the lookup by id nor the order history shows it. Right after the send that
            // proves nothing (the exchange can lag); once the entry is old enough it does.
            let age = world.wallNow().timeIntervalSince(entry.createdAt)
            guard age >= Self.unknownOrderSettleSeconds else {
                throw CycleStepError(message: messages.text(.journalOrderStillUnknown, [
                    .clientOrderId: entry.clientOrderId, .symbol: entry.symbol, .minutes: "\(Int(Self.unknownOrderSettleSeconds / 60))",
                ]))
            }
            return JournalResolution(entry: entry, outcome: "NOT_FOUND", applied: false)
        }
        if fill.status == .new || fill.status == .partiallyFilled {
            throw CycleStepError(message: messages.text(.journalOrderStillOpen, [.clientOrderId: entry.clientOrderId, .symbol: entry.symbol]))
        }
        guard fill.executedQuantity > 0 else { return JournalResolution(entry: entry, outcome: fill.status.rawValue, applied: false) }
        noteEstimatedCommission(fill, clientOrderId: entry.clientOrderId)
        // What the cycle that sent the order would have written had it lived.
        if let order = FilledOrder(entry) { state.book(fill, of: order) }
        return JournalResolution(entry: entry, outcome: fill.status.rawValue, applied: true, fill: fill)
    }

    /// An unsent or unanswered entry younger than this stops the cycle rather than being called "not placed".
    static let unknownOrderSettleSeconds: TimeInterval = 600
    /// How far around the entry's time the order history is searched.
    static let orderHistoryWindow: (before: TimeInterval, after: TimeInterval) = (60, 3600)

    /// The exchange's record of the entry's order: by client id first, then in the symbol's
    /// order history around the time it was sent.
    private func findOrder(_ entry: JournalEntry) throws -> OrderFill? {
        if let found = try world.order(symbol: entry.symbol, clientOrderId: entry.clientOrderId) { return found }
        return try world.orderInHistory(
            symbol: entry.symbol, clientOrderId: entry.clientOrderId,
            from: entry.createdAt.addingTimeInterval(-Self.orderHistoryWindow.before),
            to: entry.createdAt.addingTimeInterval(Self.orderHistoryWindow.after)
        )
    }
}
