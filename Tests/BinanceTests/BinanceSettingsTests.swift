import Binance
import Engine
import Testing

@Suite struct BinanceSettingsTests {
    func parse(_ environment: [String: String]) throws -> BinanceSettings {
        try BinanceSettings.parse(EnvironmentReader(environment: environment))
    }

    @Test func aKeyNeedsExactlyOneSigningSecret() throws {
        #expect(throws: ConfigurationError.self) { try parse(["BINANCE_API_KEY": "k"]) }
        #expect(throws: ConfigurationError.self) { try parse(["BINANCE_API_SECRET": "s"]) }
        #expect(throws: ConfigurationError.self) { try parse(["BINANCE_API_KEY": "k", "BINANCE_API_SECRET": "s", "BINANCE_PRIVATE_KEY_FILE": "/k.pem"]) }
        let settings = try parse(["BINANCE_API_KEY": "k", "BINANCE_API_SECRET": "topsecretvalue"])
        #expect(settings.credentials?.apiSecret == "topsecretvalue")
        #expect(!"\(settings)".contains("topsecretvalue"))
    }

    @Test(arguments: [("BINANCE_BASE_URL", "not a url"), ("BINANCE_RECV_WINDOW", "0"), ("BINANCE_RECV_WINDOW", "abc")])
    func malformedValuesNameTheVariable(_ variable: String, _ value: String) {
        do {
            _ = try parse([variable: value])
            Issue.record("\(variable)=\(value) should be rejected")
        } catch let error as ConfigurationError {
            #expect(error.variable == variable)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
