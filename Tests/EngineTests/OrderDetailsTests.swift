import Foundation
import Testing
import Engine

/// docs/strategy.md#order-execution-rules and docs/decisions.md: exact decimals, filters, client order ids, fingerprints.
@Suite struct OrderDetailsTests {
    let step = SymbolRules(lotSize: .init(minQty: Decimal(string: "0.001")!, maxQty: 100, stepSize: Decimal(string: "0.0001")!))

    @Test(arguments: [(0.3, "0.3"), (0.29999, "0.2999"), (0.19035, "0.1903"), (1e-05, "0"), (0.1 + 0.2, "0.3")])
    func quantitiesFloorInExactDecimals(_ quantity: Double, _ expected: String) {
        #expect(OrderSizing.text(OrderSizing.floorToStep(quantity, rules: step)) == expected)
    }

    @Test func unknownRulesFloorToFourDecimals() {
        #expect(OrderSizing.text(OrderSizing.floorToStep(2.538333, rules: nil)) == "2.5383")
    }

    @Test func filtersNameTheRuleThatWouldReject() {
        #expect(OrderSizing.check(quantity: Decimal(string: "0.0005")!, price: 100, rules: step)?.filter == .lotSize)
        #expect(OrderSizing.check(quantity: 101, price: 1, rules: step)?.gate == .orderFilter(.lotSize))
        let market = SymbolRules(marketLotSize: .init(minQty: 0, maxQty: 5, stepSize: 0))
        #expect(OrderSizing.check(quantity: 6, price: 1, rules: market)?.filter == .marketLotSize)
        let notional = SymbolRules(notional: .init(filterName: .minNotional, minNotional: 10, appliesMinToMarket: true))
        #expect(OrderSizing.check(quantity: 1, price: 9.99, rules: notional)?.gate == .orderFilter(.minNotional))
        #expect(OrderSizing.check(quantity: 1, price: 10, rules: notional) == nil)
        let notMarket = SymbolRules(notional: .init(filterName: .notional, minNotional: 10, appliesMinToMarket: false))
        #expect(OrderSizing.check(quantity: 1, price: 1, rules: notMarket) == nil)
    }

    @Test(arguments: ["r", "2026-03-15T00:00:00Z-cron-very-long-run-identifier-that-overflows-binance", "ümlaut run/id with spaces"])
    func clientOrderIdsAreValidForAnyRunId(_ runId: String) {
        let factory = ClientOrderIdFactory(runId: runId)
        let ids = (1...50).map { factory.make(prefix: "T_SELL", symbol: "1000SATSUSDTX", sequence: $0) }
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
        for id in ids {
            #expect(id.count <= 36 && id.allSatisfy { allowed.contains($0) }, "\(id)")
        }
        #expect(Set(ids).count == ids.count)
        #expect(ids == (1...50).map { ClientOrderIdFactory(runId: runId).make(prefix: "T_SELL", symbol: "1000SATSUSDTX", sequence: $0) })
        #expect(ClientOrderIdFactory(runId: runId + "x").make(prefix: "T_SELL", symbol: "X", sequence: 1) != factory.make(prefix: "T_SELL", symbol: "X", sequence: 1))
    }

    /// Symbols and prefixes are cut to Binance's alphabet character by character, whatever
    /// they hold (the ASCII fast path must agree with the character filter).
    @Test(arguments: ["BTCUSDT", "1000SATSUSDTXYZ", "BTC/USDT", "ÉTHUSDT", "e\u{301}USDT", "A\r\nB-C_D", "🚀DOGEUSDT", "", "____________"])
    func clientOrderIdsKeepOnlyTheAllowedCharacters(_ symbol: String) {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
        func kept(_ text: String, _ length: Int) -> String { String(text.filter { allowed.contains($0) }.prefix(length)) }
        let factory = ClientOrderIdFactory(runId: "run")
        let digest = factory.make(prefix: "P", symbol: "X", sequence: 1).split(separator: "_")[2]
        #expect(factory.make(prefix: "P", symbol: symbol, sequence: 7) == "P_\(kept(symbol, 10))_\(digest)_007")
        #expect(factory.make(prefix: symbol, symbol: "X", sequence: 1234) == "\(kept(symbol, 6))_X_\(digest)_1234")
    }

    @Test func sha256KnownAnswers() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func lengthsCountCodePointsLikePython() {
        #expect("⚠️".unicodeScalars.count == 2)
    }

    @Test func timestampsCarryAnExplicitOffset() {
        #expect(Date(timeIntervalSince1970: 1_773_532_800).isoWithOffset == "2026-03-15T00:00:00+00:00")
        #expect(Date.parseISO8601("2026-03-15T00:00:00Z") == Date(timeIntervalSince1970: 1_773_532_800))
        #expect(Date.parseISO8601("2026-03-15") == Date(timeIntervalSince1970: 1_773_532_800))
        #expect(Date.parseISO8601("yesterday") == nil)
    }
}
