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
        let reader = EnvironmentReader(environment: environment)
        var config = Config.defaults
        config.strategyProfile = try reader.profile("STRATEGY_PROFILE")
        config.dryRun = try reader.bool("BINANCE_DRY_RUN", default: true)
        config.notifyLanguage = try reader.language("NOTIFY_LANG")
        config.statusReportIntervalHours = try reader.int("BTC_STATUS_REPORT_INTERVAL_HOURS", default: 24, clampedTo: 1...24)
        config.btcSnapshotMaxAttempts = try reader.int("BTC_MARKET_SNAPSHOT_MAX_ATTEMPTS", default: 3, clampedTo: 1...5)
        config.artifactCollection = reader.string("STRATEGY_ARTIFACT_FIRESTORE_COLLECTION") ?? config.artifactCollection
        config.artifactDocument = reader.string("STRATEGY_ARTIFACT_FIRESTORE_DOCUMENT") ?? config.artifactDocument
        config.artifactFile = reader.string("STRATEGY_ARTIFACT_FILE")
        config.artifactMaxAgeDays = try reader.int("STRATEGY_ARTIFACT_MAX_AGE_DAYS", default: 45, minimum: 0)
        config.artifactAcceptableModes = try reader.list("STRATEGY_ARTIFACT_ACCEPTABLE_MODES", default: ["core_major"])
        config.artifactExpectedSize = try reader.int("STRATEGY_ARTIFACT_EXPECTED_SIZE", default: 5, minimum: 1)
        config.allowNewEntriesOnDegraded = try reader.bool("STRATEGY_ARTIFACT_ALLOW_NEW_ENTRIES_ON_DEGRADED", default: false)
        config.btcCycleIndicatorsPath = reader.string("BTC_CYCLE_INDICATORS_PATH")
        config.serviceName = reader.string("SERVICE_NAME") ?? config.serviceName
        config.telegram = try reader.telegram()
        config.binanceCredentials = try reader.binanceCredentials()
        config.leaseSeconds = try reader.int("CYCLE_LEASE_SECONDS", default: 900, within: 60...86_400)
        config.binanceBaseURL = try reader.httpURL("BINANCE_BASE_URL", default: config.binanceBaseURL)
        config.binanceRecvWindowMilliseconds = try reader.int("BINANCE_RECV_WINDOW", default: 5000, within: 1...60_000)
        config.stateBackend = try reader.stateBackend("STATE_BACKEND")
        config.googleCredentialsFile = reader.string("GOOGLE_APPLICATION_CREDENTIALS")
        config.googleProject = reader.string("GOOGLE_CLOUD_PROJECT")
        config.firestoreBaseURL = try reader.httpURL("FIRESTORE_BASE_URL", default: config.firestoreBaseURL)
        config.firestoreDatabase = reader.string("FIRESTORE_DATABASE") ?? config.firestoreDatabase
        config.stateCollection = reader.string("STATE_FIRESTORE_COLLECTION") ?? config.stateCollection
        config.stateDocument = reader.string("STATE_FIRESTORE_DOCUMENT") ?? config.stateDocument
        config.telegramBaseURL = try reader.httpURL("TELEGRAM_BASE_URL", default: config.telegramBaseURL)
        config.log = try LogSettings.parse(environment)
        if config.stateBackend == .firestore, config.googleCredentialsFile == nil {
            throw ConfigurationError(variable: "GOOGLE_APPLICATION_CREDENTIALS", value: "",
                                     expected: "the path of a service-account JSON key, since STATE_BACKEND=firestore")
        }
        return config
    }
}

/// Reads and validates single environment variables; every error names the variable.
struct EnvironmentReader {
    let environment: [String: String]

    func string(_ name: String) -> String? {
        guard let raw = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { return nil }
        return raw
    }

    func bool(_ name: String, default fallback: Bool) throws -> Bool {
        guard let raw = string(name) else { return fallback }
        switch raw.lowercased() {
        case "1", "true", "yes", "y", "on": return true
        case "0", "false", "no", "n", "off": return false
        default:
            throw ConfigurationError(variable: name, value: raw, expected: "one of 1/true/yes/y/on or 0/false/no/n/off")
        }
    }

