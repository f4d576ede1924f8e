import Strategy

/// An order whose fill is being booked into state: what it was for and the figures the cycle
/// decided it on. Built from the order ticket for a fill the cycle just got, and from the
/// journal entry for a fill that recovery found after a crash.
struct FilledOrder {
    var purpose: JournalEntry.Purpose
    var symbol: String
    var baseAsset: String
    var side: OrderSide
    /// The price (USDT) the cycle decided at.
    var decisionPrice: Double
    /// `YYYYMMDD` (UTC) of the cycle that sent it: cooldowns are booked on this day.
    var tradeDate: String
}

extension FilledOrder {
    /// The order a journal entry describes (nil for an earn move, which has no side).
    init?(_ entry: JournalEntry) {
        guard let side = entry.side else { return nil }
        self.init(purpose: entry.purpose, symbol: entry.symbol, baseAsset: inferBaseAsset(entry.symbol), side: side,
                  decisionPrice: entry.decisionPrice, tradeDate: entry.tradeDate)
    }
}

extension TradeState {
    /// What a fill does to state — the one rule, used by a live fill and by the journal's
    /// recovery alike, so a crash between the send and the state write books the fill exactly
    /// as the cycle that sent it would have: the holding flag and trailing-stop high, the
    /// day's action (the cooldowns), and the balance snapshot moved by the fill so the next
    /// rebase does not take the engine's own order for a deposit or withdrawal.
    mutating func book(_ fill: OrderFill, of order: FilledOrder) {
        switch order.purpose {
        case .trendBuy:
            let entry = fill.averagePrice ?? order.decisionPrice
            setPosition(PositionState(isHolding: true, entryPrice: entry, highestPrice: max(entry, order.decisionPrice)), of: order.symbol)
            recordAction("buy", on: order.symbol, date: order.tradeDate)
        case .trendSell, .circuitBreakerSell:
            setPosition(.flat, of: order.symbol)
            recordAction("sell", on: order.symbol, date: order.tradeDate)
        case .dcaBuy:
            dcaLastBuyDate = order.tradeDate
        case .dcaSell:
            dcaLastSellDate = order.tradeDate
        case .fuelBuy, .earnMove:
            // The fuel top-up happens before the external-flow check (docs/strategy.md#the-cycle-step-by-step steps 4 and 6),
            // which compares with the snapshot the previous cycle stored; as in the original,
            // it is not booked into that snapshot.
            return
        }
        moveBalanceSnapshot(by: fill, of: order)
    }

    /// Books the fill into `last_balance_snapshot` (nothing when there is no snapshot yet: the
    /// next rebase takes one).
    private mutating func moveBalanceSnapshot(by fill: OrderFill, of order: FilledOrder) {
        guard !lastBalanceSnapshot.isEmpty else { return }
        let buying = order.side == .buy
        let baseDelta = buying ? fill.executedQuantity - fill.commissionInBaseAsset : -fill.executedQuantity
        let quoteDelta = buying ? -fill.quoteQuantity : fill.quoteQuantity
        for (asset, delta) in [(order.baseAsset, baseDelta), ("USDT", quoteDelta)] {
            guard let before = lastBalanceSnapshot[asset] else { continue }
            lastBalanceSnapshot[asset] = roundTo(max(0, before + delta), places: 8)
        }
    }
}
