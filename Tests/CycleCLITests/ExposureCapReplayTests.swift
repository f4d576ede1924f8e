import Engine
import Foundation
import Testing

/// Issue 14 / docs/commands.md#trading-modes-staged-exposure-version: `EXPOSURE_CAP` sizes the strategy on a share of equity.
@Suite struct ExposureCapReplayTests {
    func intents(_ fixtures: URL, cap: String) throws -> (trend: [String: Double], dca: Double?, report: JSONValue) {
        let output = try CycleBinary.replay(fixtures, environment: ["EXPOSURE_CAP": cap])
        let report = try #require(output.report, "\(output.stderr)")
        var trend: [String: Double] = [:]
        for intent in report["buy_sell_intents"]?.objects ?? [] where intent["action"] == "buy" {
            if let symbol = intent["symbol"]?.stringValue, let budget = intent["budget"]?.numberValue { trend[symbol] = budget }
        }
        let dca = report["btc_dca_intents"]?.objects.first { $0["action"] == "buy" }?["budget"]?.numberValue
        return (trend, dca, report)
    }

    @Test func aQuarterCapBuysAQuarterOfTheBudgets() throws {
        // The bundled account, without BTC and with 100,000 USDT more, so neither the DCA pool nor
        // the 15 USDT order floor hides the scaling of the DCA budget.
        let fixtures = try CycleBinary.copy(CycleBinary.bundledFixtures)
        let accountURL = fixtures.appendingPathComponent("account_balances_snapshot.json")
        var account = try #require(try JSONParser.parse(Data(contentsOf: accountURL)).objectValue)
        var spot = try #require(account["spot_balances"]?.objectValue)
        spot["BTC"] = ["free": "0.00000000", "locked": "0.00000000"]
        spot["USDT"] = ["free": "104180.25000000", "locked": "0.00000000"]
        account["spot_balances"] = .object(spot)
        try JSONWriter.string(.object(account), keys: .asStored).write(to: accountURL, atomically: true, encoding: .utf8)

        let full = try intents(fixtures, cap: "1")
        let quarter = try intents(fixtures, cap: "0.25")
        #expect(!full.trend.isEmpty && Set(full.trend.keys) == Set(quarter.trend.keys))
        for (symbol, budget) in full.trend {
            #expect(abs((quarter.trend[symbol] ?? 0) - budget * 0.25) < 1e-6, "\(symbol): \(quarter.trend[symbol] ?? 0) vs \(budget) × 0.25")
        }
        let fullDCA = try #require(full.dca), quarterDCA = try #require(quarter.dca)
        #expect(abs(quarterDCA - fullDCA * 0.25) < 1e-6, "DCA \(quarterDCA) vs \(fullDCA) × 0.25")
        #expect(quarter.report["exposure_cap"] == .double(0.25))
        #expect(full.report["exposure_cap"] == .double(1))
    }

    @Test func aMalformedCapExits64NamingTheVariable() throws {
        let output = try CycleBinary.replay(CycleBinary.bundledFixtures, environment: ["EXPOSURE_CAP": "25%"])
        #expect(output.exitCode == 64)
        #expect(output.stderr.contains("EXPOSURE_CAP"))
    }
}
