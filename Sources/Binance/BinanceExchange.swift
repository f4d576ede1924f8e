import BinanceWireFormat
import Engine
import Foundation
import Logging
import Strategy

/// The Engine's `Exchange` on Binance spot + Simple Earn flexible. Account, earn positions
/// and rules come in one request each; average prices (a per-symbol endpoint) concurrently.
/// Orders are checked against the symbol's filters before they are sent.
public struct BinanceExchange: Exchange {
    /// Real tokens whose names start with `LD`; any other `LD…` balance is Simple Earn's mirror of a position.
    public static let realAssetsNamedLD: Set<String> = ["LDO"]

    public let client: BinanceClient
    let memory = BinanceSessionMemory()
    /// Simple Earn product ids known without the product list (weight 150).
    public let earnProducts: EarnProductMemory
    let logger: Logger

    public init(client: BinanceClient, earnProducts: EarnProductMemory = EarnProductMemory(), logger: Logger = CycleLogContext.silent) {
        self.client = client
        self.earnProducts = earnProducts
        self.logger = logger
    }

    public func connect() async throws {
        try await client.synchronizeTime()
    }

    public func runRefusal() async -> String? {
        await client.runRefusal.map { "\($0)" }
    }

    public func spotBalances() async throws -> [String: SpotBalance] {
        try Self.spot(in: try await client.account())
    }

    static func spot(in account: BinanceWire.Account) throws -> [String: SpotBalance] {
        var balances: [String: SpotBalance] = [:]
        for balance in account.balances where !Self.isEarnMirror(balance.asset) {
            let free = try BinanceWire.double(balance.free, field: "\(balance.asset) free", endpoint: .account)
            let locked = try BinanceWire.double(balance.locked, field: "\(balance.asset) locked", endpoint: .account)
            balances[balance.asset] = SpotBalance(free: free, locked: locked)
        }
        return balances
    }

    /// Spot and Simple Earn from one account request (weight 20): each flexible position shows
    /// in the account as its `LD<asset>` mirror, so Simple Earn's own position list (weight 150)
    /// is not read. The mirror is Binance's behaviour, not its documented contract: `cycle
    /// reconcile` compares it with the position list (`earn_mirror`) and fails when they differ.
    public func holdings(earnAssets: [String]) async -> AccountHoldings {
        let account: BinanceWire.Account
        do { account = try await client.account() } catch { return AccountHoldings(spot: .failure(error), earn: .failure(error)) }
        let spot = await Result.capturing { try Self.spot(in: account) }
        return AccountHoldings(spot: spot, earn: await Result.capturing { try await mirroredPositions(account, assets: earnAssets) })
    }

    /// The positions the account's `LD…` mirrors show, each with its product id (remembered, or
    /// looked up once: the product list, weight 150).
    private func mirroredPositions(_ account: BinanceWire.Account, assets: [String]) async throws -> [String: EarnPosition] {
        var positions: [String: EarnPosition] = [:]
        for balance in account.balances where Self.isEarnMirror(balance.asset) {
            let asset = String(balance.asset.dropFirst(2))
            guard assets.contains(asset), positions[asset] == nil else { continue }
            let free = try BinanceWire.double(balance.free, field: "\(balance.asset) free", endpoint: .account)
            let locked = try BinanceWire.double(balance.locked, field: "\(balance.asset) locked", endpoint: .account)
            guard free + locked > 0 else { continue }
            guard let productId = try await flexibleProductId(asset: asset) else {
                // A position in a product no longer listed: Simple Earn's own list names it.
                return try await earnPositions(assets: assets)
            }
            positions[asset] = EarnPosition(productId: productId, totalAmount: free + locked)
        }
        return positions
    }

    /// `LDUSDT` and the like mirror Simple Earn positions, which are read from Simple Earn itself.
    static func isEarnMirror(_ asset: String) -> Bool {
        asset.hasPrefix("LD") && asset.count > 2 && !realAssetsNamedLD.contains(asset)
    }

