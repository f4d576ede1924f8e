import Engine
import Foundation
@testable import Paper
import Testing

/// Issue 12: `PAPER_INITIAL_BALANCES` is parsed strictly.
@Suite struct PaperSettingsTests {
    func parse(_ value: String) throws -> PaperSettings {
        try PaperSettings.parse(EnvironmentReader(environment: ["PAPER_INITIAL_BALANCES": value]))
    }

    @Test func plainPairsAreAccepted() throws {
        #expect(try parse("USDT=10000, BNB=0.1").initialBalances == ["USDT": 10_000, "BNB": Decimal(string: "0.1")!])
    }

    @Test(arguments: ["USDT=1 000", "USDT=0x10", "USDT=10000abc", "USDT=-5", "USDT=1e3", "usdt=5", "USDT=", "=5", "USDT=5,USDT=6", "USDT=.5"])
    func anythingElseIsAConfigurationError(_ value: String) {
        #expect(throws: ConfigurationError.self) { try parse(value) }
    }
}
