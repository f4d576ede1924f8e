import Foundation

/// Everything the engine reads from the environment (SPEC §2), parsed once and validated.
/// Names are the original's, so operators migrate without renaming anything.
public struct Config: Sendable, Equatable {
    public enum Language: String, Sendable, Equatable { case en, zh }

    public static let supportedProfile = "crypto_live_pool_rotation"

    public var strategyProfile: String
    public var dryRun: Bool
    public var notifyLanguage: Language
    /// Hours between heartbeat reports, 1…24.
    public var statusReportIntervalHours: Int
    /// Attempts at the BTC snapshot, 1…5 (waits 5 s, then 15 s).
    public var btcSnapshotMaxAttempts: Int
    public var artifactCollection: String
    public var artifactDocument: String
    public var artifactFile: String?
    /// Freshness window of the upstream artifact, in days (≥ 0).
    public var artifactMaxAgeDays: Int
    public var artifactAcceptableModes: [String]
    /// Expected pool size of the artifact (≥ 1).
    public var artifactExpectedSize: Int
    public var allowNewEntriesOnDegraded: Bool
    public var btcCycleIndicatorsPath: String?
    public var serviceName: String
    public var telegram: TelegramTarget?
    public var binanceCredentials: BinanceCredentials?
    /// How long a cycle's single-writer lease lasts, in seconds (60…86,400).
    public var leaseSeconds: Int
    /// Binance REST base URL (`BINANCE_BASE_URL`; the spot testnet works too).
    public var binanceBaseURL: String
    /// `recvWindow` of signed Binance requests in milliseconds (`BINANCE_RECV_WINDOW`, 1…60,000).
    public var binanceRecvWindowMilliseconds: Int

    /// Where the state document, lease and journal live (`STATE_BACKEND`).
    public var stateBackend: StateBackend = .local
    /// Google service account for Firestore (`GOOGLE_APPLICATION_CREDENTIALS`); also enables the
    /// Firestore upstream rung of the ladder.
    public var googleCredentialsFile: String?
    /// Overrides the key's project (`GOOGLE_CLOUD_PROJECT`).
    public var googleProject: String?
    public var firestoreBaseURL = "https://firestore.googleapis.com"
    public var firestoreDatabase = "(default)"
    /// The state document in Firestore (`STATE_FIRESTORE_COLLECTION` / `STATE_FIRESTORE_DOCUMENT`).
    public var stateCollection = "strategy"
    public var stateDocument = "MULTI_ASSET_STATE"
    public var telegramBaseURL = "https://api.telegram.org"
    /// `CYCLE_LOG_FORMAT` / `CYCLE_LOG_LEVEL`.
    public var log = LogSettings.defaults

    public enum StateBackend: String, Sendable, Equatable { case local, firestore }

    /// Telegram bot token and chat; the token is a secret and never printed.
    public struct TelegramTarget: Sendable, Equatable, CustomStringConvertible {
        public var token: String
        public var chatId: String
        public var description: String { "Telegram(chat: \(chatId), token: <redacted>)" }

        public init(token: String, chatId: String) {
            self.token = token
            self.chatId = chatId
        }
    }

    /// Binance API key with either an HMAC secret or a private key file; never printed.
    public struct BinanceCredentials: Sendable, Equatable, CustomStringConvertible {
        public var apiKey: String
        public var apiSecret: String?
        public var privateKeyFile: String?
        public var description: String { "BinanceCredentials(<redacted>)" }
    }

    public static let defaults = Config(
        strategyProfile: supportedProfile, dryRun: true, notifyLanguage: .en,
        statusReportIntervalHours: 24, btcSnapshotMaxAttempts: 3,
        artifactCollection: "strategy", artifactDocument: "CRYPTO_LIVE_POOL_ROTATION_LIVE_POOL",
        artifactFile: nil, artifactMaxAgeDays: 45, artifactAcceptableModes: ["core_major"],
        artifactExpectedSize: 5, allowNewEntriesOnDegraded: false, btcCycleIndicatorsPath: nil,
        serviceName: "binance-platform", telegram: nil, binanceCredentials: nil,
        leaseSeconds: 900, binanceBaseURL: "https://api.binance.com", binanceRecvWindowMilliseconds: 5000
    )
}
