import Engine
import Foundation

extension BinanceWire {
    /// A symbol's `filters` as the Engine's rules: LOT_SIZE, MARKET_LOT_SIZE, and NOTIONAL (or the
    /// older MIN_NOTIONAL when NOTIONAL is absent). The one mapping every reader uses.
    ///
    /// Binance's docs give no default for an absent `applyMinToMarket` (NOTIONAL) or
    /// `applyToMarket` (MIN_NOTIONAL). Absent means "applies": an order that might be refused is
    /// not sent (it becomes a gate), the same decision on paper, in replay and live. An absent
    /// `applyMaxToMarket` means the cap does not apply.
    public static func symbolRules(_ filters: [Filter], symbol: String) throws -> SymbolRules {
        var rules = SymbolRules()
        for filter in filters {
            switch filter.filterType {
            case "LOT_SIZE": rules.lotSize = try lotSize(filter, symbol: symbol)
            case "MARKET_LOT_SIZE": rules.marketLotSize = try lotSize(filter, symbol: symbol)
            case "NOTIONAL":
                rules.notional = SymbolRules.Notional(
                    filterName: .notional, minNotional: try number(filter.minNotional, "minNotional", symbol),
                    appliesMinToMarket: filter.applyMinToMarket ?? true,
                    maxNotional: try filter.maxNotional.map { try number($0, "maxNotional", symbol) },
                    appliesMaxToMarket: filter.applyMaxToMarket ?? false
                )
            case "MIN_NOTIONAL" where rules.notional == nil:
                rules.notional = SymbolRules.Notional(
                    filterName: .minNotional, minNotional: try number(filter.minNotional, "minNotional", symbol),
                    appliesMinToMarket: filter.applyToMarket ?? true
                )
            default: continue
            }
        }
        return rules
    }

    /// The rules of a symbol given as JSON (a fixture's or exchange-info file's `filters` array).
    /// Fixtures may write a number where Binance writes a string; it is read the same way.
    public static func symbolRules(filters: JSONValue, symbol: String) throws -> SymbolRules {
        let data = Data(JSONWriter.string(numbersAsText(filters), pretty: false).utf8)
        return try symbolRules(decode([Filter].self, from: data, what: "\(symbol) filters"), symbol: symbol)
    }

    /// An absent minQty or maxQty is no bound (0); the step is required.
    private static func lotSize(_ filter: Filter, symbol: String) throws -> SymbolRules.LotSize {
        SymbolRules.LotSize(minQty: try filter.minQty.map { try number($0, "minQty", symbol) } ?? 0,
                            maxQty: try filter.maxQty.map { try number($0, "maxQty", symbol) } ?? 0,
                            stepSize: try number(filter.stepSize, "stepSize", symbol))
    }

    /// The decimal fields Binance sends as strings; a fixture's number there is read as its text.
    private static let decimalFields: Set<String> = ["minQty", "maxQty", "stepSize", "minNotional", "maxNotional"]

    private static func numbersAsText(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items): return .array(items.map(numbersAsText))
        case .object(let fields):
            var converted = fields
            for (key, field) in fields where decimalFields.contains(key) {
                if case .int = field { converted[key] = .string(JSONWriter.string(field, pretty: false)) }
                if case .double = field { converted[key] = .string(JSONWriter.string(field, pretty: false)) }
            }
            return .object(converted)
        default: return value
        }
    }

    private static func number(_ text: String?, _ field: String, _ symbol: String) throws -> Decimal {
        try decimal(text ?? "", field: "\(symbol) \(field)")
    }
}

extension BinanceWire {
    /// The inverse of `symbolRules(_:symbol:)`: the rules as Binance's `filters` array (decimals
    /// as text, as Binance sends them), so a recorded cycle's rules read back identically.
    public static func filters(_ rules: SymbolRules) -> JSONValue {
        func text(_ value: Decimal) -> JSONValue { .string(value.description) }
        func lot(_ type: String, _ lot: SymbolRules.LotSize) -> JSONValue {
            ["filterType": .string(type), "minQty": text(lot.minQty), "maxQty": text(lot.maxQty), "stepSize": text(lot.stepSize)]
        }
        var filters: [JSONValue] = []
        if let lotSize = rules.lotSize { filters.append(lot("LOT_SIZE", lotSize)) }
        if let marketLotSize = rules.marketLotSize { filters.append(lot("MARKET_LOT_SIZE", marketLotSize)) }
        if let notional = rules.notional {
            switch notional.filterName {
            case .minNotional:
                filters.append(["filterType": "MIN_NOTIONAL", "minNotional": text(notional.minNotional),
                                "applyToMarket": .bool(notional.appliesMinToMarket)])
            default:
                var filter: JSONObject = ["filterType": "NOTIONAL", "minNotional": text(notional.minNotional),
                                          "applyMinToMarket": .bool(notional.appliesMinToMarket), "applyMaxToMarket": .bool(notional.appliesMaxToMarket)]
                if let maximum = notional.maxNotional { filter["maxNotional"] = text(maximum) }
                filters.append(.object(filter))
            }
        }
        return .array(filters)
    }
}
