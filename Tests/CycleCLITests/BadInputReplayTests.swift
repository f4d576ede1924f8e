import Foundation
import Testing
import Engine

/// Bad input gets a clear error, the right exit code, and nothing is lost.
@Suite struct BadInputReplayTests {
    @Test func malformedStateFixtureExits2NamingTheFile() throws {
        let output = try CycleBinary.replay(CycleBinary.bundledFixtures.appendingPathComponent("malformed_state"))
        #expect(output.exitCode == 2)
        let error = output.report?["error_summary"]?["errors"]?.objects.first
        #expect(error?["stage"] == "state_load")
        #expect(error?["message"]?.stringValue?.contains("malformed_state/initial_state_snapshot.json") == true)
    }

    @Test func nanPriceExits1NamingTheSymbol() throws {
        let output = try CycleBinary.replay(CycleBinary.bundledFixtures.appendingPathComponent("bad_price"))
        #expect(output.exitCode == 1)
        let message = output.report?["error_summary"]?["errors"]?.objects.first?["message"]?.stringValue
        #expect(message?.contains("SOLUSDT") == true)
        #expect(output.report?["buy_sell_intents"]?.objects.isEmpty == true)
    }

    /// Issue 12: `age_days: 1e300` in a fixture used to trap (exit 132); the row is unusable instead.
    @Test func anAbsurdAgeInTheMarketFixtureIsNotATrap() throws {
        let fixtures = try CycleBinary.copy(CycleBinary.bundledFixtures)
        let url = fixtures.appendingPathComponent("market_data_snapshot.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        let broken = text.replacingOccurrences(of: "\"age_days\": 720", with: "\"age_days\": 1e300")
        #expect(broken != text, "the fixture has the field this test breaks")
        try broken.write(to: url, atomically: true, encoding: .utf8)
        let output = try CycleBinary.replay(fixtures)
        #expect(!output.killedBySignal && [0, 1].contains(output.exitCode), "\(output.stderr)")
        #expect(output.report?["status"] != nil)
    }

    @Test(arguments: [("BINANCE_DRY_RUN", "ture"), ("STRATEGY_ARTIFACT_MAX_AGE_DAYS", "abc"), ("STRATEGY_PROFILE", "crypto_leader_rotation")])
    func malformedConfigurationExits64NamingTheVariable(_ variable: String, _ value: String) throws {
        let output = try CycleBinary.replay(CycleBinary.bundledFixtures, environment: [variable: value])
        #expect(output.exitCode == 64)
        #expect(output.stderr.contains(variable) && output.stderr.contains(value))
        #expect(output.stdout.isEmpty, "nothing runs on a bad configuration")
    }

    @Test func badUsageExits64() throws {
        #expect(try CycleBinary.replay(CycleBinary.bundledFixtures, extra: ["--now", "yesterday"]).exitCode == 64)
        #expect(try CycleBinary.run(["replay"]).exitCode == 64)
    }

    @Test func missingAccountSnapshotAbortsNamingTheFile() throws {
        let output = try CycleBinary.replay(URL(fileURLWithPath: "/nonexistent-fixtures"))
        #expect(output.exitCode == 2)
        #expect(output.stderr.contains("account_balances_snapshot.json"))
    }

    @Test func unreadableBinancePrivateKeyFileStopsBeforeAnythingIsOpened() throws {
        let state = CycleBinary.scratchStateDirectory()
        let output = try CycleBinary.run(["--state-dir", state.path],
                                         environment: ["BINANCE_API_KEY": "k", "BINANCE_PRIVATE_KEY_FILE": "/nonexistent/binance-key.pem"])
        #expect(output.exitCode == 64)
        #expect(output.stderr.contains("/nonexistent/binance-key.pem"))
        #expect(output.stderr.contains("BINANCE_PRIVATE_KEY_FILE"))
        #expect(!FileManager.default.fileExists(atPath: state.path), "nothing was opened or written")
    }
}
