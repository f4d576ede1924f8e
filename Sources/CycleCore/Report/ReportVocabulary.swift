/// The report's fixed vocabulary as types; each raw value (or `wireName`) is what docs/report.md's
/// JSON carries, unchanged.

/// A named reason why something did not happen (`gating_events[].gate`).
public enum Gate: Hashable, Sendable, CustomStringConvertible {
    case trendBuyPausedDegradedMode
    case trendNoSelectedCandidate
    case trendNoEligibleBuy
    case trendBuySoldToday
    case trendBuyBelowMinBudget
    case trendBuyDuplicateCooldown
    case trendBuyZeroOrderSize
    case circuitBreakerSellBelowMinPosition
    case btcDCAPoolTooSmall
    case btcDCABuyValuationGateOff
    case btcDCABuyBelowMinBudget
    case btcDCABuyDuplicateCooldown
    case btcDCASellBelowMinPosition
    case btcDCASellDuplicateCooldown
    /// An order one of the exchange's filters would refuse: `order_filter_<filter>`.
    case orderFilter(ExchangeFilter)
    /// The symbol's exchange status is not `TRADING` (detail: the status).
    case orderSymbolNotTrading
    /// A Simple Earn redemption did not reach spot in time; the order that needed it was not sent.
    case earnRedemptionNotCredited
    /// The trading mode is `halt`: nothing was done (detail: the operator's reason).
    case tradingHalted
    /// The trading mode (`no_new_entries`, `exit_only`) forbids this buy.
    case tradingModeNoNewEntries

    public var wireName: String {
        switch self {
        case .trendBuyPausedDegradedMode: "trend_buy_paused_degraded_mode"
        case .trendNoSelectedCandidate: "trend_no_selected_candidate"
        case .trendNoEligibleBuy: "trend_no_eligible_buy"
        case .trendBuySoldToday: "trend_buy_sold_today"
        case .trendBuyBelowMinBudget: "trend_buy_below_min_budget"
        case .trendBuyDuplicateCooldown: "trend_buy_duplicate_cooldown"
        case .trendBuyZeroOrderSize: "trend_buy_zero_order_size"
        case .circuitBreakerSellBelowMinPosition: "circuit_breaker_sell_below_min_position"
        case .btcDCAPoolTooSmall: "btc_dca_pool_too_small"
        case .btcDCABuyValuationGateOff: "btc_dca_buy_valuation_gate_off"
        case .btcDCABuyBelowMinBudget: "btc_dca_buy_below_min_budget"
        case .btcDCABuyDuplicateCooldown: "btc_dca_buy_duplicate_cooldown"
        case .btcDCASellBelowMinPosition: "btc_dca_sell_below_min_position"
        case .btcDCASellDuplicateCooldown: "btc_dca_sell_duplicate_cooldown"
        case .orderFilter(let filter): "order_filter_" + filter.rawValue.lowercased()
        case .orderSymbolNotTrading: "order_symbol_not_trading"
        case .earnRedemptionNotCredited: "earn_redemption_not_credited"
        case .tradingHalted: "trading_halted"
        case .tradingModeNoNewEntries: "trading_mode_no_new_entries"
        }
    }

    public var description: String { wireName }
}

/// Which part of the strategy a gate or an intent belongs to.
public enum GateCategory: String, Sendable, Equatable {
    case trend
    case btcDCA = "btc_dca"
    case fuel
    /// The operator's trading mode (docs/commands.md#trading-modes-staged-exposure-version).
    case operatorControl = "operator"
}

/// Where a cycle failed (`error_summary.errors[].stage`).
public enum ErrorStage: String, Sendable, Equatable {
    case client
    case stateLoad = "state_load"
    case lease
    case executeCycle = "execute_cycle"
    case notificationDelivery = "notification_delivery"
    /// The cycle overran CYCLE_DEADLINE_SECONDS and was stopped by the watchdog.
    case deadline
}

/// What became of an alert (`notifications[].delivery_status`).
public enum DeliveryStatus: String, Sendable, Equatable {
    /// Dry run: not sent.
    case suppressed
    case sent
    case failed
    /// No alert channel configured: kept in the report's log.
    case logged
}

/// An order intent's direction, in the report's lower case (`buy_sell_intents[].action`).
public enum IntentAction: String, Sendable, Equatable {
    case buy, sell
}

/// A trade intent's sleeve (`buy_sell_intents[].category`).
public enum TradeCategory: String, Sendable, Equatable {
    case trend, fuel
}

/// A Simple Earn move (`redemption_subscription_intents[].action`) and why it was made.
public enum EarnAction: String, Sendable, Equatable {
    case subscribe, redeem
}

public enum EarnReason: String, Sendable, Equatable {
    case maintainUSDTBuffer = "maintain_usdt_buffer"
    case assetAvailability = "asset_availability"
}
