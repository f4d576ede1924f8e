import Foundation
import Strategy

/// A price or balance the cycle cannot trade on; named so the operator can find it.
public struct MarketDataError: Error, Equatable, CustomStringConvertible {
    public let item: String
    public let problem: String
    public var description: String {
        "Market data rejected: \(item) \(problem). No trade was made on it; check the exchange (or the fixture) for this input."
    }
}

/// Step 4: balances, prices, fuel top-up, BTC snapshot and trend indicators (docs/strategy.md#market-inputs).
extension CycleDecisions {
    static let btcRetryDelays: [Double] = [5, 15]

    /// Balances, earn positions, prices, rules and klines are requested together (one round
    /// trip of latency against a remote exchange); they are then checked in a fixed order.
    mutating func readMarket() throws -> MarketSnapshot {
        let assets = ["USDT", "BNB", "BTC"] + universe.map(\.baseAsset)
        let tradedSymbols = symbols + ["BTCUSDT", "BNBUSDT"]
        let read = world.readAccount(AccountReadRequest(assets: assets, tradedSymbols: tradedSymbols, analysed: symbols))
        let spot = try read.spot.get()
        for (asset, balance) in spot where !(balance.free.isFinite && balance.locked.isFinite && balance.free >= 0 && balance.locked >= 0) {
            throw MarketDataError(item: "balance of \(asset)", problem: "is \(balance.free) free / \(balance.locked) locked")
        }
        var earn: [String: EarnPosition] = [:]
        switch read.earn {
        case .success(let positions): earn = positions
        case .failure(let error):
            // A ban or a 429 given up on is not "counted as 0": the cycle stops (issue 21 #10).
            try stopIfTheExchangeRefusedTheRun()
            say(messages.text(.earnBalanceLookupFailed, [.asset: assets.joined(separator: ","), .error: "\(error)"]))
        }
        for (asset, position) in earn where !(position.totalAmount.isFinite && position.totalAmount >= 0) {
            throw MarketDataError(item: "Simple Earn balance of \(asset)", problem: "is \(position.totalAmount)")
        }
        let quoted = try read.prices.get()
        // The traded symbols start with the universe's, in its order.
        let tradedPrices = tradedSymbols.map { quoted[$0] }
        // A pool symbol the exchange does not price (not listed, delisted): the pool's rung is
        // unusable, not the cycle; the caller falls back down the ladder.
        let unpriced = universe.indices.filter { !universe[$0].isRetired && tradedPrices[$0] == nil }.map { universe[$0].symbol }
        if !unpriced.isEmpty { throw UnusablePoolError.unpriced(symbols: unpriced) }
        for (symbol, price) in zip(tradedSymbols, tradedPrices) {
            guard let price else { throw MarketDataError(item: "price of \(symbol)", problem: "is absent") }
            guard price.isFinite, price > 0 else { throw MarketDataError(item: "price of \(symbol)", problem: "is \(price)") }
        }
        wallet = Wallet(spot: spot, earn: earn, prices: quoted, members: universe,
                        memberPrices: tradedPrices[..<universe.count].map { $0 ?? 0 })
        // A read of the traded symbols only (the usual answer) is kept as it is.
        diagnostics.prices = quoted.keys.allSatisfy(tradedSymbols.contains) ? quoted : quoted.filter { tradedSymbols.contains($0.key) }
        var rules: [String: SymbolRules] = [:]
        switch read.rules {
        case .success(let read): rules = read
        case .failure(let error):
            try stopIfTheExchangeRefusedTheRun()
            say(messages.text(.exchangeRulesUnavailable, [.error: "\(error)"]))
        }
        // The pool's base asset must be the one the exchange lists: valuing USDT as SOL (a pool
        // that says so) would size every order of the cycle on a made-up balance.
        for member in universe where !member.isRetired {
            if let listed = rules[member.symbol]?.listing?.baseAsset, listed != member.baseAsset {
                throw UnusablePoolError.listedBaseAssetDiffers(symbol: member.symbol, pool: member.baseAsset, listed: listed)
            }
        }

        if wallet.fuelValue < StrategyConstants.fuelMinimumValue, wallet.cash >= StrategyConstants.fuelTopUpAmount {
            try topUpFuel(bnbPrice: quoted["BNBUSDT"] ?? 0, rules: rules)
        }

        world.indicatorsRead()
        let btc = try loadBTCSnapshot(price: quoted["BTCUSDT"] ?? 0)
        diagnostics.btcSnapshot = btc
        let indicators = try world.trendIndicators(symbols: symbols)
        diagnostics.indicators = indicators
        return MarketSnapshot(rules: rules, btc: btc, indicators: indicators)
    }

