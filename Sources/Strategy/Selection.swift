/// A trend target chosen by relative strength (docs/strategy.md#selecting-trend-targets).
public struct TrendCandidate: Sendable, Equatable {
    public let symbol: String
    /// Share of the trend budget, 0…1; the weights of one selection sum to 1.
    public let weight: Double
    public let relativeScore: Double
    public let absoluteMomentum: Double
    public let vol20: Double

    public init(symbol: String, weight: Double, relativeScore: Double, absoluteMomentum: Double, vol20: Double) {
        self.symbol = symbol
        self.weight = weight
        self.relativeScore = relativeScore
        self.absoluteMomentum = absoluteMomentum
        self.vol20 = vol20
    }
}

public enum WeightMode: String, Sendable, Equatable {
    case inverseVolatility = "inverse_vol"
    case equal
}

/// Picks the trend targets from the execution pool.
public struct TrendSelector: Sendable {
    public var topN: Int
    public var weightMode: WeightMode

    public init(topN: Int = StrategyConstants.rotationTopN, weightMode: WeightMode = .inverseVolatility) {
        self.topN = topN
        self.weightMode = weightMode
    }

    /// Targets in descending relative score; empty when the BTC regime is off or momentum is missing.
    public func select(
        pool: [String], indicators: [String: SymbolIndicators], prices: [String: Double], btc: BTCSnapshot
    ) -> [TrendCandidate] {
        guard btc.regimeOn, btc.hasMomentum else { return [] }
        let scored = pool.compactMap { symbol -> Score? in
            guard let row = indicators[symbol], let price = prices[symbol] else { return nil }
            guard price > row.sma20, price > row.sma60, price > row.sma200, row.vol20 > 0 else { return nil }
            let score = Score(symbol: symbol, indicators: row, btc: btc)
            return score.relative > 0 && score.absolute > 0 ? score : nil
        }
        // Stable sort: equal scores keep pool order.
        let ranked = scored.enumerated()
            .sorted { lhs, rhs in
                lhs.element.relative != rhs.element.relative
                    ? lhs.element.relative > rhs.element.relative : lhs.offset < rhs.offset
            }
            .map(\.element)
        let chosen = Array(ranked.prefix(max(1, topN)))
        guard !chosen.isEmpty else { return [] }
        let inverseSum = chosen.reduce(0) { $0 + 1 / $1.vol20 }
        return chosen.map { score in
            let weight = weightMode == .equal ? 1 / Double(chosen.count) : (1 / score.vol20) / inverseSum
            return TrendCandidate(
                symbol: score.symbol, weight: weight, relativeScore: score.relative,
                absoluteMomentum: score.absolute, vol20: score.vol20
            )
        }
    }

    /// Why each pool symbol was not selected (report detail of `trend_no_selected_candidate`).
    public func filterReasons(
        pool: [String], indicators: [String: SymbolIndicators], prices: [String: Double], btc: BTCSnapshot?
    ) -> [String: CandidateFilterReport] {
        var result: [String: CandidateFilterReport] = [:]
        for symbol in pool {
            var reasons: [String] = []
            if btc?.regimeOn != true { reasons.append("btc_regime_off") }
            if btc?.hasMomentum != true { reasons.append("missing_btc_momentum") }
            guard let row = indicators[symbol] else {
                result[symbol] = CandidateFilterReport(reasons: reasons + ["missing_indicators"])
                continue
            }
            guard let price = prices[symbol] else {
                result[symbol] = CandidateFilterReport(reasons: reasons + ["missing_price"])
                continue
            }
            if price <= row.sma20 { reasons.append("price_lte_sma20") }
            if price <= row.sma60 { reasons.append("price_lte_sma60") }
            if price <= row.sma200 { reasons.append("price_lte_sma200") }
            if row.vol20 <= 0 { reasons.append("vol20_lte_zero") }
            var report = CandidateFilterReport(reasons: reasons)
            if let btc, btc.hasMomentum, row.vol20 > 0 {
                let score = Score(symbol: symbol, indicators: row, btc: btc)
                if score.relative <= 0 { report.reasons.append("relative_score_lte_zero") }
                if score.absolute <= 0 { report.reasons.append("abs_momentum_lte_zero") }
                report.relativeScore = roundTo(score.relative, places: 6)
                report.absoluteMomentum = roundTo(score.absolute, places: 6)
            }
            if report.reasons.isEmpty { report.reasons = ["unknown_filter"] }
            result[symbol] = report
        }
        return result
    }

    private struct Score {
        let symbol: String
        let relative: Double
        let absolute: Double
        let vol20: Double

        init(symbol: String, indicators row: SymbolIndicators, btc: BTCSnapshot) {
            let rel20 = row.roc20 - (btc.btcRoc20 ?? 0)
            let rel60 = row.roc60 - (btc.btcRoc60 ?? 0)
            let rel120 = row.roc120 - (btc.btcRoc120 ?? 0)
            self.symbol = symbol
            self.vol20 = row.vol20
            self.relative = (0.5 * rel20 + 0.3 * rel60 + 0.2 * rel120) / row.vol20
            self.absolute = 0.5 * row.roc20 + 0.3 * row.roc60 + 0.2 * row.roc120
        }
    }
}

/// The filters one pool symbol failed, with its rounded scores when they could be computed.
public struct CandidateFilterReport: Sendable, Equatable {
    public var reasons: [String]
    public var relativeScore: Double?
    public var absoluteMomentum: Double?
}

/// Round to `places` decimals, ties to even like Python's `round`, for figures shown in reports.
public func roundTo(_ value: Double, places: Int) -> Double {
    var factor = 1.0
    for _ in 0..<places { factor *= 10 }
    return (value * factor).rounded(.toNearestOrEven) / factor
}
