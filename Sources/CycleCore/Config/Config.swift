import Foundation

/// The cycle's and the strategy's settings (docs/configuration.md), parsed once and validated. Names are the
/// original's, so operators migrate without renaming anything. Each adapter keeps its own
/// settings (`BinanceSettings`, `FirestoreSettings`, `TelegramSettings`, `StoreSettings`,
/// `PaperSettings`); the CLI reads all of them from the environment in one place.
public struct Config: Sendable, Equatable {
    public enum Language: String, Sendable, Equatable { case en, zh }

    public static let supportedProfile = "crypto_live_pool_rotation"

    public var strategyProfile: String
    /// `BINANCE_DRY_RUN`: decide everything, send nothing (the real exchange only).
    public var dryRun: Bool
    public var notifyLanguage: Language
    /// Hours between heartbeat reports, 1…24.
    public var statusReportIntervalHours: Int
    /// Attempts at the BTC snapshot, 1…5 (waits 5 s, then 15 s).
    public var btcSnapshotMaxAttempts: Int
    /// The `local_file` rung's configured path (`STRATEGY_ARTIFACT_FILE`).
    public var artifactFile: String?
    /// Freshness window of the upstream artifact, in days (≥ 0).
    public var artifactMaxAgeDays: Int
    public var artifactAcceptableModes: [String]
    /// Expected pool size of the artifact (≥ 1).
    public var artifactExpectedSize: Int
    public var allowNewEntriesOnDegraded: Bool
    public var btcCycleIndicatorsPath: String?
    public var serviceName: String
    /// How long a cycle's single-writer lease lasts, in seconds (60…86,400); every order renews it.
    public var leaseSeconds: Int
    /// `EXPOSURE_CAP` (docs/commands.md#trading-modes-staged-exposure-version): the share of equity the strategy invests, 0 < cap ≤ 1.
    public var exposureCap: Double = 1
    /// `RUNTIME_TARGET_JSON`, or the target the variables above describe.
    public var runtimeTarget = RuntimeTarget(strategyProfile: supportedProfile, dryRunOnly: true, deploymentSelector: "default",
                                             accountSelector: ["default"], accountScope: "default", serviceName: "binance-platform")

    public static let defaults = Config(
        strategyProfile: supportedProfile, dryRun: true, notifyLanguage: .en,
        statusReportIntervalHours: 24, btcSnapshotMaxAttempts: 3,
        artifactFile: nil, artifactMaxAgeDays: 45, artifactAcceptableModes: ["core_major"],
        artifactExpectedSize: 5, allowNewEntriesOnDegraded: false, btcCycleIndicatorsPath: nil,
        serviceName: "binance-platform", leaseSeconds: 900
    )
}
