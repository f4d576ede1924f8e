import Foundation

/// `RUNTIME_TARGET_JSON`: the original engine's runtime target, written by its deployment
/// tooling. When set, it is authoritative for the strategy profile and the dry-run switch, and
/// `STRATEGY_PROFILE` / `BINANCE_DRY_RUN`, when also set, must say the same or the run fails
/// closed (exit 64). When unset or blank, the target is built from those variables, as the
/// original does. Every report carries it as `runtime_target`.
public struct RuntimeTarget: Sendable, Equatable {
    public static let variable = "RUNTIME_TARGET_JSON"
    public static let platformId = "binance"

    public var strategyProfile: String
    public var dryRunOnly: Bool
    public var deploymentSelector: String?
    public var accountSelector: [String]
    public var accountScope: String?
    public var serviceName: String?

    public init(strategyProfile: String, dryRunOnly: Bool, deploymentSelector: String?, accountSelector: [String], accountScope: String?,
                serviceName: String?) {
        self.strategyProfile = strategyProfile
        self.dryRunOnly = dryRunOnly
        self.deploymentSelector = deploymentSelector
        self.accountSelector = accountSelector
        self.accountScope = accountScope
        self.serviceName = serviceName
    }

    /// `paper` for a dry run, `live` otherwise (the original's wording).
    public var executionMode: String { dryRunOnly ? "paper" : "live" }

    public var json: JSONValue {
        [
            "platform_id": .string(Self.platformId), "strategy_profile": .string(strategyProfile), "dry_run_only": .bool(dryRunOnly),
            "deployment_selector": JSONValue(deploymentSelector), "account_selector": JSONValue(accountSelector),
            "account_scope": JSONValue(accountScope), "service_name": JSONValue(serviceName), "execution_mode": .string(executionMode),
        ]
    }

    /// The target for this process. `profile` and `dryRun` are `STRATEGY_PROFILE` and
    /// `BINANCE_DRY_RUN` as parsed (nil when unset).
    static func resolve(_ reader: EnvironmentReader, profile: String?, dryRun: Bool?) throws -> RuntimeTarget {
        guard let raw = reader.string(variable) else {
            return RuntimeTarget(
                strategyProfile: profile ?? Config.supportedProfile, dryRunOnly: dryRun ?? true,
                deploymentSelector: reader.string("DEPLOYMENT_SELECTOR") ?? "default",
                accountSelector: [reader.string("ACCOUNT_SELECTOR") ?? "default"],
                accountScope: reader.string("ACCOUNT_SCOPE") ?? "default",
                serviceName: reader.string("SERVICE_NAME") ?? Config.defaults.serviceName
            )
        }
        let target = try parse(raw)
        if let profile, profile != target.strategyProfile {
            throw ConfigurationError(variable: "STRATEGY_PROFILE", value: profile,
                                     expected: "the strategy_profile of \(variable) (\(target.strategyProfile)), or unset")
        }
        if let dryRun, dryRun != target.dryRunOnly {
            throw ConfigurationError(variable: "BINANCE_DRY_RUN", value: reader.string("BINANCE_DRY_RUN") ?? "",
                                     expected: "the dry_run_only of \(variable) (\(target.dryRunOnly)), or unset")
        }
        return target
    }

    static func parse(_ raw: String) throws -> RuntimeTarget {
        func refuse(_ expected: String) -> ConfigurationError {
            ConfigurationError(variable: variable, value: String(raw.prefix(200)), expected: expected)
        }
        guard let document = try? JSONParser.parse(raw) else { throw refuse("valid JSON") }
        guard let object = document.objectValue else { throw refuse("a JSON object") }
        func text(_ key: String) throws -> String? {
            guard let value = object[key], value != .null else { return nil }
            guard let string = value.stringValue else { throw refuse("\(key) as a string") }
            let trimmed = string.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
        guard try text("platform_id") == platformId else { throw refuse("platform_id \"\(platformId)\"") }
        guard let profile = try text("strategy_profile") else { throw refuse("a strategy_profile") }
        guard profile == Config.supportedProfile else { throw refuse("strategy_profile \"\(Config.supportedProfile)\" (the only one this engine runs)") }
        guard let dryRun = Self.flag(object["dry_run_only"]) else { throw refuse("dry_run_only as true/false (or 1/0, yes/no, on/off)") }
        if let mode = try text("execution_mode")?.lowercased(), mode != (dryRun ? "paper" : "live") {
            throw refuse("execution_mode \"\(dryRun ? "paper" : "live")\" to match dry_run_only \(dryRun)")
        }
        let selector: [String]
        switch object["account_selector"] {
        case nil, .null?: selector = []
        case .string(let one)?: selector = [one]
        case .array(let many)? where many.allSatisfy({ $0.stringValue != nil }): selector = many.compactMap(\.stringValue)
        default: throw refuse("account_selector as a string or a list of strings")
        }
        return RuntimeTarget(strategyProfile: profile, dryRunOnly: dryRun, deploymentSelector: try text("deployment_selector"),
                             accountSelector: selector, accountScope: try text("account_scope"), serviceName: try text("service_name"))
    }

    /// A JSON boolean, a number (non-zero is true) or a flag word, as the original accepts.
    private static func flag(_ value: JSONValue?) -> Bool? {
        switch value {
        case .bool(let flag)?: return flag
        case .int(let number)?: return number != 0
        case .double(let number)? where number.isFinite: return number != 0
        case .string(let word)?:
            switch word.trimmingCharacters(in: .whitespaces).lowercased() {
            case "1", "true", "yes", "y", "on": return true
            case "0", "false", "no", "n", "off": return false
            default: return nil
            }
        default: return nil
        }
    }
}
