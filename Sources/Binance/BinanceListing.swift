import Engine
import Foundation

/// One symbol as Binance's exchange info lists it, with its filters as the Engine's rules.
public struct BinanceListing: Sendable, Equatable {
    public var symbol: String
    public var status: String
    public var baseAsset: String
    public var quoteAsset: String
    /// Decimals Binance accepts in `quoteOrderQty`.
    public var quotePrecision: Int
    public var rules: SymbolRules
    /// NOTIONAL/MIN_NOTIONAL's `avgPriceMins` (0 = last price); the engine checks with the 5-minute average price.
    public var averagePriceMinutes: Int?

    init(_ info: BinanceWire.SymbolInfo) throws {
        symbol = info.symbol
        status = info.status
        baseAsset = info.baseAsset
        quoteAsset = info.quoteAsset
        quotePrecision = info.quoteAssetPrecision ?? 8
        var rules = SymbolRules()
        for filter in info.filters {
            switch filter.filterType {
            case "LOT_SIZE": rules.lotSize = try Self.lotSize(filter, symbol: info.symbol)
            case "MARKET_LOT_SIZE": rules.marketLotSize = try Self.lotSize(filter, symbol: info.symbol)
            case "NOTIONAL":
                rules.notional = SymbolRules.Notional(
                    filterName: "NOTIONAL", minNotional: try Self.number(filter.minNotional, "minNotional", info.symbol),
                    appliesMinToMarket: filter.applyMinToMarket ?? false,
                    maxNotional: try filter.maxNotional.map { try Self.number($0, "maxNotional", info.symbol) },
                    appliesMaxToMarket: filter.applyMaxToMarket ?? false
                )
                averagePriceMinutes = filter.avgPriceMins
            case "MIN_NOTIONAL" where rules.notional == nil:
                rules.notional = SymbolRules.Notional(
                    filterName: "MIN_NOTIONAL", minNotional: try Self.number(filter.minNotional, "minNotional", info.symbol),
                    appliesMinToMarket: filter.applyToMarket ?? false
                )
                averagePriceMinutes = filter.avgPriceMins
            default: continue
            }
        }
        self.rules = rules
    }

    private static func lotSize(_ filter: BinanceWire.Filter, symbol: String) throws -> SymbolRules.LotSize {
        SymbolRules.LotSize(minQty: try number(filter.minQty, "minQty", symbol), maxQty: try number(filter.maxQty, "maxQty", symbol),
                            stepSize: try number(filter.stepSize, "stepSize", symbol))
    }

    private static func number(_ text: String?, _ field: String, _ symbol: String) throws -> Decimal {
        try BinanceWire.decimal(text ?? "", field: "\(symbol) \(field)", endpoint: .exchangeInfo)
    }
}
