import Foundation

/// A configuration value that was given but is wrong. The cycle does nothing (exit 64).
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    public let variable: String
    public let value: String
    public let expected: String

    public init(variable: String, value: String, expected: String) {
        self.variable = variable
        self.value = value
        self.expected = expected
    }

    public var description: String {
        "Configuration error: \(variable)=\"\(value)\" is not valid; expected \(expected). "
            + "Fix or unset \(variable) and run again; nothing was traded."
    }
}

extension Config {
    /// Parses `environment` strictly: an absent or empty variable takes its default, a malformed one throws.
    public static func parse(_ environment: [String: String]) throws -> Config {
        try parse(EnvironmentReader(environment: environment))
    }

    public static func parse(_ reader: EnvironmentReader) throws -> Config {
        var config = Config.defaults
        let profile = reader.string("STRATEGY_PROFILE") == nil ? nil : try reader.profile("STRATEGY_PROFILE")
        let dryRun = reader.string("BINANCE_DRY_RUN") == nil ? nil : try reader.bool("BINANCE_DRY_RUN", default: true)
        config.runtimeTarget = try RuntimeTarget.resolve(reader, profile: profile, dryRun: dryRun)
        config.strategyProfile = config.runtimeTarget.strategyProfile
        config.dryRun = config.runtimeTarget.dryRunOnly
        config.notifyLanguage = try reader.language("NOTIFY_LANG")
        config.statusReportIntervalHours = try reader.int("BTC_STATUS_REPORT_INTERVAL_HOURS", default: 24, clampedTo: 1...24)
        config.btcSnapshotMaxAttempts = try reader.int("BTC_MARKET_SNAPSHOT_MAX_ATTEMPTS", default: 3, clampedTo: 1...5)
        config.artifactFile = reader.string("STRATEGY_ARTIFACT_FILE")
        config.artifactMaxAgeDays = try reader.int("STRATEGY_ARTIFACT_MAX_AGE_DAYS", default: 45, minimum: 0)
        config.artifactAcceptableModes = try reader.list("STRATEGY_ARTIFACT_ACCEPTABLE_MODES", default: ["core_major"])
        config.artifactExpectedSize = try reader.int("STRATEGY_ARTIFACT_EXPECTED_SIZE", default: 5, minimum: 1)
        config.allowNewEntriesOnDegraded = try reader.bool("STRATEGY_ARTIFACT_ALLOW_NEW_ENTRIES_ON_DEGRADED", default: false)
        config.btcCycleIndicatorsPath = reader.string("BTC_CYCLE_INDICATORS_PATH")
        config.serviceName = config.runtimeTarget.serviceName ?? reader.string("SERVICE_NAME") ?? config.serviceName
        config.leaseSeconds = try reader.int("CYCLE_LEASE_SECONDS", default: 900, within: 60...86_400)
        config.exposureCap = try reader.exposureCap("EXPOSURE_CAP")
        return config
    }
}

/// Reads and validates single environment variables; every error names the variable. The
/// Engine's `Config` and every adapter's settings parse through it, so the rules (an empty value
/// is unset, a malformed one is an error naming it) are the same for all.
public struct EnvironmentReader: Sendable {
    public let environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    public func string(_ name: String) -> String? {
        guard let raw = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { return nil }
        return raw
    }

    public func bool(_ name: String, default fallback: Bool) throws -> Bool {
        guard let raw = string(name) else { return fallback }
        switch raw.lowercased() {
        case "1", "true", "yes", "y", "on": return true
        case "0", "false", "no", "n", "off": return false
        default:
            throw ConfigurationError(variable: name, value: raw, expected: "one of 1/true/yes/y/on or 0/false/no/n/off")
        }
    }

    public func int(_ name: String, default fallback: Int, clampedTo range: ClosedRange<Int>) throws -> Int {
        guard let raw = string(name) else { return fallback }
        guard let value = Int(raw) else {
            throw ConfigurationError(variable: name, value: raw, expected: "a whole number (clamped to \(range.lowerBound)…\(range.upperBound))")
        }
        return min(max(value, range.lowerBound), range.upperBound)
    }

    public func int(_ name: String, default fallback: Int, minimum: Int) throws -> Int {
        guard let raw = string(name) else { return fallback }
        guard let value = Int(raw), value >= minimum else {
            throw ConfigurationError(variable: name, value: raw, expected: "a whole number ≥ \(minimum)")
        }
        return value
    }

