import BinanceWireFormat
import Engine
import Foundation
import Strategy
import Testing

/// The one mapping of Binance's filters and klines to the Engine's types.
@Suite struct WireMappingTests {
    func rules(_ filters: JSONValue) throws -> SymbolRules {
        try BinanceWire.symbolRules(filters: filters, symbol: "ETHUSDT")
    }

    @Test func aNotionalFilterWithoutApplyMinToMarketApplies() throws {
        let notional = try #require(try rules([["filterType": "NOTIONAL", "minNotional": "5", "maxNotional": "9000"]]).notional)
        #expect(notional.appliesMinToMarket)
        #expect(!notional.appliesMaxToMarket, "an absent applyMaxToMarket leaves the cap off")
        #expect(notional.maxNotional == 9000)
    }

    @Test func aMinNotionalFilterWithoutApplyToMarketApplies() throws {
        let notional = try #require(try rules([["filterType": "MIN_NOTIONAL", "minNotional": "10.00000000"]]).notional)
        #expect(notional.filterName == .minNotional)
        #expect(notional.appliesMinToMarket)
        #expect(notional.minNotional == 10)
    }

    @Test func explicitFlagsAreKeptAndNotionalWinsOverMinNotional() throws {
        let read = try rules([
            ["filterType": "MIN_NOTIONAL", "minNotional": "10", "applyToMarket": true],
            ["filterType": "NOTIONAL", "minNotional": "5", "applyMinToMarket": false],
        ])
        #expect(read.notional?.filterName == .notional)
        #expect(read.notional?.appliesMinToMarket == false)
    }

    @Test func lotSizeWithoutBoundsHasNoBoundsButNeedsAStep() throws {
        let lot = try #require(try rules([["filterType": "LOT_SIZE", "stepSize": "0.01"]]).lotSize)
        #expect(lot.minQty == 0 && lot.maxQty == 0 && lot.stepSize == Decimal(string: "0.01"))
        #expect(throws: WireFormatError.self) { try rules([["filterType": "LOT_SIZE", "minQty": "1"]]) }
        #expect(throws: WireFormatError.self) { try rules([["filterType": "LOT_SIZE", "stepSize": "1e-3x"]]) }
    }

    @Test func fixtureNumbersReadLikeBinanceStrings() throws {
        let lot = try #require(try rules([["filterType": "LOT_SIZE", "stepSize": 0.001, "minQty": 0]]).lotSize)
        #expect(lot.stepSize == Decimal(string: "0.001"))
    }

    @Test func otherFiltersAreIgnored() throws {
        let read = try rules([["filterType": "PRICE_FILTER", "minPrice": "0.01"], ["filterType": "ICEBERG_PARTS", "limit": 10]])
        #expect(read == SymbolRules())
    }

    @Test func klineRowsAreReadStrictly() throws {
        let good: JSONValue = [1_700_000_000_000, "1.5", "2", "1", "1.75", "100", 1_700_086_399_999, "175", 10, "50", "87.5", "0"]
        #expect(BinanceWire.kline(good) == Kline(openTime: 1_700_000_000_000, open: 1.5, high: 2, low: 1, close: 1.75, volume: 100))
        for bad: JSONValue in [
            [1_700_000_000_000, "1.5", "2", "1", "NaN", "100"],
            [1_700_000_000_000, "1.5", "2", "1", "-1", "100"],
            [1.5, "1.5", "2", "1", "1.75", "100"],
            [1_700_000_000_000, "1.5", "2"],
            ["x"],
        ] {
            #expect(BinanceWire.kline(bad) == nil, "\(bad)")
        }
        #expect(throws: WireFormatError.self) { try BinanceWire.klines(from: Data("{}".utf8), what: "klines") }
        #expect(throws: WireFormatError.self) { try BinanceWire.klines(rows: [good, ["x"]], what: "klines") }
    }
}
