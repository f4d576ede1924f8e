import Engine
import Strategy

/// Reads `market_data_snapshot.json`'s precomputed BTC snapshot and trend indicators.
public enum MarketSnapshotParser {
    public static func btc(_ value: JSONValue?) -> BTCSnapshot? {
        guard let object = value?.objectValue else { return nil }
        func number(_ key: String) -> Double? { object[key]?.numberValue.flatMap { $0.isFinite ? $0 : nil } }
        guard let ma200 = number("ma200"), let zscore = number("zscore"), let sellTrigger = number("sell_trigger"),
              let ahr999 = number("ahr999") else { return nil }
        return BTCSnapshot(
            ma200: ma200, zscore: zscore, geom200: number("geom200") ?? 0, sellTrigger: sellTrigger,
            ma200Slope: number("ma200_slope") ?? 0, ahr999: ahr999, btcRoc20: number("btc_roc20"),
            btcRoc60: number("btc_roc60"), btcRoc120: number("btc_roc120"), regimeOn: object["regime_on"]?.truthy ?? false
        )
    }

    /// A symbol whose entry is null or lacks a field has no indicators.
    public static func indicators(_ value: JSONValue?) -> [String: SymbolIndicators] {
        guard let object = value?.objectValue else { return [:] }
        return object.compactMapValues { entry -> SymbolIndicators? in
            guard let row = entry.objectValue else { return nil }
            func number(_ key: String) -> Double? { row[key]?.numberValue.flatMap { $0.isFinite ? $0 : nil } }
            guard let close = number("close"), let sma20 = number("sma20"), let sma60 = number("sma60"),
                  let sma200 = number("sma200"), let roc20 = number("roc20"), let roc60 = number("roc60"),
                  let roc120 = number("roc120"), let vol20 = number("vol20"), let atr14 = number("atr14"),
                  let quote30 = number("avg_quote_vol_30"), let quote90 = number("avg_quote_vol_90"),
                  let quote180 = number("avg_quote_vol_180"), let persist = number("trend_persist_90"),
                  // A fixture's age no Int can hold (1e300) makes the row unusable, never a trap.
                  let ageDays = Int(exactly: (number("age_days") ?? 0).rounded(.towardZero))
            else { return nil }
            return SymbolIndicators(
                close: close, sma20: sma20, sma60: sma60, sma200: sma200, roc20: roc20, roc60: roc60, roc120: roc120,
                vol20: vol20, atr14: atr14, avgQuoteVol30: quote30, avgQuoteVol90: quote90, avgQuoteVol180: quote180,
                trendPersist90: persist, ageDays: ageDays
            )
        }.unordered
    }
}
