/// One point of the drawdown curve drawn under the equity chart.
public struct DrawdownPoint: Sendable, Equatable {
    public var date: String
    /// Fraction below the running peak, ≥ 0 (0.25 = 25 % under the best equity so far).
    public var drawdown: Double

    public init(date: String, drawdown: Double) {
        self.date = date
        self.drawdown = drawdown
    }
}

/// The deepest peak-to-trough fall of an equity curve, as sample indices, so the caller can turn
/// them into dates. It lives next to `drawdowns(_:)`, which the chart draws, because both must
/// apply the same running-peak rule: the chart's deepest point is the reported maximum.
public struct MaxDrawdownEpisode: Sendable, Equatable {
    /// Largest fall as a positive fraction of the peak; 0 when the curve never fell.
    public var depth: Double
    /// Index of the peak the fall started from: the latest sample at or before the trough where
    /// the curve stood at its running high (a revisit of an equal high starts a new episode).
    public var peakIndex: Int
    /// Index of the lowest point relative to that peak; the first one when several tie.
    public var troughIndex: Int
    /// First index after the trough where the curve was back at or above the peak, nil if never.
    public var recoveryIndex: Int?

    public init(depth: Double, peakIndex: Int, troughIndex: Int, recoveryIndex: Int?) {
        self.depth = depth
        self.peakIndex = peakIndex
        self.troughIndex = troughIndex
        self.recoveryIndex = recoveryIndex
    }

    /// The episode of `equity` (assumed finite), or nil when there is no fall at all.
    /// A running peak of zero or below has no meaningful relative fall, so it counts as none.
    public static func find(in equity: [Double]) -> MaxDrawdownEpisode? {
        guard let first = equity.first else { return nil }
        var peak = first, peakIndex = 0
        var deepest: MaxDrawdownEpisode?
        for (index, value) in equity.enumerated() {
            if value >= peak {
                peak = value
                peakIndex = index
                continue
            }
            guard peak > 0 else { continue }
            let depth = 1 - value / peak
            if depth > (deepest?.depth ?? 0) {
                deepest = MaxDrawdownEpisode(depth: depth, peakIndex: peakIndex, troughIndex: index, recoveryIndex: nil)
            }
        }
        guard var episode = deepest else { return nil }
        let peakValue = equity[episode.peakIndex]
        episode.recoveryIndex = (episode.troughIndex + 1 ..< equity.count).first { equity[$0] >= peakValue }
        return episode
    }
}

extension PerformanceStatistics {
    /// Fraction below the running peak for every sample of `equity`, same length, each ≥ 0.
    /// A non-finite sample gets 0 and does not move the peak; while the peak is ≤ 0 every
    /// drawdown is 0 (a fall from nothing has no relative size), and so is a fall that overflows.
    /// The largest value equals `compute(...).maxDrawdown` for the same curve.
    public static func drawdowns(_ equity: [Double]) -> [Double] {
        var peak = -Double.infinity
        return equity.map { value in
            guard value.isFinite else { return 0 }
            peak = max(peak, value)
            guard peak > 0 else { return 0 }
            let fall = 1 - value / peak
            return fall.isFinite ? max(0, fall) : 0
        }
    }

    /// `drawdowns(equity)` paired with the dates (up to the shorter of the two arrays).
    public static func drawdownPoints(dates: [String], equity: [Double]) -> [DrawdownPoint] {
        zip(dates, drawdowns(equity)).map { DrawdownPoint(date: $0, drawdown: $1) }
    }
}
