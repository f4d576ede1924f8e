/// `--walk-forward N`: the period cut into N windows of equal length (in days), each judged
/// on its own: the strategy's return over the window against BTC held over the same window.
/// The engine has no parameters fitted to history, so this measures consistency: a strategy
/// that only wins in one lucky stretch beats BTC in few windows. The rollout runbook asks
/// for more than 60 % of windows.
public struct WalkForward: Sendable, Equatable {
    public static let passingShare = 0.6

    public struct Window: Sendable, Equatable {
        public var from: String
        public var to: String
        public var strategyReturn: Double
        public var btcReturn: Double
        public var beatsBTC: Bool { strategyReturn > btcReturn }
    }

    public let windows: [Window]

    /// nil when there are fewer days than windows (or N < 1).
    public init?(days: [DayValuation], windows count: Int) {
        let points = days.count - 1
        guard count >= 1, points >= count else { return nil }
        var windows: [Window] = []
        for index in 0..<count {
            let start = index * points / count, end = (index + 1) * points / count
            let first = days[start], last = days[end]
            windows.append(Window(
                from: days[start + 1].date, to: last.date,
                strategyReturn: first.equity > 0 ? last.equity / first.equity - 1 : 0,
                btcReturn: first.btcPrice > 0 ? last.btcPrice / first.btcPrice - 1 : 0
            ))
        }
        self.windows = windows
    }

    public var beatingShare: Double {
        windows.isEmpty ? 0 : Double(windows.filter(\.beatsBTC).count) / Double(windows.count)
    }

    public var passes: Bool { beatingShare > Self.passingShare }
}
