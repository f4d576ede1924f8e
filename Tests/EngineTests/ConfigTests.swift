import Testing
import Engine

/// SPEC §2 and its [fix]: every malformed value is an error naming the variable.
@Suite struct ConfigTests {
    @Test func defaultsMatchTheSpec() throws {
        let config = try Config.parse([:])
        #expect(config == Config.defaults)
        #expect(config.dryRun)
        #expect(config.artifactMaxAgeDays == 45 && config.artifactExpectedSize == 5)
        #expect(config.artifactAcceptableModes == ["core_major"])
        #expect(config.leaseSeconds == 900 && config.serviceName == "binance-platform")
    }

    @Test func mistypedDryRunIsRejectedNotTreatedAsLive() {
        #expect(throws: ConfigurationError(variable: "BINANCE_DRY_RUN", value: "ture", expected: "one of 1/true/yes/y/on or 0/false/no/n/off")) {
            try Config.parse(["BINANCE_DRY_RUN": "ture"])
        }
    }

    @Test(arguments: [("1", true), ("TRUE", true), ("yes", true), ("Y", true), ("on", true),
                      ("0", false), ("False", false), ("no", false), ("n", false), ("OFF", false)])
    func booleanForms(_ raw: String, _ expected: Bool) throws {
        #expect(try Config.parse(["BINANCE_DRY_RUN": raw]).dryRun == expected)
    }

    @Test(arguments: [
        ("STRATEGY_ARTIFACT_MAX_AGE_DAYS", "abc"), ("STRATEGY_ARTIFACT_MAX_AGE_DAYS", "-1"), ("STRATEGY_ARTIFACT_EXPECTED_SIZE", "0"),
        ("BTC_STATUS_REPORT_INTERVAL_HOURS", "six"), ("BTC_MARKET_SNAPSHOT_MAX_ATTEMPTS", "3.5"), ("NOTIFY_LANG", "fr"),
        ("STRATEGY_PROFILE", "crypto_leader_rotation"), ("STRATEGY_ARTIFACT_ALLOW_NEW_ENTRIES_ON_DEGRADED", "maybe"),
    ])
    func malformedValueNamesTheVariable(_ variable: String, _ value: String) {
        do {
            _ = try Config.parse([variable: value])
            Issue.record("\(variable)=\(value) should be rejected")
        } catch let error as ConfigurationError {
            #expect(error.variable == variable)
            #expect(error.description.contains(variable) && error.description.contains(value))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func intervalsAreClamped() throws {
        let config = try Config.parse(["BTC_STATUS_REPORT_INTERVAL_HOURS": "48", "BTC_MARKET_SNAPSHOT_MAX_ATTEMPTS": "0"])
        #expect(config.statusReportIntervalHours == 24)
        #expect(config.btcSnapshotMaxAttempts == 1)
    }
}

/// Issue 12: every URL variable is parsed strictly, and a password in one is never echoed.
@Suite struct URLSettingTests {
    func parse(_ value: String) throws -> String {
        try EnvironmentReader(environment: ["BINANCE_BASE_URL": value]).httpURL("BINANCE_BASE_URL", default: "https://api.binance.com")
    }

    @Test(arguments: ["https://api.binance.com", "http://127.0.0.1:8080", "https://testnet.binance.vision/", "http://[::1]:8080"])
    func goodURLsAreAccepted(_ value: String) throws {
        #expect(try parse(value).hasPrefix("http"))
    }

    @Test(arguments: ["http://127.0.0.1:99999", "http://127.0.0.1:0", "ftp://host", "https://host/?q=1", "not a url"])
    func badURLsAreConfigurationErrors(_ value: String) {
        #expect(throws: ConfigurationError.self) { try parse(value) }
    }

    @Test func aURLWithAPasswordIsRefusedWithoutRepeatingIt() {
        do {
            _ = try parse("https://operator:hunter2secret@api.binance.com")
            Issue.record("a URL with user-info must be refused")
        } catch {
            #expect(!"\(error)".contains("hunter2secret"))
            #expect((error as? ConfigurationError)?.variable == "BINANCE_BASE_URL")
        }
    }
}
