import Strategy

/// The cycle's one ledger: what the account holds as the cycle sees it. Read once from the
/// exchange, then moved by every executed (or, in dry run, simulated) fill and earn move, so
/// later steps see the numbers a live run would see. Allocation figures are derived from it.
struct Wallet {
    /// Spot balances per asset.
    private(set) var spot: [String: SpotBalance]
    /// Simple Earn flexible positions per asset.
    private(set) var earn: [String: EarnPosition]
    /// Average prices (USDT) per symbol.
    let prices: [String: Double]
    /// The runtime universe the wallet was read for and, in its order, each member's total
    /// (spot + earn) and price: the trend value, read several times a cycle, is then a sum over
    /// two arrays instead of three lookups per member. Kept up to date by every move.
    private let members: [UniverseMember]
    private var memberTotals: [Double]
    private let memberPrices: [Double]

    /// Spot + Simple Earn of USDT, BNB and BTC, read several times a cycle; kept up to date by every move.
    private var usdtTotal = 0.0
    private var bnbTotal = 0.0
    private var btcTotal = 0.0
    private let bnbPrice: Double
    private let btcPrice: Double

    /// No balance and no price: the wallet before the account is read.
    static let empty = Wallet(spot: [:], earn: [:], prices: [:])

    /// `memberPrices`, when the caller has them, are `members`' prices in their order (else
    /// each is looked up in `prices`).
    init(spot: [String: SpotBalance], earn: [String: EarnPosition], prices: [String: Double], members: [UniverseMember] = [],
         memberPrices: [Double]? = nil) {
        self.spot = spot
        self.earn = earn
        self.prices = prices
        self.members = members
        self.memberTotals = []
        self.memberPrices = memberPrices ?? members.map { prices[$0.symbol] ?? 0 }
        self.bnbPrice = prices[UniverseMember.bnb.symbol] ?? 0
        self.btcPrice = prices[UniverseMember.btc.symbol] ?? 0
        self.memberTotals = members.map { total($0.baseAsset) }
        for asset in ["USDT", "BNB", "BTC"] { refreshKeptTotals(of: asset) }
    }

    /// Spot + Simple Earn of `asset`, in the asset's units.
    func total(_ asset: String) -> Double {
        (spot[asset]?.total ?? 0) + earnAmount(asset)
    }

    /// The Simple Earn amount of `asset`, 0 without a position: an account holds a few
    /// positions at most (USDT's buffer), so they are scanned rather than hashed.
    private func earnAmount(_ asset: String) -> Double {
        guard earn.count <= 4 else { return earn[asset]?.totalAmount ?? 0 }
        for (held, position) in earn where held == asset { return position.totalAmount }
        return 0
    }

    /// Spot + Simple Earn of BTC.
    var btc: Double { btcTotal }

    func spotFree(_ asset: String) -> Double { spot[asset]?.free ?? 0 }

    /// What can be sold of `asset`: spot free plus Simple Earn (a locked amount cannot be sold,
    /// and asking for it would fail the whole order).
    func sellable(_ asset: String) -> Double { spotFree(asset) + earnAmount(asset) }

    /// u_total (docs/strategy.md#balances-and-equity): spot + earn USDT.
    var cash: Double { usdtTotal }

    /// The BNB fuel's value in USDT.
    var fuelValue: Double { bnbTotal * bnbPrice }

    func value(of member: UniverseMember) -> Double { total(member.baseAsset) * (prices[member.symbol] ?? 0) }

    /// The members' values summed in universe order (from the kept figures when `universe` is
    /// the one the wallet was read for).
    func trendValue(universe: [UniverseMember]) -> Double {
        guard universe == members else { return universe.reduce(0) { $0 + value(of: $1) } }
        var sum = 0.0
        for index in memberTotals.indices { sum += memberTotals[index] * memberPrices[index] }
        return sum
    }

    var dcaValue: Double { btcTotal * btcPrice }

    /// Each member's total (spot + earn), in `universe` order.
    func totals(of universe: [UniverseMember]) -> [Double] {
        universe == members ? memberTotals : universe.map { total($0.baseAsset) }
    }

    /// Books a fill: a buy spends its quote and receives the quantity net of a commission paid
    /// in the bought asset; a sell gives up the quantity and receives the quote.
    mutating func book(_ fill: OrderFill, side: OrderSide, baseAsset: String) {
        switch side {
        case .buy:
            adjustSpot("USDT", by: -fill.quoteQuantity)
            adjustSpot(baseAsset, by: max(0, fill.executedQuantity - fill.commissionInBaseAsset))
        case .sell:
            adjustSpot(baseAsset, by: -fill.executedQuantity)
            adjustSpot("USDT", by: fill.quoteQuantity)
        }
    }

    /// Moves `amount` between spot and Simple Earn (positive: into Earn).
    mutating func moveToEarn(_ asset: String, amount: Double, productId: String) {
        adjustSpot(asset, by: -amount)
        var position = earn[asset] ?? EarnPosition(productId: productId, totalAmount: 0)
        position.totalAmount = max(0, position.totalAmount + amount)
        earn[asset] = position
        refreshKeptTotals(of: asset)
    }

    private mutating func adjustSpot(_ asset: String, by delta: Double) {
        var balance = spot[asset] ?? SpotBalance(free: 0, locked: 0)
        balance.free = max(0, balance.free + delta)
        spot[asset] = balance
        refreshKeptTotals(of: asset)
    }

    /// Brings every kept figure of `asset` up to date with its balances.
    private mutating func refreshKeptTotals(of asset: String) {
        let total = total(asset)
        switch asset {
        case "USDT": usdtTotal = total
        case "BNB": bnbTotal = total
        case "BTC": btcTotal = total
        default: break
        }
        for index in members.indices where members[index].baseAsset == asset {
            memberTotals[index] = total
        }
    }
}

extension UniverseMember {
    static let btc = UniverseMember(symbol: "BTCUSDT", baseAsset: "BTC", isRetired: false)
    static let bnb = UniverseMember(symbol: "BNBUSDT", baseAsset: "BNB", isRetired: false)
}
