import Foundation

/// What the cycle's decisions want an operator's log to show, as typed values: the core has no
/// logger. The live shell writes each as one log line (`CycleNote.log(to:)`), a backtest
/// ignores them. `CycleWorld.note(_:)` receives them in the order they happen.
public enum CycleNote: Sendable, Equatable {
    case cycleStarted(dryRun: Bool)
    case leaseAcquired(expiresAt: Date)
    case leaseTakenOver(previous: LeaseHolder)
    case leaseRefused(error: String)
    case leaseReleaseFailed(error: String)
    case haltedByOperator(setBy: String, reason: String)
    case poolRungRefused(rung: PoolRung, symbols: [String])
    case journalEntryResolved(clientOrderId: String, symbol: String, outcome: String, applied: Bool)
    case orderNotSentSymbolNotTrading(symbol: String, status: String)
    case stateWritten(reason: String, settles: Int)
    case redemptionNotCredited(asset: String, needed: Double)
    case reconciliationFailed(failures: Int)
    case cycleError(stage: String, message: String)
    case cycleFinished(status: String, executedCalls: Int, suppressedCalls: Int, ordersSent: Int)
}
