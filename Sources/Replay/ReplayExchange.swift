import BinanceWireFormat
import Engine
import Foundation
import Strategy

/// The exchange as captured in `account_balances_snapshot.json` (and `klines/`). Replay is a
/// dry run, so the order and earn methods are never reached; they refuse if they are.
public struct ReplayExchange: Exchange {
    private let account: JSONValue
    private let klinesDirectory: URL?
    private let now: Date

    public init(account: JSONValue, klinesDirectory: URL?, now: Date) {
        self.account = account
        self.klinesDirectory = klinesDirectory
        self.now = now
    }

    public func connect() async throws {}

    public func spotBalances() async throws -> [String: SpotBalance] {
        (account["spot_balances"]?.objectValue ?? [:]).mapValues { entry in
            SpotBalance(free: entry["free"]?.numberValue ?? .nan, locked: entry["locked"]?.numberValue ?? 0)
        }.unordered
    }

    public func earnPositions(assets: [String]) async throws -> [String: EarnPosition] {
        var positions: [String: EarnPosition] = [:]
        for asset in assets {
            guard let row = account["earn_positions"]?[asset]?["rows"]?.arrayValue?.first else { continue }
            positions[asset] = EarnPosition(productId: row["productId"]?.stringValue ?? "",
                                            totalAmount: row["totalAmount"]?.numberValue ?? .nan)
        }
        return positions
    }

    public func flexibleProductId(asset: String) async throws -> String? {
        account["earn_product_list"]?[asset]?["rows"]?.arrayValue?.first?["productId"]?.stringValue
    }

    public func averagePrices(symbols: [String]) async throws -> [String: Double] {
        var prices: [String: Double] = [:]
        for symbol in symbols {
            guard let value = account["avg_prices"]?[symbol] else { continue }
            prices[symbol] = value.numberValue ?? .nan
        }
        return prices
    }

    public func symbolRules(symbols: [String]) async throws -> [String: SymbolRules] {
        var rules: [String: SymbolRules] = [:]
        for symbol in symbols {
            guard let info = account["symbol_info"]?[symbol], let filters = info["filters"]?.arrayValue else { continue }
            rules[symbol] = try BinanceWire.symbolRules(filters: .array(filters), symbol: symbol)
            if let base = info["baseAsset"]?.stringValue, let status = info["status"]?.stringValue {
                rules[symbol]?.listing = SymbolRules.Listing(baseAsset: base, status: status)
            }
        }
        return rules
    }

    /// Every row of `klines/SYMBOL.json` whose open time is at or before now (no look-back trimming).
    public func dailyKlines(symbol: String, days: Int) async throws -> [Kline] {
        guard let klinesDirectory else { return [] }
        let url = klinesDirectory.appendingPathComponent("\(symbol).json")
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let rows = try ReplayFixtures.read(url).arrayValue ?? []
        let cutoff = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        return try rows.compactMap { row in
            guard let kline = BinanceWire.kline(row) else {
                throw FixtureError(file: url.relativePath, problem: "has a kline row that is not [openTime, open, high, low, close, volume, …] with finite numbers")
            }
            return kline.openTime <= cutoff ? kline : nil
        }
    }

    public func placeMarketOrder(_ order: MarketOrder) async throws -> OrderFill {
        throw ReplayRefusal(action: "place order \(order.clientOrderId)")
    }

    /// Replay never places orders, so the exchange knows none.
    public func order(symbol: String, clientOrderId: String) async throws -> OrderFill? { nil }
    public func orderInHistory(symbol: String, clientOrderId: String, from start: Date, to end: Date) async throws -> OrderFill? { nil }

    public func subscribeFlexible(productId: String, amount: Decimal) async throws {
        throw ReplayRefusal(action: "subscribe \(amount) to \(productId)")
    }

    public func redeemFlexible(productId: String, amount: Decimal) async throws {
        throw ReplayRefusal(action: "redeem \(amount) from \(productId)")
    }
}

struct ReplayRefusal: Error, CustomStringConvertible {
    let action: String
    var description: String { "replay never executes side effects (asked to \(action))" }
}
