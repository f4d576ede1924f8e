import Foundation
import Strategy

/// Step 10: trend rotation — evaluate, sell, re-evaluate with post-sell balances, buy.
extension CycleRun {
    func rotateTrend() async throws {
        let first = evaluateTrend()
        report.activeTrendPool = first.pool
        report.selectedCandidates = first.candidates.map(\.symbol)
        if first.candidates.isEmpty { gateNoCandidate(pool: first.pool) }
        log.append(messages.text(.executionPoolLine, [.pool: first.pool.isEmpty ? messages.text(.noExecutionPool) : first.pool.joined(separator: ", ")]))

        for (symbol, reason) in first.sells {
            guard let member = universe.first(where: { $0.symbol == symbol }) else { continue }
            try await sellTrendPosition(member, reason: reason)
        }

        let second = evaluateTrend()
        let plan = BuyPlan.make(
            universe: symbols, positions: currentPositions(), candidates: second.candidates, indicators: indicators,
            prices: prices, trendPool: currentAllocation().trendPool, allowNewEntries: allowNewEntries,
            soldToday: Set(symbols.filter { state.hasAction("sell", on: $0, date: today.compact) })
        )
        for symbol in plan.blockedSoldToday {
            report.gate(GatingEvent(gate: .trendBuySoldToday, category: .trend, symbol: symbol))
        }
        if !second.candidates.isEmpty, plan.eligible.isEmpty {
            report.gate(GatingEvent(gate: .trendNoEligibleBuy, category: .trend, detail: [
                "selected_candidate_count": .int(Int64(second.candidates.count)), "allow_new_trend_entries": .bool(allowNewEntries),
            ]))
        }
        for symbol in plan.eligible {
            guard let member = universe.first(where: { $0.symbol == symbol }),
                  let candidate = second.candidates.first(where: { $0.symbol == symbol }) else { continue }
            try await buyTrendPosition(member, budget: plan.budgets[symbol] ?? 0, candidate: candidate)
        }

        let holding = symbols.filter { state.position(of: $0).isHolding }
        log.append(holding.isEmpty ? messages.text(.statusFlat) : "📌 " + holding.joined(separator: ", "))
    }

    struct TrendEvaluation {
        var pool: [String]
        var candidates: [TrendCandidate]
        var sells: [(symbol: String, reason: SellReason)]
    }

    /// Locks the execution pool into state, selects targets, moves trailing-stop highs, and
    /// lists sells. Idempotent, so evaluating twice in a cycle is safe.
    func evaluateTrend() -> TrendEvaluation {
        guard let resolution, let btc else { return TrendEvaluation(pool: [], candidates: [], sells: []) }
        let pool = RotationPool.resolve(
            universe: resolution.payload.symbols, storedPool: state.rotationPoolSymbols, degraded: resolution.degraded,
            version: resolution.payload.version, asOfDate: resolution.payload.asOfDate, currentMonth: today.yearMonth
        )
        state.rotationPoolSymbols = pool.symbols
        state.rotationPoolSourceVersion = pool.sourceVersion
        state.rotationPoolSourceAsOfDate = pool.sourceAsOfDate
        state.rotationPoolLastMonth = pool.lastMonth

        let candidates = TrendSelector().select(pool: pool.symbols, indicators: indicators, prices: prices, btc: btc)
        let evaluation = SellRules.evaluate(
            universe: symbols, positions: currentPositions(), indicators: indicators, prices: prices,
            selected: Set(candidates.map(\.symbol))
        )
        for (symbol, position) in evaluation.positions where position != state.position(of: symbol) {
            state.setPosition(position, of: symbol)
        }
        return TrendEvaluation(pool: pool.symbols, candidates: candidates, sells: evaluation.sells)
    }

    func currentPositions() -> [String: PositionState] {
        Dictionary(uniqueKeysWithValues: symbols.map { ($0, state.position(of: $0)) })
    }

    func reasonText(_ reason: SellReason) -> String {
        switch reason {
        case .missingIndicators: return messages.text(.sellReasonMissingIndicators)
        case .rotatedOut: return messages.text(.sellReasonRotatedOut)
        case .belowSMA60: return messages.text(.sellReasonBelowSMA60)
        case .atrTrailingStop(let stop): return messages.text(.sellReasonATRStop, [.stop: Format.fixed(stop, 2)])
        }
    }

    private func gateNoCandidate(pool: [String]) {
        let reasons = TrendSelector().filterReasons(pool: pool, indicators: indicators, prices: prices, btc: btc)
        let detail: [String: JSONValue] = reasons.mapValues { filter in
            var entry: [String: JSONValue] = ["reasons": JSONValue(filter.reasons)]
            entry["relative_score"] = filter.relativeScore.map { .double($0) }
            entry["abs_momentum"] = filter.absoluteMomentum.map { .double($0) }
            return .object(entry)
        }
        report.gate(GatingEvent(gate: .trendNoSelectedCandidate, category: .trend, detail: [
            "active_trend_pool_size": .int(Int64(pool.count)), "candidate_filter_reasons": .object(detail),
        ]))
    }
}
