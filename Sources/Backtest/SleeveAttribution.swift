/// Profit per sleeve (trend, BTC core, fuel): its value at the end − at the start + what its
/// sells brought in − what its buys cost. A fee paid in BNB is charged to the sleeve whose
/// order paid it, not to fuel. The sleeves' profits add up to the equity change, since cash
/// moves only through orders.
public struct SleeveAttribution: Sendable, Equatable {
    public struct Figures: Sendable, Equatable {
        public var startValue = 0.0
        public var endValue = 0.0
        public var bought = 0.0
        public var sold = 0.0
        public var fees = 0.0
        public var orders = 0
        /// Share of days the sleeve held at least 1 % of equity.
        public var timeInMarket = 0.0
        /// BNB spent on this sleeve's fees, in USDT (moved out of fuel's result into this one's).
        var bnbFees = 0.0
        public var profit: Double { endValue - startValue + sold - bought }
    }

    public private(set) var sleeves: [Sleeve: Figures] = [:]

    public init(days: [DayValuation], orders: [BacktestOrder]) {
        for sleeve in Sleeve.allCases { sleeves[sleeve] = Figures() }
        guard let first = days.first, let last = days.last else { return }
        for sleeve in Sleeve.allCases {
            sleeves[sleeve]?.startValue = Self.value(first, sleeve)
            sleeves[sleeve]?.endValue = Self.value(last, sleeve)
            let held = days.dropFirst().filter { $0.equity > 0 && Self.value($0, sleeve) >= 0.01 * $0.equity }.count
            sleeves[sleeve]?.timeInMarket = days.count > 1 ? Double(held) / Double(days.count - 1) : 0
        }
        for order in orders {
            let quote = order.quoteValue
            let sleeve = order.sleeve
            // A sell's USDT fee never reached cash.
            if order.side == "BUY" {
                sleeves[sleeve]?.bought += quote
            } else {
                sleeves[sleeve]?.sold += quote - (order.commissionAsset == "USDT" ? order.feeUSDT : 0)
            }
            sleeves[sleeve]?.fees += order.feeUSDT
            sleeves[sleeve]?.orders += 1
            if order.commissionAsset == "BNB", sleeve != .fuel { sleeves[sleeve]?.bnbFees += order.feeUSDT }
        }
        // The BNB those fees used left the fuel sleeve's value; the sleeve that traded pays for it.
        let moved = sleeves.values.reduce(0) { $0 + $1.bnbFees }
        sleeves[.fuel]?.sold += moved
        for sleeve in [Sleeve.trend, .btcCore] {
            let paid = sleeves[sleeve]?.bnbFees ?? 0
            sleeves[sleeve]?.bought += paid
        }
    }

    public var total: Double { sleeves.values.reduce(0) { $0 + $1.profit } }

    static func value(_ day: DayValuation, _ sleeve: Sleeve) -> Double {
        switch sleeve {
        case .trend: day.trend
        case .btcCore: day.btcCore
        case .fuel: day.fuel
        }
    }
}
