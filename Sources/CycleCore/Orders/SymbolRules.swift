import Foundation

/// The Binance filters this engine checks a market order against (filters.md).
public enum ExchangeFilter: String, Sendable, Equatable, Hashable {
    case lotSize = "LOT_SIZE"
    case marketLotSize = "MARKET_LOT_SIZE"
    case notional = "NOTIONAL"
    case minNotional = "MIN_NOTIONAL"
}

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
        /// NOTIONAL, or MIN_NOTIONAL where only the older filter is listed.
        public var filterName: ExchangeFilter
        public var minNotional: Decimal
        public var appliesMinToMarket: Bool
        public var maxNotional: Decimal?
        public var appliesMaxToMarket: Bool
        public init(filterName: ExchangeFilter, minNotional: Decimal, appliesMinToMarket: Bool, maxNotional: Decimal? = nil, appliesMaxToMarket: Bool = false) {
            self.filterName = filterName
            self.minNotional = minNotional
            self.appliesMinToMarket = appliesMinToMarket
            self.maxNotional = maxNotional
            self.appliesMaxToMarket = appliesMaxToMarket
        }
    }

    /// How the exchange lists the symbol (exchange info's `baseAsset` and `status`).
    public struct Listing: Sendable, Equatable {
        public var baseAsset: String
        /// `TRADING`, `BREAK`, `HALT`, `CANCEL_ONLY`, …: only `TRADING` accepts new orders.
        public var status: String
        public var isTrading: Bool { status == "TRADING" }
        public init(baseAsset: String, status: String) {
            self.baseAsset = baseAsset
            self.status = status
        }
    }

    public var lotSize: LotSize?
    public var marketLotSize: LotSize?
    public var notional: Notional?
    /// Absent where the source does not say (an old replay fixture): no check is made on it.
    public var listing: Listing?

    public init(lotSize: LotSize? = nil, marketLotSize: LotSize? = nil, notional: Notional? = nil, listing: Listing? = nil) {
        self.lotSize = lotSize
        self.marketLotSize = marketLotSize
        self.notional = notional
        self.listing = listing
    }
}

/// An order the exchange would reject; it is not sent and becomes a gating event.
public struct FilterViolation: Error, Sendable, Equatable {
    public let filter: ExchangeFilter
    public let detail: String

    /// The gate it becomes: `order_filter_` + the filter in lower case.
    public var gate: Gate { .orderFilter(filter) }

    public init(filter: ExchangeFilter, detail: String) {
        self.filter = filter
        self.detail = detail
    }
}
