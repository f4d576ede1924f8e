import Foundation
import Strategy

/// Steps 5–7: daily reset, external-flow rebase, daily PnL and the portfolio log. Their writes
/// hold values the next cycle would derive again from the same inputs: stored before anything is
/// sent (`StateWrite.Durability.beforeNextSend`).
extension CycleDecisions {
    mutating func resetDailyBasesIfNewDay(_ allocation: Allocation) throws {
        if state.lastResetDate != today.iso {
            state.dailyEquityBase = allocation.totalEquity
            state.dailyTrendEquityBase = allocation.trendValue
            state.dailyTrendPnlBasis = "trend_val"
            state.lastResetDate = today.iso
            state.isCircuitBroken = false
            try writeState(reason: "daily_reset", durability: .beforeNextSend)
        } else if state.dailyTrendPnlBasis != "trend_val" {
            state.dailyTrendEquityBase = allocation.trendValue
            state.dailyTrendPnlBasis = "trend_val"
            try writeState(reason: "trend_pnl_basis_migrate", durability: .beforeNextSend)
        }
    }

    /// Deposits, withdrawals or manual trades move balances outside the engine; rebasing the
    /// daily bases keeps them from tripping the circuit breaker.
    mutating func rebaseOnExternalBalanceFlows(_ allocation: Allocation) throws {
        let previous = state.lastBalanceSnapshot
        let current = balanceSnapshot()
        state.lastBalanceSnapshot = current
        guard !previous.isEmpty else { return }
        let moved = Self.assetsMoved(from: previous, to: current)
        guard !moved.isEmpty else { return }
        state.dailyEquityBase = allocation.totalEquity
        state.dailyTrendEquityBase = allocation.trendValue
        state.dailyTrendPnlBasis = "trend_val"
        try writeState(reason: "external_balance_flow_rebase", durability: .beforeNextSend)
        say(moved == ["USDT"] ? messages.text(.externalUsdtFlow)
                   : messages.text(.externalBalanceFlow, [.assets: moved.joined(separator: ", ")]))
    }

    /// The assets whose balance moved beyond its tolerance between two snapshots, sorted (an
    /// asset in one snapshot only moved from or to 0).
    static func assetsMoved(from previous: [String: Double], to current: [String: Double]) -> [String] {
        func moved(_ asset: String, from old: Double, to new: Double) -> Bool {
            let tolerance = asset == "USDT" ? CycleRules.externalFlowToleranceUSDT : CycleRules.externalFlowToleranceAsset
            return abs(new - old) > tolerance
        }
        var assets: [String] = []
        var inBoth = 0
        for (asset, new) in current {
            let old = previous[asset]
            if old != nil { inBoth += 1 }
            if moved(asset, from: old ?? 0, to: new) { assets.append(asset) }
        }
        if inBoth < previous.count {
            for (asset, old) in previous where current[asset] == nil && moved(asset, from: old, to: 0) { assets.append(asset) }
        }
        return assets.sorted()
    }

    /// (portfolio, trend sleeve) daily PnL as fractions; 0 when the base is not positive.
    func dailyPnL(_ allocation: Allocation) -> (portfolio: Double, trend: Double) {
        let portfolio = state.dailyEquityBase > 0 ? allocation.totalEquity / state.dailyEquityBase - 1 : 0
        let trend = state.dailyTrendEquityBase > 0 ? allocation.trendValue / state.dailyTrendEquityBase - 1 : 0
        return (portfolio, trend)
    }

    mutating func logPortfolio(_ allocation: Allocation, btc: BTCSnapshot) {
        let pnl = dailyPnL(allocation)
        let gate = btc.regimeOn ? messages.text(.gateOn) : messages.text(.gateOff)
        say(messages.text(.portfolioTitle))
        say(messages.text(.portfolioEquityLine, [.equity: Format.grouped(allocation.totalEquity), .dailyPnl: Format.percent(pnl.portfolio, 1, signed: true)]))
        say(messages.text(.portfolioBtcLine, [.target: Format.percent(allocation.btcTargetRatio, 0), .value: Format.grouped(allocation.dcaValue)]))
        say(messages.text(.portfolioTrendLine, [
            .target: Format.percent(allocation.trendTargetRatio, 0), .value: Format.grouped(allocation.trendValue),
            .trendPnl: Format.percent(pnl.trend, 1, signed: true),
        ]))
        say(messages.text(.portfolioGateLine, [.gate: gate, .ahr: Format.fixed(btc.ahr999, 2), .zscore: Format.fixed(btc.zscore, 1)]))
        say(messages.text(.separator))
        report.totalEquity = allocation.totalEquity
        report.trendEquity = allocation.trendValue
    }
}
