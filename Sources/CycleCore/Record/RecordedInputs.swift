import Foundation
import Strategy

/// What one cycle's decisions read from the world, as they read it (issue #24): enough to run
/// the same decisions again offline. Kept with the cycle's report; turned into the original's
/// replay fixture files by `Replay.RecordedFixture`.
public struct RecordedInputs: Sendable {
    /// The trading clock's moment.
    public var now: Date
    /// The settings that shaped the decisions and are not strategy constants: the exposure cap,
    /// the operator's language, whether a degraded pool may open new entries.
    public var exposureCap: Double
    public var notifyLanguage: Config.Language
    public var allowNewEntriesOnDegraded: Bool
    /// The state document as loaded (nil: none existed yet; `loadFailure` when it did not load).
    public var state: JSONValue?
    public var loadFailure: String?
    /// The pool the ladder resolved, and from which rung.
    public var pool: PoolResolution?
    /// The account as read at step 4 (a part that failed is absent; its error is in `readFailures`).
    public var spot: [String: SpotBalance]?
    public var earn: [String: EarnPosition]?
    public var prices: [String: Double]?
    public var rules: [String: SymbolRules]?
    public var readFailures: [String: String] = [:]
    /// Simple Earn product ids the cycle looked up (asset → id; nil: none).
    public var productIds: [String: String?] = [:]
    /// The BTC snapshot and trend indicators the cycle computed from klines.
    public var btc: BTCSnapshot?
    public var indicators: [String: SymbolIndicators] = [:]
    /// The BTC cycle-indicator overrides file, when one is configured.
    public var cycleIndicatorOverrides: (label: String, fields: [String: Double])?

    public init(now: Date, config: Config) {
        self.now = now
        exposureCap = config.exposureCap
        notifyLanguage = config.notifyLanguage
        allowNewEntriesOnDegraded = config.allowNewEntriesOnDegraded
    }
}
