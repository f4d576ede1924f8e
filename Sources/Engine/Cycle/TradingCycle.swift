import Foundation
import Strategy

/// One trading cycle (SPEC §7), top to bottom. Every step lives in a `CycleRun+Step.swift`
/// extension; this file only says the order in which they happen.
public struct TradingCycle: Sendable {
    public let config: Config
    public let dependencies: CycleDependencies
    public let runId: String
    public let dryRun: Bool

    public init(config: Config, dependencies: CycleDependencies, runId: String, dryRun: Bool) {
        self.config = config
        self.dependencies = dependencies
        self.runId = runId
        self.dryRun = dryRun
    }

    public func run() async -> CycleOutcome {
        await CycleLogContext.$runId.withValue(runId) {
            let run = CycleRun(config: config, dependencies: dependencies, runId: runId, dryRun: dryRun)
            await run.execute()
            return run.outcome
        }
    }
}

extension CycleRun {
    func execute() async {
        logger.info("cycle started", metadata: ["cycle.dry_run": "\(dryRun)"])
        do {
            // 1–3: lease, state, the operator's trading mode, exchange, pool; then what a crashed
            // run left unfinished. State is checked before the lease is taken so a corrupt store
            // is never written to, and read again under the lease; a halted cycle stops there,
            // before any exchange call.
            guard await loadStoredState() != nil, await takeLease() else { return await finish() }
            guard let stored = await loadStoredState() else { return await finish() }
            if try await stopIfHalted(stored) { return await finish() }
            guard await connectToExchange() else { return await finish() }
            try await adoptPool(await resolvePool(stored: stored), stored: stored)
            try await resolveUnfinishedJournal()

            // 4–7: market, allocation, daily bookkeeping.
            let market = try await readMarketFallingBack(stored: stored)
            // Every symbol of the pool is listed and priced: only now may it become the fallback.
            resolution?.promoteToLastKnownGood(into: &state)
            let allocation = currentAllocation()
            diagnostics.allocationBeforeTrades = allocation
            try await resetDailyBasesIfNewDay(allocation)
            try await rebaseOnExternalBalanceFlows(allocation)
            guard await stateAgreesWithTheMarket(allocation) else { return await finish() }
            logPortfolio(allocation, btc: market.btc)

            // 8–9: circuit breaker.
            if state.isCircuitBroken {
                say(messages.text(.circuitLatchedLine, [.equity: Format.fixed(allocation.totalEquity, 2)]), atTop: true)
                return await finish()
            }
            if try await tripCircuitBreakerIfNeeded(allocation, market: market) { return await finish() }

            // 10–11: trend rotation, then BTC DCA on the post-trade allocation.
            // The pool was adopted in step 3 (and again by any fall-back in readMarketFallingBack).
            guard let resolution else { throw CycleStepError(message: "the pool was not resolved before trading") }
            let bufferTarget = usdtBufferTarget(cash: allocation.cash)
            try await rotateTrend(market, resolution: resolution,
                                  fundsAfterTrend: bufferTarget + expectedDCABuySpend(allocation, btc: market.btc))
            let afterTrades = currentAllocation()
            diagnostics.allocationAfterTrades = afterTrades
            try await runBTCDCA(afterTrades, market: market, bufferTarget: bufferTarget)

            // 12–14: cash buffer, heartbeat, final state.
            try await maintainEarnBuffer(cashBeforeTrades: allocation.cash)
            await sendStatusReportIfDue(currentAllocation(), btc: market.btc)
            state.lastBalanceSnapshot = balanceSnapshot()
            try await writeState(reason: "cycle_complete")
            await reconcileWithTheExchange()
        } catch {
            // 15: anything unexpected.
            report.fail(stage: .executeCycle, message: "\(error)", status: .error)
            await notify(messages.text(.systemCrash) + "\n" + String("\(error)".prefix(200)))
        }
        await finish()
    }

    /// Always: releases the lease, logs into the report, and unacknowledged alerts turn `ok` into `error`.
    func finish() async {
        await failIfTheExchangeRefusedTheRun()
        if orderOutcomes.everyOrderRefused, report.status == .ok {
            let message = "\(EveryOrderRefusedError(sent: orderOutcomes.sent, refused: orderOutcomes.refused, lastRefusal: orderOutcomes.lastRefusal ?? "?"))"
            report.fail(stage: .executeCycle, message: message, status: .error)
            await notify(messages.text(.systemCrash) + "\n" + String(message.prefix(300)))
        }
        await releaseLease()
        for error in report.errors {
            logger.error("cycle error", metadata: ["cycle.stage": .string(error.stage.rawValue), "error": .string(error.message)])
        }
        logger.info("cycle finished", metadata: [
            "cycle.status": .string(report.status.rawValue), "cycle.executed_calls": "\(report.executedCallCount)",
            "cycle.suppressed_calls": "\(report.suppressedCallCount)", "cycle.orders_sent": "\(orderOutcomes.sent)",
        ])
        report.logLines = log
        report.diagnostics = diagnostics
        report.finalizeNotificationDelivery()
    }
}