    public func int(_ name: String, default fallback: Int, within range: ClosedRange<Int>) throws -> Int {
        guard let raw = string(name) else { return fallback }
        guard let value = Int(raw), range.contains(value) else {
            throw ConfigurationError(variable: name, value: raw, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A fraction 0 < x ≤ 1 written as a plain decimal (`0.25`, `1`); default 1.
    public func exposureCap(_ name: String) throws -> Double {
        guard let raw = string(name) else { return 1 }
        guard raw.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let value = Double(raw), value > 0, value <= 1 else {
            throw ConfigurationError(variable: name, value: raw, expected: "a fraction above 0 and at most 1, e.g. 0.25")
        }
        return value
    }

    /// An `http(s)://host[:port]` base URL (every `*_BASE_URL`): no user-info, path, query or
    /// fragment, a port in 1…65535. The scheme may be written in any case and comes back in lower
    /// case (`HTTPS://host` is `https://host`); one trailing `/` is dropped. A path is refused, not
    /// ignored or appended to: the adapters add the API's own paths (`/api/v3/…`) themselves, so
    /// `https://testnet.binance.vision/api` would reach `/api/api/v3/…` and fail every request.
    /// `allowingPath`: a full URL whose path is kept (`HEALTHCHECK_PING_URL`). A password in it
    /// is never echoed back.
    public func httpURL(_ name: String, default fallback: String, allowingPath: Bool = false) throws -> String {
        guard let raw = string(name) else { return fallback }
        let components = URLComponents(string: raw)
        let hasUserInfo = components?.user != nil || components?.password != nil || raw.contains("@")
        guard !hasUserInfo, let url = URL(string: raw), let scheme = url.scheme, ["http", "https"].contains(scheme.lowercased()),
              raw.dropFirst(scheme.count).hasPrefix("://"),
              url.host?.isEmpty == false, url.query == nil, url.fragment == nil,
              components?.port.map({ (1...65_535).contains($0) }) ?? !raw.dropFirst(scheme.count + 3).contains(":") else {
            throw ConfigurationError(variable: name, value: hasUserInfo ? "<redacted: contains user-info>" : Self.quotable(raw),
                                     expected: "an http(s) base URL such as https://api.binance.com or https://testnet.binance.vision (no user:password@, a port from 1 to 65535)")
        }
        let path = components?.percentEncodedPath ?? ""
        guard allowingPath || path.isEmpty || path == "/" else {
            let example = fallback.isEmpty ? "https://api.binance.com" : fallback
            throw ConfigurationError(variable: name, value: Self.quotable(raw), expected: "a base URL without a path, such as \(example): "
                                     + "the engine adds the API's own paths (/api/v3/…, /v1/projects/…, /bot…) itself, so with a path every request would fail")
        }
        let normalized = scheme.lowercased() + raw.dropFirst(scheme.count)
        return normalized.hasSuffix("/") ? String(normalized.dropLast()) : normalized
    }

    /// A URL as an error may quote it: up to its host and port, never a path, query or fragment
    /// (a Telegram path carries the bot token, `/bot<token>`).
    static func quotable(_ raw: String) -> String {
        guard let schemeEnd = raw.range(of: "://") else { return raw.contains("/") ? "<not shown>" : raw }
        guard let cut = raw[schemeEnd.upperBound...].firstIndex(where: { "/?#".contains($0) }) else { return raw }
        return String(raw[..<cut]) + "/<path not shown>"
    }

    public func list(_ name: String, default fallback: [String]) throws -> [String] {
        guard let raw = string(name) else { return fallback }
        let items = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !items.isEmpty else {
            throw ConfigurationError(variable: name, value: raw, expected: "a comma-separated list with at least one item")
        }
        return items
    }

    public func profile(_ name: String) throws -> String {
        guard let raw = string(name) else { return Config.supportedProfile }
        guard raw == Config.supportedProfile else {
            throw ConfigurationError(variable: name, value: raw, expected: "\(Config.supportedProfile) (the only profile this engine runs)")
        }
        return raw
    }

    public func language(_ name: String) throws -> Config.Language {
        guard let raw = string(name) else { return .en }
        guard let language = Config.Language(rawValue: raw.lowercased()) else {
            throw ConfigurationError(variable: name, value: raw, expected: "en or zh")
        }
        return language
    }
}