    func int(_ name: String, default fallback: Int, clampedTo range: ClosedRange<Int>) throws -> Int {
        guard let raw = string(name) else { return fallback }
        guard let value = Int(raw) else {
            throw ConfigurationError(variable: name, value: raw, expected: "a whole number (clamped to \(range.lowerBound)…\(range.upperBound))")
        }
        return min(max(value, range.lowerBound), range.upperBound)
    }

    func int(_ name: String, default fallback: Int, minimum: Int) throws -> Int {
        guard let raw = string(name) else { return fallback }
        guard let value = Int(raw), value >= minimum else {
            throw ConfigurationError(variable: name, value: raw, expected: "a whole number ≥ \(minimum)")
        }
        return value
    }

    func int(_ name: String, default fallback: Int, within range: ClosedRange<Int>) throws -> Int {
        guard let raw = string(name) else { return fallback }
        guard let value = Int(raw), range.contains(value) else {
            throw ConfigurationError(variable: name, value: raw, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// An `http(s)://host[:port]` URL without query or fragment.
    func httpURL(_ name: String, default fallback: String) throws -> String {
        guard let raw = string(name) else { return fallback }
        guard let url = URL(string: raw), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              url.host?.isEmpty == false, url.query == nil, url.fragment == nil else {
            throw ConfigurationError(variable: name, value: raw, expected: "an http(s) base URL such as https://api.binance.com or https://testnet.binance.vision")
        }
        return raw.hasSuffix("/") ? String(raw.dropLast()) : raw
    }

    func list(_ name: String, default fallback: [String]) throws -> [String] {
        guard let raw = string(name) else { return fallback }
        let items = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !items.isEmpty else {
            throw ConfigurationError(variable: name, value: raw, expected: "a comma-separated list with at least one item")
        }
        return items
    }

    func profile(_ name: String) throws -> String {
        guard let raw = string(name) else { return Config.supportedProfile }
        guard raw == Config.supportedProfile else {
            throw ConfigurationError(variable: name, value: raw, expected: "\(Config.supportedProfile) (the only profile this engine runs)")
        }
        return raw
    }

    func language(_ name: String) throws -> Config.Language {
        guard let raw = string(name) else { return .en }
        guard let language = Config.Language(rawValue: raw.lowercased()) else {
            throw ConfigurationError(variable: name, value: raw, expected: "en or zh")
        }
        return language
    }

    func stateBackend(_ name: String) throws -> Config.StateBackend {
        guard let raw = string(name) else { return .local }
        guard let backend = Config.StateBackend(rawValue: raw.lowercased()) else {
            throw ConfigurationError(variable: name, value: raw, expected: "local (SQLite in the state folder) or firestore")
        }
        return backend
    }

    func telegram() throws -> Config.TelegramTarget? {
        let token = string("TG_TOKEN")
        let chat = string("GLOBAL_TELEGRAM_CHAT_ID")
        switch (token, chat) {
        case (nil, nil): return nil
        case (let token?, let chat?): return Config.TelegramTarget(token: token, chatId: chat)
        case (nil, let chat?):
            throw ConfigurationError(variable: "TG_TOKEN", value: "", expected: "a bot token, since GLOBAL_TELEGRAM_CHAT_ID=\(chat) is set")
        case (_?, nil):
            throw ConfigurationError(variable: "GLOBAL_TELEGRAM_CHAT_ID", value: "", expected: "a chat id, since TG_TOKEN is set")
        }
    }

    func binanceCredentials() throws -> Config.BinanceCredentials? {
        let key = string("BINANCE_API_KEY")
        let secret = string("BINANCE_API_SECRET")
        let keyFile = string("BINANCE_PRIVATE_KEY_FILE")
        guard let key else {
            if secret != nil || keyFile != nil {
                throw ConfigurationError(variable: "BINANCE_API_KEY", value: "", expected: "the API key that goes with the configured secret or private key file")
            }
            return nil
        }
        guard (secret == nil) != (keyFile == nil) else {
            throw ConfigurationError(
                variable: "BINANCE_API_SECRET", value: secret == nil ? "" : "<redacted>",
                expected: "exactly one of BINANCE_API_SECRET (HMAC) or BINANCE_PRIVATE_KEY_FILE (Ed25519/RSA PEM) alongside BINANCE_API_KEY"
            )
        }
        return Config.BinanceCredentials(apiKey: key, apiSecret: secret, privateKeyFile: keyFile)
    }
}
