import Foundation

/// The exchange filters that decide whether a market order is accepted (Binance filters.md).
public struct SymbolRules: Sendable, Equatable {
    /// LOT_SIZE / MARKET_LOT_SIZE: quantities in base units.
    public struct LotSize: Sendable, Equatable {
        public var minQty: Decimal
        public var maxQty: Decimal
        public var stepSize: Decimal
        public init(minQty: Decimal = 0, maxQty: Decimal = 0, stepSize: Decimal) {
            self.minQty = minQty
            self.maxQty = maxQty
            self.stepSize = stepSize
        }
    }

    /// NOTIONAL (or the older MIN_NOTIONAL): order value bounds in USDT.
    public struct Notional: Sendable, Equatable {
        public var filterName: String
        public var minNotional: Decimal
        public var appliesMinToMarket: Bool
        public var maxNotional: Decimal?
        public var appliesMaxToMarket: Bool
        public init(filterName: String, minNotional: Decimal, appliesMinToMarket: Bool, maxNotional: Decimal? = nil, appliesMaxToMarket: Bool = false) {
            self.filterName = filterName
            self.minNotional = minNotional
            self.appliesMinToMarket = appliesMinToMarket
            self.maxNotional = maxNotional
            self.appliesMaxToMarket = appliesMaxToMarket
        }
    }

    public var lotSize: LotSize?
    public var marketLotSize: LotSize?
    public var notional: Notional?

    public init(lotSize: LotSize? = nil, marketLotSize: LotSize? = nil, notional: Notional? = nil) {
        self.lotSize = lotSize
        self.marketLotSize = marketLotSize
        self.notional = notional
    }
}

/// An order the exchange would reject; it is not sent and becomes a gating event.
public struct FilterViolation: Error, Sendable, Equatable {
    /// The Binance filter's name, e.g. `LOT_SIZE`, `MARKET_LOT_SIZE`, `NOTIONAL`.
    public let filter: String
    public let detail: String

    /// Gating event name: `order_filter_` + the filter in lower case.
    public var gate: String { "order_filter_" + filter.lowercased() }

    public init(filter: String, detail: String) {
        self.filter = filter
        self.detail = detail
    }
}
