import Foundation

/// The cycle's own numbers (docs/strategy.md#the-cycle-step-by-step), besides the strategy's (`StrategyConstants`): named once,
/// read where a step decides. Money in USDT.
package enum CycleRules {
    /// The USDT kept on spot (the buffer): this share of the cash read before the trades …
    static let bufferShare = 0.05
    /// … but never less than this …
    static let bufferFloor = 50.0
    /// … nor more than this.
    static let bufferCeiling = 300.0
    /// Spot USDT within this of the buffer target is left where it is (no Simple Earn move).
    static let bufferBand = 5.0
    /// A surplus smaller than this is not subscribed.
    static let minimumSubscription = 0.1
    /// A redemption made for an order brings its shortfall times this (0.1 % more, for fees and
    /// rounding), plus what the cycle's later orders will need.
    static let redemptionMargin = 1.001
    /// DCA is skipped when neither its USDT pool nor the BTC held is worth more than this.
    static let dcaMinimumSleeve = 10.0
    /// A BTC position worth at most this is not trimmed.
    static let dcaTrimMinimumPosition = 20.0
    /// A balance that moved by more than this since the last cycle is an external flow
    /// (deposit, withdrawal, manual trade): USDT …
    static let externalFlowToleranceUSDT = 1e-4
    /// … and every other asset.
    static let externalFlowToleranceAsset = 1e-8

    /// How far back the end-of-cycle reconciliation checks journaled orders (one day).
    package static let reconciliationJournalWindowSeconds: TimeInterval = 86_400

    /// The buffer target for `cash` (u_total before the trades).
    static func bufferTarget(cash: Double) -> Double {
        max(bufferFloor, min(cash * bufferShare, bufferCeiling))
    }
}
