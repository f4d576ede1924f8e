import Testing
import Strategy

/// docs/strategy.md#selecting-trend-targets: relative strength vs BTC, trend filters, top 2, inverse-volatility weights.
@Suite struct SelectionTests {
    let indicators: [String: SymbolIndicators] = [
        "AAAUSDT": Samples.row(vol20: 0.04),                                           // score 4.5
        "BBBUSDT": Samples.row(roc20: 0.1, roc60: 0.25, roc120: 0.45, vol20: 0.05),    // score 2.6
        "CCCUSDT": Samples.row(roc20: 0.08, roc60: 0.18, roc120: 0.25, vol20: 0.06),   // score ≈ 0.983
        "DDDUSDT": Samples.row(roc20: 0.02, roc60: 0.03, roc120: 0.04, vol20: 0.08),   // relative < 0
    ]
    let prices = ["AAAUSDT": 100.0, "BBBUSDT": 100.0, "CCCUSDT": 100.0, "DDDUSDT": 100.0]
    let pool = ["AAAUSDT", "BBBUSDT", "CCCUSDT", "DDDUSDT"]

    @Test func topTwoByRelativeScoreWithInverseVolatilityWeights() throws {
        let chosen = TrendSelector().select(pool: pool, indicators: indicators, prices: prices, btc: Samples.btc)
        #expect(chosen.map(\.symbol) == ["AAAUSDT", "BBBUSDT"])
        #expect(abs(chosen[0].relativeScore - 4.5) < 1e-12)
        #expect(abs(chosen[0].weight - 25.0 / 45.0) < 1e-12)
        #expect(abs(chosen[1].weight - 20.0 / 45.0) < 1e-12)
    }

    @Test func equalWeightsWhenConfigured() {
        let chosen = TrendSelector(weightMode: .equal).select(pool: pool, indicators: indicators, prices: prices, btc: Samples.btc)
        #expect(chosen.map(\.weight) == [0.5, 0.5])
    }

    @Test func priceMustBeAboveEveryAverage() {
        var prices = self.prices
        prices["AAAUSDT"] = 85 // below sma20 (90)
        let chosen = TrendSelector().select(pool: pool, indicators: indicators, prices: prices, btc: Samples.btc)
        #expect(chosen.map(\.symbol) == ["BBBUSDT", "CCCUSDT"])
    }

    @Test func regimeOffOrMissingBTCMomentumSelectsNothing() {
        var off = Samples.btc
        off.regimeOn = false
        #expect(TrendSelector().select(pool: pool, indicators: indicators, prices: prices, btc: off).isEmpty)
        var missing = Samples.btc
        missing.btcRoc60 = nil
        #expect(TrendSelector().select(pool: pool, indicators: indicators, prices: prices, btc: missing).isEmpty)
    }

    @Test func tiesKeepPoolOrder() {
        let same = ["XUSDT": Samples.row(), "YUSDT": Samples.row()]
        let chosen = TrendSelector(topN: 1).select(pool: ["YUSDT", "XUSDT"], indicators: same, prices: ["XUSDT": 100, "YUSDT": 100], btc: Samples.btc)
        #expect(chosen.map(\.symbol) == ["YUSDT"])
    }

    @Test func filterReasonsNameEveryFailedRule() throws {
        var prices = self.prices
        prices["AAAUSDT"] = 75 // ≤ sma20 and sma60, > sma200
        prices.removeValue(forKey: "CCCUSDT")
        let reasons = TrendSelector().filterReasons(pool: pool + ["EEEUSDT"], indicators: indicators, prices: prices, btc: Samples.btc)
        #expect(reasons["AAAUSDT"]?.reasons == ["price_lte_sma20", "price_lte_sma60"])
        #expect(reasons["CCCUSDT"]?.reasons == ["missing_price"])
        #expect(reasons["EEEUSDT"]?.reasons == ["missing_indicators"])
        #expect(reasons["DDDUSDT"]?.reasons == ["relative_score_lte_zero"])
        #expect(reasons["DDDUSDT"]?.relativeScore == -0.725) // (0.5 × −0.03 + 0.3 × −0.07 + 0.2 × −0.11) / 0.08
        var off = Samples.btc
        off.regimeOn = false
        #expect(TrendSelector().filterReasons(pool: ["BBBUSDT"], indicators: indicators, prices: prices, btc: off)["BBBUSDT"]?.reasons == ["btc_regime_off"])
    }
}
