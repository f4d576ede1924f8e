/// BTC DCA valuation tables (docs/strategy.md#btc-dca).
public enum DCATables {
    /// Multiple of the base order to buy at this ahr999 (0 = valuation gate off).
    public static func buyMultiplier(ahr999: Double) -> Int {
        if ahr999 < 0.45 { return 5 }
        if ahr999 < 0.8 { return 2 }
        if ahr999 < 1.2 { return 1 }
        return 0
    }

    /// Fraction of the BTC balance to trim at this zscore.
    public static func trimFraction(zscore: Double) -> Double {
        if zscore > 5.0 { return 0.5 }
        if zscore > 4.0 { return 0.3 }
        return 0.1
    }
}
