import Foundation
import Strategy

/// Step 10: trend rotation — decide (pure), apply the decision to state once, sell, then buy
/// with the post-sell balances.
extension CycleDecisions {
    /// `fundsAfterTrend`: spot USDT the cycle needs after its trend buys (the DCA buy it expects
    /// and the buffer it ends with, step 12); a redemption for the buys brings it along, so one
    /// Simple Earn move usually serves the whole cycle.
    mutating func rotateTrend(_ market: MarketSnapshot, resolution: PoolResolution, fundsAfterTrend: Double) throws {
        let decision = decideTrend(market, resolution: resolution)
        apply(decision)
        report.activeTrendPool = decision.pool.symbols
        report.selectedCandidates = decision.candidates.map(\.symbol)
        if decision.candidates.isEmpty { gateNoCandidate(pool: decision.pool.symbols, market: market) }
        say(messages.text(.executionPoolLine, [.pool: decision.pool.symbols.isEmpty ? messages.text(.noExecutionPool) : decision.pool.symbols.joined(separator: ", ")]))

        for (symbol, reason) in decision.sells {
            guard let member = universe.first(where: { $0.symbol == symbol }) else { continue }
            try sellTrendPosition(member, reason: reason, rules: market.rules[symbol])
        }

        // The targets do not depend on balances, so the same decision's candidates are bought
        // with what the sells left.
        let plan = BuyPlan.make(
            universe: symbols, positions: currentPositions(), candidates: decision.candidates, indicators: market.indicators,
            prices: prices, trendPool: currentAllocation().trendPool, allowNewEntries: allowNewEntries,
            soldToday: Set(symbols.filter { state.hasAction("sell", on: $0, date: today.compact) })
        )
        for symbol in plan.blockedSoldToday {
            report.gate(GatingEvent(gate: .trendBuySoldToday, category: .trend, symbol: symbol))
        }
        if !decision.candidates.isEmpty, plan.eligible.isEmpty {
            report.gate(GatingEvent(gate: .trendNoEligibleBuy, category: .trend,
                                    detail: .noEligibleBuy(selectedCandidates: decision.candidates.count, allowsNewEntries: allowNewEntries)))
        }
        for (index, symbol) in plan.eligible.enumerated() {
            guard let member = universe.first(where: { $0.symbol == symbol }),
                  let candidate = decision.candidates.first(where: { $0.symbol == symbol }) else { continue }
            // What the later buys will spend: their budgets after the sizing haircut.
            let laterBuys = plan.eligible.dropFirst(index + 1).reduce(0) { $0 + (plan.budgets[$1] ?? 0) } * StrategyConstants.orderBudgetHaircut
            try buyTrendPosition(member, budget: plan.budgets[symbol] ?? 0, candidate: candidate, rules: market.rules[symbol],
                                       fundingHeadroom: laterBuys + fundsAfterTrend)
        }

        let holding = symbols.filter { state.position(of: $0).isHolding }
        say(holding.isEmpty ? messages.text(.statusFlat) : "📌 " + holding.joined(separator: ", "))
    }

    /// What step 10 decides before any order: the execution pool (and its lock), the targets,
    /// the positions with their trailing-stop highs moved, and the sells. Reads state, changes nothing.
    struct TrendDecision {
        var pool: RotationPool
        var candidates: [TrendCandidate]
        var positions: [String: PositionState]
        var sells: [(symbol: String, reason: SellReason)]
    }

    func decideTrend(_ market: MarketSnapshot, resolution: PoolResolution) -> TrendDecision {
        let pool = RotationPool.resolve(
            universe: resolution.payload.symbols, storedPool: state.rotationPoolSymbols, degraded: resolution.degraded,
            version: resolution.payload.version, asOfDate: resolution.payload.asOfDate, currentMonth: today.yearMonth
        )
        let candidates = TrendSelector().select(pool: pool.symbols, indicators: market.indicators, prices: prices, btc: market.btc)
        let evaluation = SellRules.evaluate(
            universe: symbols, positions: currentPositions(), indicators: market.indicators, prices: prices,
            selected: Set(candidates.map(\.symbol))
        )
        var sells = evaluation.sells
        if state.tradingMode == .exitOnly {
            // Every trend position worth more than dust goes, whatever the strategy says.
            let selling = Set(sells.map(\.symbol))
            for member in universe where !selling.contains(member.symbol) && wallet.value(of: member) > OperatorControl.exitOnlyDustValue {
                sells.append((member.symbol, .operatorExitOnly))
            }
        }
        return TrendDecision(pool: pool, candidates: candidates, positions: evaluation.positions, sells: sells)
    }

    /// Locks the execution pool into state and stores the moved trailing-stop highs (docs/strategy.md#rotation-pool, docs/strategy.md#sell-reasons [fix]).
    mutating func apply(_ decision: TrendDecision) {
        state.rotationPoolSymbols = decision.pool.symbols
        state.rotationPoolSourceVersion = decision.pool.sourceVersion
        state.rotationPoolSourceAsOfDate = decision.pool.sourceAsOfDate
        state.rotationPoolLastMonth = decision.pool.lastMonth
        for (symbol, position) in decision.positions where position != state.position(of: symbol) {
            state.setPosition(position, of: symbol)
        }
    }

    /// Every runtime-universe symbol's position (the state's own map when it holds exactly those symbols, as it usually does).
    func currentPositions() -> [String: PositionState] {
        let symbols = symbols
        if state.retiredPositions.isEmpty, state.positions.count == symbols.count, symbols.allSatisfy({ state.positions[$0] != nil }) {
            return state.positions
        }
        return Dictionary(uniqueKeysWithValues: symbols.map { ($0, state.position(of: $0)) })
    }

    private mutating func gateNoCandidate(pool: [String], market: MarketSnapshot) {
        report.gate(GatingEvent(gate: .trendNoSelectedCandidate, category: .trend,
                                detail: .noSelectedCandidate(.init(pool: pool, indicators: market.indicators, prices: prices, btc: market.btc))))
    }
}