    public func earnPositions(assets: [String]) async throws -> [String: EarnPosition] {
        var positions: [String: EarnPosition] = [:]
        for row in try await client.flexiblePositions() where assets.contains(row.asset) && positions[row.asset] == nil {
            let amount = try BinanceWire.double(row.totalAmount, field: "\(row.asset) totalAmount", endpoint: .flexiblePositions)
            positions[row.asset] = EarnPosition(productId: row.productId, totalAmount: amount)
        }
        return positions
    }

    /// The remembered id while it is fresh, else the product list's (weight 150), remembered.
    public func flexibleProductId(asset: String) async throws -> String? {
        if let known = await earnProducts.productId(for: asset, now: Date()) { return known }
        guard let listed = try await client.flexibleProducts(asset: asset).first(where: { $0.asset == asset })?.productId else { return nil }
        await earnProducts.remember(listed, for: asset, at: Date())
        return listed
    }

    public func averagePrices(symbols: [String]) async throws -> [String: Double] {
        let client = self.client
        // Child results are a class, not a tuple: see `FetchedKlines` in the Engine for why.
        let prices = try await withThrowingTaskGroup(of: SymbolPrice.self) { group in
            for symbol in Set(symbols) {
                group.addTask {
                    do {
                        let price = try await client.averagePrice(symbol: symbol).price
                        return SymbolPrice(symbol: symbol, price: try BinanceWire.double(price, field: "\(symbol) price", endpoint: .averagePrice))
                    } catch let error as BinanceAPIError where error.code == BinanceErrorCode.invalidSymbol {
                        return SymbolPrice(symbol: symbol, price: nil)
                    }
                }
            }
            var prices: [String: Double] = [:]
            for try await answer in group { if let price = answer.price { prices[answer.symbol] = price } }
            return prices
        }
        await memory.remember(prices: prices)
        return prices
    }

    public func symbolRules(symbols: [String]) async throws -> [String: SymbolRules] {
        try await listings(symbols: symbols).mapValues(\.rules)
    }

    /// Exchange info for `symbols` in one request; when one of them is unknown to Binance
    /// (`-1121` refuses the whole list) the full list is read and filtered instead.
    public func listings(symbols: [String]) async throws -> [String: BinanceListing] {
        let wanted = Array(Set(symbols)).sorted()
        let info: BinanceWire.ExchangeInfo
        do {
            info = try await client.exchangeInfo(symbols: wanted)
        } catch let error as BinanceAPIError where error.code == BinanceErrorCode.invalidSymbol {
            info = try await client.exchangeInfo(symbols: [])
        }
        var listings: [String: BinanceListing] = [:]
        for symbol in info.symbols where wanted.contains(symbol.symbol) {
            listings[symbol.symbol] = try BinanceWire.mapped(.exchangeInfo) { try BinanceListing(symbol) }
        }
        await memory.remember(listings: listings)
        return listings
    }

    /// The last `days` daily klines (today's open one included), oldest first; more than
    /// 1,000 are read in pages going back in time.
    public func dailyKlines(symbol: String, days: Int) async throws -> [Kline] {
        var klines: [Kline] = []
        var endTime: Int64? = nil
        while klines.count < days {
            let page = try await client.dailyKlines(symbol: symbol, limit: min(days - klines.count, 1000), endTime: endTime)
            klines.insert(contentsOf: page, at: 0)
            guard page.count == min(days - (klines.count - page.count), 1000), let first = page.first else { break }
            endTime = first.openTime - 1
        }
        return klines
    }
}

/// What this run already learned (rules, prices, base assets), used to check an order before sending it.
actor BinanceSessionMemory {
    private(set) var listings: [String: BinanceListing] = [:]
    private(set) var prices: [String: Double] = [:]

    func remember(listings: [String: BinanceListing]) { self.listings.merge(listings) { $1 } }
    func remember(prices: [String: Double]) { self.prices.merge(prices) { $1 } }
    func listing(_ symbol: String) -> BinanceListing? { listings[symbol] }
    func price(_ symbol: String) -> Double? { prices[symbol] }
}

/// One symbol's average price; nil when Binance does not list the symbol.
private final class SymbolPrice: Sendable {
    let symbol: String
    let price: Double?

    init(symbol: String, price: Double?) {
        self.symbol = symbol
        self.price = price
    }
}
