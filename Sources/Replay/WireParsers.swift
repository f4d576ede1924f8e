import Engine
import Foundation
import Strategy

/// Binance's kline array: `[openTime, "open", "high", "low", "close", "volume", closeTime, …]`.
public enum KlineParser {
    public static func parse(_ row: JSONValue) -> Kline? {
        guard let fields = row.arrayValue, fields.count >= 6, case .int(let openTime) = fields[0] else { return nil }
        let numbers = fields[1...5].map { $0.numberValue }
        guard numbers.allSatisfy({ $0 != nil && $0!.isFinite && $0! >= 0 }) else { return nil }
        return Kline(openTime: openTime, open: numbers[0]!, high: numbers[1]!, low: numbers[2]!, close: numbers[3]!, volume: numbers[4]!)
    }
}

/// Binance's `filters` array of one symbol (LOT_SIZE, MARKET_LOT_SIZE, NOTIONAL, MIN_NOTIONAL).
public enum SymbolRulesParser {
    public static func parse(filters: [JSONValue]) -> SymbolRules {
        var rules = SymbolRules()
        for filter in filters {
            func decimal(_ key: String) -> Decimal? {
                guard let text = filter[key]?.stringValue ?? filter[key].map({ JSONWriter.string($0) }) else { return nil }
                return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
            }
            switch filter["filterType"]?.stringValue {
            case "LOT_SIZE":
                if let step = decimal("stepSize") { rules.lotSize = .init(minQty: decimal("minQty") ?? 0, maxQty: decimal("maxQty") ?? 0, stepSize: step) }
            case "MARKET_LOT_SIZE":
                if let step = decimal("stepSize") { rules.marketLotSize = .init(minQty: decimal("minQty") ?? 0, maxQty: decimal("maxQty") ?? 0, stepSize: step) }
            case "NOTIONAL":
                rules.notional = .init(filterName: "NOTIONAL", minNotional: decimal("minNotional") ?? 0,
                                       appliesMinToMarket: filter["applyMinToMarket"]?.truthy ?? true,
                                       maxNotional: decimal("maxNotional"), appliesMaxToMarket: filter["applyMaxToMarket"]?.truthy ?? false)
            case "MIN_NOTIONAL":
                if rules.notional == nil {
                    rules.notional = .init(filterName: "MIN_NOTIONAL", minNotional: decimal("minNotional") ?? 0,
                                           appliesMinToMarket: filter["applyToMarket"]?.truthy ?? true)
                }
            default:
                continue
            }
        }
        return rules
    }
}
