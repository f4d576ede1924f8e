/// A placeholder of a message template (`{name}`): the only names a caller can fill, so a
/// misspelt field is a compile error rather than a message with a hole in it.
public enum MessageField: String, Sendable, CaseIterable, Hashable {
    case acceptableModes = "acceptable_modes"
    case ageDays = "age_days"
    case ahr
    case ahr999
    case amount
    case applied
    case asOfDate = "as_of_date"
    case asset
    case assets
    case attempt
    case baseAsset = "base_asset"
    case attempts
    case clientOrderId = "client_order_id"
    case count
    case dailyPnl = "daily_pnl"
    case declared
    case delay
    case detail
    case equity
    case error
    case expectedPoolSize = "expected_pool_size"
    case filter
    case gate
    case holder
    case label
    case maxAgeDays = "max_age_days"
    case maxAttempts = "max_attempts"
    case minutes
    case mode
    case name
    case outcome
    case parsed
    case path
    case pnl
    case pool
    case poolSize = "pool_size"
    case purpose
    case runId = "run_id"
    case sourceKind = "source_kind"
    case sourceLabel = "source_label"
    case sourceProject = "source_project"
    case stop
    case symbol
    case target
    case trendPnl = "trend_pnl"
    case trigger
    case value
    case version
    case zscore
}
