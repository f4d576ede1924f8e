import Strategy

/// What the account holds, as the cycle sees it. Moves with every executed (or, in dry run,
/// simulated) side effect so later steps see the numbers a live run would see.
struct Wallet {
    /// Spot balances per asset.
    var spot: [String: SpotBalance]
    /// Simple Earn flexible positions per asset.
    var earn: [String: EarnPosition]
    /// Average prices (USDT) per symbol.
    var prices: [String: Double]

    /// Spot + Simple Earn of `asset`, in the asset's units.
    func total(_ asset: String) -> Double {
        (spot[asset]?.total ?? 0) + (earn[asset]?.totalAmount ?? 0)
    }

    func spotFree(_ asset: String) -> Double { spot[asset]?.free ?? 0 }

    mutating func adjustSpot(_ asset: String, by delta: Double) {
        var balance = spot[asset] ?? SpotBalance(free: 0, locked: 0)
        balance.free = max(0, balance.free + delta)
        spot[asset] = balance
    }

    mutating func adjustEarn(_ asset: String, by delta: Double, productId: String) {
        var position = earn[asset] ?? EarnPosition(productId: productId, totalAmount: 0)
        position.totalAmount = max(0, position.totalAmount + delta)
        earn[asset] = position
    }
}

/// The figures §6.1 needs, in USDT.
struct Holdings {
    /// u_total: spot + earn USDT; tracked separately from the wallet like the original does.
    var cash: Double
    var fuelValue: Double
    /// Base-asset balance per runtime-universe symbol and BTCUSDT.
    var balances: [String: Double]

    func trendValue(universe: [UniverseMember], prices: [String: Double]) -> Double {
        universe.reduce(0) { $0 + (balances[$1.symbol] ?? 0) * (prices[$1.symbol] ?? 0) }
    }

    func dcaValue(prices: [String: Double]) -> Double {
        (balances["BTCUSDT"] ?? 0) * (prices["BTCUSDT"] ?? 0)
    }
}
