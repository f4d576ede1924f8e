import Testing
import Engine
import Strategy

/// docs/configuration.md and its [fix]: every malformed value is an error naming the variable.
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

/// Issue 14: `RUNTIME_TARGET_JSON`, the original's runtime target, with its contract.
@Suite struct RuntimeTargetTests {
    let live = #"{"platform_id": "binance", "strategy_profile": "crypto_live_pool_rotation", "dry_run_only": false, "execution_mode": "live", "service_name": "binance-prod", "account_selector": ["main"]}"#

    @Test func theTargetDecidesProfileDryRunAndServiceName() throws {
        let config = try Config.parse(["RUNTIME_TARGET_JSON": live])
        #expect(config.dryRun == false)
        #expect(config.strategyProfile == Config.supportedProfile)
        #expect(config.serviceName == "binance-prod")
        #expect(config.runtimeTarget.json["execution_mode"] == "live")
        #expect(config.runtimeTarget.json["account_selector"] == ["main"])
    }

    @Test func variablesThatAgreeAreAccepted() throws {
        let config = try Config.parse(["RUNTIME_TARGET_JSON": live, "BINANCE_DRY_RUN": "false", "STRATEGY_PROFILE": Config.supportedProfile])
        #expect(config.dryRun == false)
    }

    @Test func aDryRunSwitchThatDisagreesFailsClosedNamingIt() {
        let error = #expect(throws: ConfigurationError.self) { try Config.parse(["RUNTIME_TARGET_JSON": live, "BINANCE_DRY_RUN": "true"]) }
        #expect(error?.variable == "BINANCE_DRY_RUN")
    }

    @Test(arguments: [
        "{not json", "[1, 2]", #"{"strategy_profile": "crypto_live_pool_rotation", "dry_run_only": true}"#,
        #"{"platform_id": "ibkr", "strategy_profile": "crypto_live_pool_rotation", "dry_run_only": true}"#,
        #"{"platform_id": "binance", "dry_run_only": true}"#,
        #"{"platform_id": "binance", "strategy_profile": "other_profile", "dry_run_only": true}"#,
        #"{"platform_id": "binance", "strategy_profile": "crypto_live_pool_rotation"}"#,
        #"{"platform_id": "binance", "strategy_profile": "crypto_live_pool_rotation", "dry_run_only": "maybe"}"#,
        #"{"platform_id": "binance", "strategy_profile": "crypto_live_pool_rotation", "dry_run_only": true, "execution_mode": "live"}"#,
        #"{"platform_id": "binance", "strategy_profile": "crypto_live_pool_rotation", "dry_run_only": true, "account_selector": 3}"#,
    ])
    func aTargetThatBreaksTheContractIsRefusedNamingTheVariable(_ json: String) {
        let error = #expect(throws: ConfigurationError.self) { try Config.parse(["RUNTIME_TARGET_JSON": json]) }
        #expect(error?.variable == "RUNTIME_TARGET_JSON")
    }

    @Test func withoutTheVariableTheTargetComesFromTheOthers() throws {
        let config = try Config.parse(["BINANCE_DRY_RUN": "false", "SERVICE_NAME": "svc"])
        #expect(config.runtimeTarget == RuntimeTarget(strategyProfile: Config.supportedProfile, dryRunOnly: false, deploymentSelector: "default",
                                                      accountSelector: ["default"], accountScope: "default", serviceName: "svc"))
        #expect(try Config.parse(["RUNTIME_TARGET_JSON": "  "]).dryRun == true, "blank is unset")
    }
}

/// Issue 14 / docs/commands.md#trading-modes-staged-exposure-version: EXPOSURE_CAP.
@Suite struct ExposureCapSettingTests {
    @Test(arguments: ["0", "1.5", "-0.25", "abc", "0x1", "1e-1", " "])
    func anOutOfRangeOrMalformedCapIsRefused(_ value: String) throws {
        if value.trimmingCharacters(in: .whitespaces).isEmpty {
            #expect(try Config.parse(["EXPOSURE_CAP": value]).exposureCap == 1, "blank is unset")
            return
        }
        let error = #expect(throws: ConfigurationError.self) { try Config.parse(["EXPOSURE_CAP": value]) }
        #expect(error?.variable == "EXPOSURE_CAP")
    }

    @Test func aQuarterCapSizesTheSleevesOnAQuarterOfEquity() throws {
        #expect(try Config.parse(["EXPOSURE_CAP": "0.25"]).exposureCap == 0.25)
        let full = Allocation(cash: 10_000, fuelValue: 0, trendValue: 0, dcaValue: 0)
        let quarter = Allocation(cash: 10_000, fuelValue: 0, trendValue: 0, dcaValue: 0, exposureCap: 0.25)
        #expect(abs(quarter.trendPool - full.trendPool * 0.25) < 1e-9)
        #expect(abs(quarter.dcaPool - full.dcaPool * 0.25) < 1e-9)
        #expect(quarter.btcTargetRatio == full.btcTargetRatio, "the BTC ratio follows the full equity")
        #expect(quarter.btcBaseOrder == max(StrategyConstants.minimumOrderBudget, full.btcBaseOrder * 0.25))
    }
}
