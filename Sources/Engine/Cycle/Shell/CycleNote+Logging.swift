import Logging

/// The live shell's log line for each of the cycle's notes: a fixed message, the data in metadata.
extension CycleNote {
    func log(to logger: Logger) {
        switch self {
        case .cycleStarted(let dryRun):
            logger.info("cycle started", metadata: ["cycle.dry_run": "\(dryRun)"])
        case .leaseAcquired(let expiresAt):
            logger.info("lease acquired", metadata: ["lease.expires_at": .string(expiresAt.isoWithOffset)])
        case .leaseTakenOver(let previous):
            logger.warning("lease taken over", metadata: ["lease.previous_run_id": .string(previous.runId), "lease.previous_host": .string(previous.host)])
        case .leaseRefused(let error):
            logger.warning("lease refused", metadata: ["error": .string(error)])
        case .leaseReleaseFailed(let error):
            logger.warning("lease release failed", metadata: ["error": .string(error)])
        case .haltedByOperator(let setBy, let reason):
            logger.notice("cycle halted by the operator", metadata: ["operator.set_by": .string(setBy), "operator.reason": .string(reason)])
        case .poolRungRefused(let rung, let symbols):
            logger.warning("pool rung refused: symbols the exchange cannot trade as described", metadata: [
                "pool.rung": .string(rung.rawValue), "pool.symbols": .string(symbols.joined(separator: ",")),
            ])
        case .journalEntryResolved(let clientOrderId, let symbol, let outcome, let applied):
            logger.notice("journal entry resolved", metadata: [
                "order.client_id": .string(clientOrderId), "order.symbol": .string(symbol),
                "journal.outcome": .string(outcome), "journal.applied": "\(applied)",
            ])
        case .orderNotSentSymbolNotTrading(let symbol, let status):
            logger.warning("order not sent: symbol not trading", metadata: ["order.symbol": .string(symbol), "symbol.status": .string(status)])
        case .stateWritten(let reason, let settles):
            logger.debug("state written", metadata: ["state.reason": .string(reason), "state.settles": "\(settles)"])
        case .redemptionNotCredited(let asset, let needed):
            logger.warning("redemption not credited in time", metadata: ["earn.asset": .string(asset), "earn.needed": "\(needed)"])
        case .reconciliationFailed(let failures):
            logger.warning("reconciliation failed", metadata: ["reconcile.failures": "\(failures)"])
        case .cycleError(let stage, let message):
            logger.error("cycle error", metadata: ["cycle.stage": .string(stage), "error": .string(message)])
        case .cycleFinished(let status, let executedCalls, let suppressedCalls, let ordersSent):
            logger.info("cycle finished", metadata: [
                "cycle.status": .string(status), "cycle.executed_calls": "\(executedCalls)",
                "cycle.suppressed_calls": "\(suppressedCalls)", "cycle.orders_sent": "\(ordersSent)",
            ])
        }
    }
}
