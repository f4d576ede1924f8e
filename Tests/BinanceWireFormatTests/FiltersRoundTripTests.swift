import BinanceWireFormat
import Engine
import Foundation
import Testing

/// A recorded cycle keeps its symbol rules as Binance's `filters`; read back they must be the
/// same rules, or a replay would gate differently than the cycle did.
@Suite struct FiltersRoundTripTests {
    @Test(arguments: [
        SymbolRules(lotSize: .init(minQty: Decimal(string: "0.001")!, maxQty: 9000, stepSize: Decimal(string: "0.0001")!),
                    marketLotSize: .init(minQty: 0, maxQty: 500, stepSize: 0),
                    notional: .init(filterName: .notional, minNotional: 5, appliesMinToMarket: true, maxNotional: 9_000_000, appliesMaxToMarket: false)),
        SymbolRules(lotSize: .init(minQty: Decimal(string: "0.00001")!, maxQty: Decimal(string: "92141578.00000000")!, stepSize: Decimal(string: "0.00001")!),
                    notional: .init(filterName: .minNotional, minNotional: 10, appliesMinToMarket: false)),
        SymbolRules(notional: .init(filterName: .notional, minNotional: 1, appliesMinToMarket: false, maxNotional: nil, appliesMaxToMarket: true)),
        SymbolRules(),
    ])
    func rulesReadBackAsTheyWere(_ rules: SymbolRules) throws {
        #expect(try BinanceWire.symbolRules(filters: BinanceWire.filters(rules), symbol: "TESTUSDT") == rules)
    }
}
