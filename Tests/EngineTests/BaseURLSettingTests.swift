import Engine
import Testing

/// Issue 21 #13: a base URL with a path, or an upper-case scheme, passed validation and then
/// failed every request as "unreachable". One rule for every `*_BASE_URL`: the scheme in any
/// case, written back in lower case; a path refused naming the variable. `HEALTHCHECK_PING_URL`
/// is a full URL: its path is kept, its scheme normalized the same way.
@Suite struct BaseURLSettingTests {
    static let baseURLVariables = ["BINANCE_BASE_URL", "FIRESTORE_BASE_URL", "TELEGRAM_BASE_URL"]

    func parse(_ name: String, _ value: String, allowingPath: Bool = false) throws -> String {
        try EnvironmentReader(environment: [name: value]).httpURL(name, default: "unset", allowingPath: allowingPath)
    }

    @Test(arguments: [("HTTPS://api.binance.com", "https://api.binance.com"), ("Http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
                      ("hTTps://testnet.binance.vision/", "https://testnet.binance.vision"), ("https://api.binance.com", "https://api.binance.com")])
    func theSchemeIsAcceptedInAnyCaseAndWrittenInLowerCase(value: String, expected: String) throws {
        for name in Self.baseURLVariables { #expect(try parse(name, value) == expected, "\(name)") }
    }

    @Test(arguments: ["https://testnet.binance.vision/api", "https://api.binance.com/api/v3", "http://127.0.0.1:8080/prefix/", "HTTPS://host//"])
    func aBaseURLWithAPathIsRefusedNamingTheVariable(value: String) {
        for name in Self.baseURLVariables {
            do {
                _ = try parse(name, value)
                Issue.record("\(name)=\(value) must be refused")
            } catch let error as ConfigurationError {
                #expect(error.variable == name)
                #expect(error.description.contains(name) && error.description.contains("without a path"), "\(error)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    /// A Telegram base URL with the bot path pasted in carries the token: the refusal never echoes it.
    @Test func theRefusedPathIsNotEchoed() {
        do {
            _ = try parse("TELEGRAM_BASE_URL", "https://api.telegram.org/bot123456:SECRET-token")
            Issue.record("a path must be refused")
        } catch {
            #expect(!"\(error)".contains("SECRET") && !"\(error)".contains("123456"), "\(error)")
            #expect("\(error)".contains("https://api.telegram.org/<path not shown>"), "\(error)")
        }
    }

    @Test func thePingURLKeepsItsPathAndNormalizesItsScheme() throws {
        #expect(try parse("HEALTHCHECK_PING_URL", "HTTPS://hc-ping.com/5f1c2d3e-uuid", allowingPath: true) == "https://hc-ping.com/5f1c2d3e-uuid")
        #expect(try parse("HEALTHCHECK_PING_URL", "https://hc-ping.com/5f1c2d3e-uuid/", allowingPath: true) == "https://hc-ping.com/5f1c2d3e-uuid")
        #expect(throws: ConfigurationError.self) { try parse("HEALTHCHECK_PING_URL", "https://hc-ping.com/x?rid=1", allowingPath: true) }
    }
}
