import Strategy

/// What step 4 read of the market, passed forward to every step that decides. Balances and
/// prices live in the run's `Wallet` (the ledger fills move); these do not change in a cycle.
struct MarketSnapshot {
    /// Exchange filters per symbol (empty when they could not be read: then nothing is checked).
    let rules: [String: SymbolRules]
    let btc: BTCSnapshot
    /// Daily indicators per runtime-universe symbol; a symbol without them is absent.
    let indicators: [String: SymbolIndicators]
}
