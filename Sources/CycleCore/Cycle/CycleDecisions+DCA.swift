import Foundation
import Strategy

/// Step 11: BTC DCA buy and euphoria trim on the post-trade allocation (docs/strategy.md#btc-dca, docs/strategy.md#the-cycle-step-by-step step 11).
extension CycleDecisions {
    mutating func runBTCDCA(_ allocation: Allocation, market: MarketSnapshot, bufferTarget: Double = 0) throws {
        report.totalEquity = allocation.totalEquity
        report.trendEquity = allocation.trendValue
        let btc = market.btc
        let rules = market.rules["BTCUSDT"]
        guard allocation.dcaPool > CycleRules.dcaMinimumSleeve || allocation.dcaValue > CycleRules.dcaMinimumSleeve else {
            report.gate(GatingEvent(gate: .btcDCAPoolTooSmall, category: .btcDCA, detail: .dcaSleeves(pool: allocation.dcaPool, value: allocation.dcaValue)))
            return
        }
        say(messages.text(.btcRadarLine, [.ahr: Format.fixed(btc.ahr999, 3), .zscore: Format.fixed(btc.zscore, 2), .trigger: Format.fixed(btc.sellTrigger, 2)]))
        try buyBTCIfDue(allocation, btc: btc, rules: rules, bufferTarget: bufferTarget)
        try trimBTCIfDue(allocation, btc: btc, rules: rules)
    }

    /// Whether today's DCA buy happens on `allocation`, and with what budget (docs/strategy.md#btc-dca): the
    /// one rule, used by the buy and by the trend buys' funding estimate.
    enum DCABuyDecision {
        case gated(GatingEvent)
        case buy(budget: Double)
    }

    func dcaBuyDecision(_ allocation: Allocation, btc: BTCSnapshot) -> DCABuyDecision {
        guard state.tradingMode.allowsEntries else {
            return .gated(GatingEvent(gate: .tradingModeNoNewEntries, category: .btcDCA, detail: .text(state.tradingMode.rawValue)))
        }
        let multiplier = DCATables.buyMultiplier(ahr999: btc.ahr999)
        if multiplier <= 0 {
            return .gated(GatingEvent(gate: .btcDCABuyValuationGateOff, category: .btcDCA, detail: .ahr999(btc.ahr999)))
        }
        if allocation.dcaPool <= StrategyConstants.minimumOrderBudget {
            return .gated(GatingEvent(gate: .btcDCABuyBelowMinBudget, category: .btcDCA, detail: .dcaPool(allocation.dcaPool)))
        }
        if state.dcaLastBuyDate == today.compact {
            return .gated(GatingEvent(gate: .btcDCABuyDuplicateCooldown, category: .btcDCA))
        }
        return .buy(budget: min(allocation.dcaPool, allocation.btcBaseOrder * Double(multiplier)))
    }

    /// USDT the DCA buy is expected to spend later this cycle (its budget after the sizing
    /// haircut; 0 when it will not buy).
    func expectedDCABuySpend(_ allocation: Allocation, btc: BTCSnapshot) -> Double {
        guard allocation.dcaPool > CycleRules.dcaMinimumSleeve || allocation.dcaValue > CycleRules.dcaMinimumSleeve, case .buy(let budget) = dcaBuyDecision(allocation, btc: btc) else { return 0 }
        return budget * StrategyConstants.orderBudgetHaircut
    }

    private mutating func buyBTCIfDue(_ allocation: Allocation, btc: BTCSnapshot, rules: SymbolRules?, bufferTarget: Double) throws {
        let budget: Double
        switch dcaBuyDecision(allocation, btc: btc) {
        case .gated(let event):
            report.gate(event)
            return
        case .buy(let planned):
            budget = planned
        }
        let price = prices["BTCUSDT"] ?? 0
        let quantity = sizedQuantity(budget * StrategyConstants.orderBudgetHaircut / price, rules: rules)
        let clientId = nextClientOrderId(prefix: "D_BUY", symbol: "BTCUSDT")
        report.dcaIntents.append(DCAIntent(action: .buy, quantity: OrderSizing.double(quantity), budget: budget, ahr999: btc.ahr999, clientOrderId: clientId))
        try execute(OrderTicket(
            member: .btc, side: .buy, size: .quantity(quantity), price: price, rules: rules, clientOrderId: clientId, purpose: .dcaBuy,
            category: .btcDCA, subject: .dcaBuy(targetRatio: allocation.btcTargetRatio, ahr999: btc.ahr999),
            unavailable: .usdtUnavailableForDcaBuy, writeReason: "btc_dca_buy",
            fundingHeadroom: bufferTarget
        ))
    }

    private mutating func trimBTCIfDue(_ allocation: Allocation, btc: BTCSnapshot, rules: SymbolRules?) throws {
        guard btc.zscore > btc.sellTrigger else { return }
        if allocation.dcaValue <= CycleRules.dcaTrimMinimumPosition {
            report.gate(GatingEvent(gate: .btcDCASellBelowMinPosition, category: .btcDCA,
                                    detail: .dcaPosition(value: allocation.dcaValue, zscore: btc.zscore)))
            return
        }
        if state.dcaLastSellDate == today.compact {
            report.gate(GatingEvent(gate: .btcDCASellDuplicateCooldown, category: .btcDCA, detail: .zscore(btc.zscore)))
            return
        }
        let fraction = DCATables.trimFraction(zscore: btc.zscore)
        let price = prices["BTCUSDT"] ?? 0
        let quantity = sizedQuantity(sellableQuantity(.btc) * fraction, rules: rules)
        let clientId = nextClientOrderId(prefix: "D_SELL", symbol: "BTCUSDT")
        report.dcaIntents.append(DCAIntent(action: .sell, quantity: OrderSizing.double(quantity), sellFraction: fraction, zscore: btc.zscore, clientOrderId: clientId))
        try execute(OrderTicket(
            member: .btc, side: .sell, size: .quantity(quantity), price: price, rules: rules, clientOrderId: clientId, purpose: .dcaSell,
            category: .btcDCA, subject: .dcaTrim(fraction: fraction, quantity: OrderSizing.double(quantity)),
            unavailable: .btcUnavailableForDcaSell, writeReason: "btc_dca_sell"
        ))
    }
}
