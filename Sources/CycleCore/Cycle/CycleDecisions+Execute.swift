import Foundation
import Strategy

extension CycleDecisions {
    /// The cycle's decisions (docs/strategy.md#the-cycle-step-by-step) on the calling thread, every effect answered by `world`
    /// (the live shell's ports, a backtest's memory, a test's script).
    public static func run(config: Config, settings: CycleRunSettings, world: any CycleWorld, runId: String, dryRun: Bool) -> CycleOutcome {
        var decisions = CycleDecisions(config: config, settings: settings, world: world, runId: runId, dryRun: dryRun)
        decisions.execute()
        return decisions.takeOutcome()
    }
}

extension CycleDecisions {
    mutating func execute() {
        world.note(.cycleStarted(dryRun: dryRun))
        do {
            // 1–3: lease, state, the operator's trading mode, exchange, pool; then what a crashed
            // run left unfinished. State is checked before the lease is taken so a corrupt store
            // is never written to, and read again under the lease; a halted cycle stops there,
            // before any exchange call.
            guard loadStoredState() != nil, takeLease() else { return finish() }
            guard let stored = loadStoredState() else { return finish() }
            if try stopIfHalted(stored) { return finish() }
            guard connectToExchange() else { return finish() }
            try adoptPool(try resolvePool(stored: stored), stored: stored)
            try resolveUnfinishedJournal()

            // 4–7: market, allocation, daily bookkeeping.
            let market = try readMarketFallingBack(stored: stored)
            // Every symbol of the pool is listed and priced: only now may it become the fallback.
            resolution?.promoteToLastKnownGood(into: &state)
            let allocation = currentAllocation()
            diagnostics.allocationBeforeTrades = allocation
            try resetDailyBasesIfNewDay(allocation)
            try rebaseOnExternalBalanceFlows(allocation)
            guard stateAgreesWithTheMarket(allocation) else { return finish() }
            logPortfolio(allocation, btc: market.btc)

            // 8–9: circuit breaker.
            if state.isCircuitBroken {
                say(messages.text(.circuitLatchedLine, [.equity: Format.fixed(allocation.totalEquity, 2)]), atTop: true)
                return finish()
            }
            if try tripCircuitBreakerIfNeeded(allocation, market: market) { return finish() }

            // 10–11: trend rotation, then BTC DCA on the post-trade allocation.
            // The pool was adopted in step 3 (and again by any fall-back in readMarketFallingBack).
            guard let resolution else { throw CycleStepError(message: "the pool was not resolved before trading") }
            let bufferTarget = usdtBufferTarget(cash: allocation.cash)
            try rotateTrend(market, resolution: resolution,
                                  fundsAfterTrend: bufferTarget + expectedDCABuySpend(allocation, btc: market.btc))
            let afterTrades = currentAllocation()
            diagnostics.allocationAfterTrades = afterTrades
            try runBTCDCA(afterTrades, market: market, bufferTarget: bufferTarget)

            // 12–14: cash buffer, heartbeat, final state.
            try maintainEarnBuffer(cashBeforeTrades: allocation.cash)
            sendStatusReportIfDue(currentAllocation(), btc: market.btc)
            state.lastBalanceSnapshot = balanceSnapshot()
            try writeState(reason: "cycle_complete")
            reconcileWithTheExchange()
        } catch {
            // 15: anything unexpected.
            report.fail(stage: .executeCycle, message: "\(error)", status: .error)
            notify(.systemCrash(detail: String("\(error)".prefix(200))))
        }
        finish()
    }

    /// Always: releases the lease, logs into the report, and unacknowledged alerts turn `ok` into `error`.
    mutating func finish() {
        failIfTheExchangeRefusedTheRun()
        if orderOutcomes.everyOrderRefused, report.status == .ok {
            let message = "\(EveryOrderRefusedError(sent: orderOutcomes.sent, refused: orderOutcomes.refused, lastRefusal: orderOutcomes.lastRefusal ?? "?"))"
            report.fail(stage: .executeCycle, message: message, status: .error)
            notify(.systemCrash(detail: String(message.prefix(300))))
        }
        releaseLease()
        for error in report.errors {
            world.note(.cycleError(stage: error.stage.rawValue, message: error.message))
        }
        world.note(.cycleFinished(status: report.status.rawValue, executedCalls: report.executedCallCount,
                                  suppressedCalls: report.suppressedCallCount, ordersSent: orderOutcomes.sent))
        report.logLines = log.lines
        report.diagnostics = diagnostics
        report.finalizeNotificationDelivery()
    }
}