    /// Dynamic USDT buffer target (`CycleRules.bufferTarget`), from the cash read at step 4.
    func usdtBufferTarget(cash: Double) -> Double {
        CycleRules.bufferTarget(cash: cash)
    }

    /// Buys 15 USDT of BNB (a failure is alerted and the cycle goes on).
    private mutating func topUpFuel(bnbPrice: Double, rules: [String: SymbolRules]) throws {
        let amount = StrategyConstants.fuelTopUpAmount
        let clientId = nextClientOrderId(prefix: "F_BUY", symbol: "BNBUSDT")
        report.tradeIntents.append(TradeIntent(category: .fuel, action: .buy, symbol: "BNBUSDT", quoteOrderQty: amount, clientOrderId: clientId))
        let fill = try execute(OrderTicket(
            member: .bnb, side: .buy, size: .quote(OrderSizing.decimal(amount)), price: bnbPrice, rules: rules["BNBUSDT"],
            clientOrderId: clientId, purpose: .fuelBuy,
            category: .fuel, subject: .fuelTopUp, unavailable: .usdtUnavailableForBnbTopUp
        ))
        if fill != nil { say(messages.text(.bnbTopUpCompleted)) }
    }

    /// The BTC snapshot, retried per configuration (waits 5 s, then 15 s); fails the cycle if still missing.
    private mutating func loadBTCSnapshot(price: Double) throws -> BTCSnapshot {
        let attempts = config.btcSnapshotMaxAttempts
        for attempt in 1...attempts {
            if var snapshot = try world.btcSnapshot(btcPrice: price) {
                applyCycleIndicatorOverrides(&snapshot)
                return snapshot
            }
            if attempt < attempts {
                let delay = Self.btcRetryDelays[min(attempt - 1, Self.btcRetryDelays.count - 1)]
                say(messages.text(.btcDailyRetrying, [.attempt: "\(attempt + 1)", .maxAttempts: "\(attempts)", .delay: Format.fixed(delay, 0)]))
                try world.sleep(seconds: delay)
            }
        }
        throw CycleStepError(message: messages.text(.btcIndicatorsInsufficient))
    }

    private mutating func applyCycleIndicatorOverrides(_ snapshot: inout BTCSnapshot) {
        guard let (label, read) = world.cycleIndicatorOverrides() else { return }
        do {
            let fields = try read.get()
            if let ahr = fields["ahr999"] { snapshot.ahr999 = ahr }
            for key in ["ahr999_gma", "mayer_multiple", "mvrv_zscore", "ahr999_estimate_price", "drawdown_252d", "sma200_gap"] {
                if let value = fields[key] { snapshot.extras[key] = value }
            }
            say(messages.text(.btcCycleIndicatorsLoaded, [.path: label, .ahr999: Format.fixed(snapshot.ahr999, 4)]))
        } catch {
            say(messages.text(.btcCycleIndicatorsFailed, [.path: label, .error: "\(error)"]))
        }
    }
}

/// The resolved pool names symbols the exchange cannot price (not listed or delisted).
/// The pool describes symbols the exchange cannot trade as described; its rung is refused and
/// the ladder resolved again (docs/strategy.md#the-ladder).
enum UnusablePoolError: Error, CustomStringConvertible {
    /// The exchange has no price for these pool symbols (not listed, delisted).
    case unpriced(symbols: [String])
    /// The exchange lists `symbol` with another base asset than the pool says.
    case listedBaseAssetDiffers(symbol: String, pool: String, listed: String)

    var symbols: [String] {
        switch self {
        case .unpriced(let symbols): symbols
        case .listedBaseAssetDiffers(let symbol, _, _): [symbol]
        }
    }

    func reason(rung: PoolRung, messages: MessageCatalog) -> String {
        switch self {
        case .unpriced(let symbols):
            messages.text(.poolRungUnpriced, [.label: rung.rawValue, .symbol: symbols.joined(separator: ", ")])
        case .listedBaseAssetDiffers(let symbol, let pool, let listed):
            messages.text(.poolRungListedBaseMismatch, [.label: rung.rawValue, .symbol: symbol, .baseAsset: pool, .declared: listed])
        }
    }

    var description: String {
        switch self {
        case .unpriced(let symbols): "the exchange has no price for \(symbols.joined(separator: ", ")), so the pool that names it cannot be traded"
        case .listedBaseAssetDiffers(let symbol, let pool, let listed): "the pool says \(symbol) trades \(pool); the exchange lists \(listed)"
        }
    }
}

/// A step could not go on; the message is already in the operator's language.
struct CycleStepError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
