/// Returns per calendar year, engine against both benchmarks: from the last valuation of the
/// year before (or the start) to the last valuation of the year. A partial first or last year
/// is marked partial, so nobody annualises it by mistake.
public struct CalendarYears: Sendable, Equatable {
    public struct Year: Sendable, Equatable {
        public var year: String
        public var from: String
        public var to: String
        public var engine: Double
        public var btcHold: Double
        public var btcDCA: Double
        /// The engine's deepest fall below its running peak within the year.
        public var engineMaxDrawdown: Double
        public var partial: Bool
    }

    public let years: [Year]

    public init(days: [DayValuation], benchmarks: BenchmarkCurves) {
        guard days.count > 1 else {
            years = []
            return
        }
        var years: [Year] = []
        var start = 0
        for index in 1..<days.count {
            let year = String(days[index].date.prefix(4))
            let isLast = index == days.count - 1 || !days[index + 1].date.hasPrefix(year)
            guard isLast else { continue }
            func change(_ values: [Double]) -> Double { values[start] > 0 ? values[index] / values[start] - 1 : 0 }
            var peak = days[start].equity, worst = 0.0
            for day in days[(start + 1)...index] where peak > 0 {
                peak = max(peak, day.equity)
                worst = max(worst, 1 - day.equity / peak)
            }
            let startsAtYearStart = days[start].date.hasSuffix("-12-31") && days[start].date.prefix(4) != year
            let endsAtYearEnd = days[index].date.hasSuffix("-12-31")
            years.append(Year(year: year, from: days[start + 1].date, to: days[index].date, engine: change(days.map(\.equity)),
                              btcHold: change(benchmarks.btcHold), btcDCA: change(benchmarks.btcDCA),
                              engineMaxDrawdown: worst, partial: !(startsAtYearStart && endsAtYearEnd)))
            start = index
        }
        self.years = years
    }
}
