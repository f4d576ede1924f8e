import Foundation

/// The headline figures of a backtest's daily equity curve, the ones a reader compares between
/// runs: how much was made, how fast, how deep it fell and how bumpy the ride was.
///
/// Every figure is defined for every input: empty, single-sample, flat, zero, negative or
/// non-finite equity give 0 (or nil dates) rather than NaN, infinity or a crash, so a report can
/// always be written. `scripts/backtest_stats_reference.py` computes the same figures
/// independently; `PerformanceStatisticsTests` holds the two to 1e-9.
public struct PerformanceStatistics: Sendable, Equatable {
    /// First and last finite equity sample (0 when there is none).
    public var initialEquity: Double, finalEquity: Double
    /// `final / initial − 1`; 0 when the initial equity is ≤ 0.
    public var totalReturn: Double
    /// `(final / initial)^(365 / elapsedDays) − 1`, elapsed calendar days between the first and
    /// last sample; 0 when no day elapsed or the initial equity is ≤ 0, −1 when final ≤ 0.
    public var cagr: Double
    /// Largest peak-to-trough fall as a positive fraction (0.25 = 25 %).
    public var maxDrawdown: Double
    /// Date of the peak that started the largest fall (nil when there was no fall).
    public var maxDrawdownPeak: String?
    /// Date of that fall's lowest point.
    public var maxDrawdownTrough: String?
    /// First date equity was back at or above that peak; nil if it never recovered.
    public var maxDrawdownRecovery: String?
    /// Calendar days from that peak to the recovery, or to the last sample if not recovered.
    public var maxDrawdownDays: Int
    /// Sample standard deviation (n − 1) of the daily simple returns × √365.
    public var volatility: Double
    /// Mean daily return / its sample standard deviation × √365 (risk-free 0); 0 when flat.
    public var sharpe: Double
    /// Mean daily return / downside deviation × √365, downside deviation being
    /// `sqrt(mean over all returns of min(r, 0)²)`; 0 when no day lost.
    public var sortino: Double
    /// `cagr / maxDrawdown`; 0 when there was no drawdown.
    public var calmar: Double

    public init(initialEquity: Double, finalEquity: Double, totalReturn: Double, cagr: Double, maxDrawdown: Double,
                maxDrawdownPeak: String?, maxDrawdownTrough: String?, maxDrawdownRecovery: String?, maxDrawdownDays: Int,
                volatility: Double, sharpe: Double, sortino: Double, calmar: Double) {
        self.initialEquity = initialEquity
        self.finalEquity = finalEquity
        self.totalReturn = totalReturn
        self.cagr = cagr
        self.maxDrawdown = maxDrawdown
        self.maxDrawdownPeak = maxDrawdownPeak
        self.maxDrawdownTrough = maxDrawdownTrough
        self.maxDrawdownRecovery = maxDrawdownRecovery
        self.maxDrawdownDays = maxDrawdownDays
        self.volatility = volatility
        self.sharpe = sharpe
        self.sortino = sortino
        self.calmar = calmar
    }

    /// All figures 0 and no dates: the statistics of a curve with no finite sample.
    public static let empty = PerformanceStatistics(
        initialEquity: 0, finalEquity: 0, totalReturn: 0, cagr: 0, maxDrawdown: 0, maxDrawdownPeak: nil, maxDrawdownTrough: nil,
        maxDrawdownRecovery: nil, maxDrawdownDays: 0, volatility: 0, sharpe: 0, sortino: 0, calmar: 0
    )

    /// The statistics of a daily equity curve.
    ///
    /// - Parameters:
    ///   - dates: `YYYY-MM-DD`, one sample per calendar day, ascending.
    ///   - equity: the equity on each date. If the arrays differ in length the extra tail of the
    ///     longer one is ignored.
    ///
    /// A sample whose equity is NaN or infinite is dropped entirely (a missing valuation, not a
    /// value). A zero or negative sample is kept: it is a real (total) loss and shows up in the
    /// drawdown, but no return is measured out of it. Unparseable dates count as 0 elapsed days.
    public static func compute(dates: [String], equity: [Double]) -> PerformanceStatistics {
        let kept = zip(dates, equity).filter { $0.1.isFinite }
        let keptDates = kept.map(\.0), values = kept.map(\.1)
        guard let firstDate = keptDates.first, let lastDate = keptDates.last,
              let initial = values.first, let final = values.last
        else { return .empty }

        let elapsedDays = ISODayNumber.days(from: firstDate, to: lastDate) ?? 0
        let cagr = finiteOrZero(compoundAnnualGrowth(initial: initial, final: final, elapsedDays: elapsedDays))
        let returns = DailyReturnStatistics(equity: values)
        let episode = MaxDrawdownEpisode.find(in: values)
        let depth = finiteOrZero(episode?.depth ?? 0)

        var statistics = PerformanceStatistics.empty
        statistics.initialEquity = initial
        statistics.finalEquity = final
        statistics.totalReturn = initial > 0 ? finiteOrZero(final / initial - 1) : 0
        statistics.cagr = cagr
        statistics.maxDrawdown = depth
        if let episode, depth > 0 {
            statistics.maxDrawdownPeak = keptDates[episode.peakIndex]
            statistics.maxDrawdownTrough = keptDates[episode.troughIndex]
            statistics.maxDrawdownRecovery = episode.recoveryIndex.map { keptDates[$0] }
            let end = statistics.maxDrawdownRecovery ?? lastDate
            statistics.maxDrawdownDays = ISODayNumber.days(from: keptDates[episode.peakIndex], to: end) ?? 0
        }
        statistics.volatility = finiteOrZero(returns.annualisedVolatility)
        statistics.sharpe = finiteOrZero(returns.sharpe)
        statistics.sortino = finiteOrZero(returns.sortino)
        statistics.calmar = depth > 0 ? finiteOrZero(cagr / depth) : 0
        return statistics
    }

    /// Growth per 365 days that compounds to `final / initial` over `elapsedDays`. A total (or
    /// worse) loss is −1 whatever the duration: `pow` of a negative base would be NaN.
    static func compoundAnnualGrowth(initial: Double, final: Double, elapsedDays: Int) -> Double {
        guard elapsedDays > 0, initial > 0 else { return 0 }
        let multiple = final / initial
        guard multiple > 0 else { return -1 }
        return pow(multiple, DailyReturnStatistics.daysPerYear / Double(elapsedDays)) - 1
    }

    /// NaN and ±infinity (from overflow on absurd inputs) become 0, so every figure is printable.
    static func finiteOrZero(_ value: Double) -> Double {
        value.isFinite ? value : 0
    }
}
