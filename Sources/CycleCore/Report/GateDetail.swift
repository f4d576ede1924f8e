import Strategy

/// The facts a gating event records, typed; the report spells them as JSON (`json`), with the
/// original's keys and its rounding. A backtest keeps them without spelling them.
public enum GateDetail: Sendable, Equatable {
    /// A bare value: a trading mode, a pool rung, the operator's halt reason, a symbol's status.
    case text(String)
    /// A trend buy's budget (USDT).
    case budget(Double)
    /// A position's value (USDT) too small to sell.
    case positionValue(Double)
    /// Candidates were selected, but none may be bought.
    case noEligibleBuy(selectedCandidates: Int, allowsNewEntries: Bool)
    /// No candidate was selected from the pool: what the selection saw, from which the report
    /// says why each symbol was filtered out (worked out only when the report is spelled).
    case noSelectedCandidate(SelectionInputs)
    /// A redemption that spot never showed.
    case redemptionNotCredited(asset: String, needed: Double, waitedSeconds: Double)
    /// Both DCA sleeves are too small to act on.
    case dcaSleeves(pool: Double, value: Double)
    /// The DCA buy's valuation figure.
    case ahr999(Double)
    /// The DCA pool (USDT) below the minimum budget.
    case dcaPool(Double)
    /// The DCA position too small to trim, at this zscore.
    case dcaPosition(value: Double, zscore: Double)
    /// The zscore of a trim already made today.
    case zscore(Double)
    /// An exchange filter the order would break.
    case filter(name: String, detail: String)

    public var json: JSONValue {
        switch self {
        case .text(let text): .string(text)
        case .budget(let budget): ["budget_usdt": .double(roundTo(budget, places: 4))]
        case .positionValue(let value): ["position_value_usdt": .double(roundTo(value, places: 4))]
        case .noEligibleBuy(let selected, let allowsNewEntries):
            ["selected_candidate_count": .int(Int64(selected)), "allow_new_trend_entries": .bool(allowsNewEntries)]
        case .noSelectedCandidate(let inputs):
            ["active_trend_pool_size": .int(Int64(inputs.pool.count)),
             "candidate_filter_reasons": .sortedObject(inputs.filterReasons.mapValues(Self.json))]
        case .redemptionNotCredited(let asset, let needed, let waited):
            ["asset": .string(asset), "needed": .double(roundTo(needed, places: 8)), "waited_s": .double(waited)]
        case .dcaSleeves(let pool, let value):
            ["dca_usdt_pool": .double(roundTo(pool, places: 4)), "dca_val": .double(roundTo(value, places: 4))]
        case .ahr999(let ahr999): ["ahr999": .double(roundTo(ahr999, places: 4))]
        case .dcaPool(let pool): ["dca_usdt_pool": .double(roundTo(pool, places: 4))]
        case .dcaPosition(let value, let zscore):
            ["dca_val": .double(roundTo(value, places: 4)), "zscore": .double(roundTo(zscore, places: 4))]
        case .zscore(let zscore): ["zscore": .double(roundTo(zscore, places: 4))]
        case .filter(let name, let detail): ["filter": .string(name), "detail": .string(detail)]
        }
    }

    /// What the trend selection looked at: the pool, its indicators and prices, BTC's snapshot.
    public struct SelectionInputs: Sendable, Equatable {
        public var pool: [String]
        public var indicators: [String: SymbolIndicators]
        public var prices: [String: Double]
        public var btc: BTCSnapshot?

        /// Why each pool symbol was not selected (`TrendSelector.filterReasons`).
        public var filterReasons: [String: CandidateFilterReport] {
            TrendSelector().filterReasons(pool: pool, indicators: indicators, prices: prices, btc: btc)
        }

        /// Two gates say the same when they name the same pool and the same reasons (an
        /// indicator the selection does not read, such as a symbol's age, does not matter).
        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.pool == rhs.pool && lhs.filterReasons == rhs.filterReasons
        }
    }

    private static func json(_ filter: CandidateFilterReport) -> JSONValue {
        var entry: JSONObject = ["reasons": JSONValue(filter.reasons)]
        entry["relative_score"] = filter.relativeScore.map { .double($0) }
        entry["abs_momentum"] = filter.absoluteMomentum.map { .double($0) }
        return .object(entry)
    }
}
