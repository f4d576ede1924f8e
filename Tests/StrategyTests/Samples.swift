import Strategy

/// Small hand-made inputs for the rotation tests.
enum Samples {
    static let btc = BTCSnapshot(
        ma200: 55_000, zscore: 1.2, geom200: 85_000, sellTrigger: 2.5, ma200Slope: 0.03, ahr999: 0.7,
        btcRoc20: 0.05, btcRoc60: 0.1, btcRoc120: 0.15, regimeOn: true
    )

    static func row(close: Double = 100, sma20: Double = 90, sma60: Double = 80, sma200: Double = 70,
                    roc20: Double = 0.15, roc60: Double = 0.3, roc120: Double = 0.5, vol20: Double = 0.04,
                    atr14: Double = 4) -> SymbolIndicators {
        SymbolIndicators(
            close: close, sma20: sma20, sma60: sma60, sma200: sma200, roc20: roc20, roc60: roc60, roc120: roc120,
            vol20: vol20, atr14: atr14, avgQuoteVol30: 1e8, avgQuoteVol90: 1e8, avgQuoteVol180: 1e8,
            trendPersist90: 0.9, ageDays: 500
        )
    }
}
