import Engine
import Foundation
import Strategy

/// Where the paper exchange gets its market: prices, daily klines and trading rules as of a moment.
public protocol MarketData: Sendable {
    /// Shown to the operator, e.g. `bundled:Fixtures/paper_market`.
    var label: String { get }
    /// The last `days` daily klines opening at or before `now`, oldest first.
    func dailyKlines(symbol: String, days: Int, now: Date) async throws -> [Kline]
    /// The price (USDT) a market order fills at, at `now`; nil when the symbol has none.
    func averagePrice(symbol: String, now: Date) async throws -> Decimal?
    /// The same price as the `Double` the cycle computes with (a market that keeps prices as
    /// `Double` answers without a round trip through `Decimal`).
    func quotedPrice(symbol: String, now: Date) async throws -> Double?
    /// Trading rules and base asset per symbol; a symbol not listed is absent.
    func listings(symbols: [String]) async throws -> [String: Listing]
}

/// One tradable symbol as the exchange lists it.
public struct Listing: Sendable, Equatable {
    public var symbol: String
    public var baseAsset: String
    public var quoteAsset: String
    public var rules: SymbolRules
    public init(symbol: String, baseAsset: String, quoteAsset: String, rules: SymbolRules) {
        self.symbol = symbol
        self.baseAsset = baseAsset
        self.quoteAsset = quoteAsset
        self.rules = rules
    }
}

extension MarketData {
    public func quotedPrice(symbol: String, now: Date) async throws -> Double? {
        try await averagePrice(symbol: symbol, now: now).map(double)
    }
}
