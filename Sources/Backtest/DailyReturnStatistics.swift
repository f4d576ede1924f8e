import Foundation

/// The return-based half of the performance figures: volatility, Sharpe and Sortino all come
/// from the same list of daily simple returns, so they are computed together from one pass of
/// that list and share the conventions below.
///
/// - A return is `e[i] / e[i-1] - 1` between consecutive samples. It is skipped when `e[i-1] <= 0`
///   (nothing was at risk, so there is no rate of change) or when the quotient is not finite.
/// - Crypto markets trade every day, so figures are annualised with `sqrt(365)`.
/// - The risk-free rate is 0.
public struct DailyReturnStatistics: Sendable, Equatable {
    /// Trading days per year for a market that never closes.
    public static let daysPerYear = 365.0

    /// The daily simple returns that entered the figures.
    public var returns: [Double]
    /// Arithmetic mean of `returns`; 0 when there are none.
    public var mean: Double
    /// Sample standard deviation (divisor n − 1); 0 with fewer than two returns.
    public var standardDeviation: Double
    /// `sqrt(mean over all returns of min(r, 0)²)`: the gains count as zero rather than being
    /// left out, so a series with a few small losses is not judged as if it had only losses.
    public var downsideDeviation: Double

    /// The statistics of the returns of `equity` (samples in time order, assumed finite).
    public init(equity: [Double]) {
        var returns: [Double] = []
        returns.reserveCapacity(max(equity.count - 1, 0))
        for (previous, current) in zip(equity, equity.dropFirst()) where previous > 0 {
            let change = current / previous - 1
            if change.isFinite { returns.append(change) }
        }
        self.returns = returns
        guard !returns.isEmpty else {
            mean = 0; standardDeviation = 0; downsideDeviation = 0
            return
        }
        let count = Double(returns.count)
        let mean = returns.reduce(0, +) / count
        self.mean = mean
        // Two passes (mean first, then squared deviations) rather than a running sum of squares,
        // which loses precision badly when the returns are small next to their mean.
        if returns.count >= 2 {
            let squaredDeviations = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            standardDeviation = (squaredDeviations / (count - 1)).squareRoot()
        } else {
            standardDeviation = 0
        }
        let squaredLosses = returns.reduce(0) { sum, change in
            let loss = min(change, 0)
            return sum + loss * loss
        }
        downsideDeviation = (squaredLosses / count).squareRoot()
    }

    /// Standard deviation scaled to a year.
    public var annualisedVolatility: Double {
        standardDeviation * Self.daysPerYear.squareRoot()
    }

    /// Mean over standard deviation, scaled to a year; 0 when the returns do not vary.
    public var sharpe: Double {
        standardDeviation > 0 ? mean / standardDeviation * Self.daysPerYear.squareRoot() : 0
    }

    /// Mean over downside deviation, scaled to a year; 0 when there was no losing day.
    public var sortino: Double {
        downsideDeviation > 0 ? mean / downsideDeviation * Self.daysPerYear.squareRoot() : 0
    }
}
