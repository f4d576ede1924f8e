import Engine
import Foundation

/// One symbol as Binance's exchange info lists it, with its filters as the Engine's rules.
public struct BinanceListing: Sendable, Equatable {
    public var symbol: String
    /// `TRADING`, `BREAK`, `HALT`, … (only `TRADING` accepts orders).
    public var status: String
    public var baseAsset: String
    public var quoteAsset: String
    /// Decimals Binance accepts in `quoteOrderQty`.
    public var quotePrecision: Int
    public var rules: SymbolRules
    /// NOTIONAL/MIN_NOTIONAL's `avgPriceMins` (0 = last price); the engine checks with the 5-minute average price.
    public var averagePriceMinutes: Int?

    public init(_ info: BinanceWire.SymbolInfo) throws {
        symbol = info.symbol
        status = info.status
        baseAsset = info.baseAsset
        quoteAsset = info.quoteAsset
        quotePrecision = info.quoteAssetPrecision ?? 8
        rules = try BinanceWire.symbolRules(info.filters, symbol: info.symbol)
        rules.listing = SymbolRules.Listing(baseAsset: info.baseAsset, status: info.status)
        averagePriceMinutes = info.filters.first { $0.filterType == "NOTIONAL" }?.avgPriceMins
            ?? info.filters.first { $0.filterType == "MIN_NOTIONAL" }?.avgPriceMins
    }
}
