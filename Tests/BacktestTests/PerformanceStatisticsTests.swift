import Backtest
import Foundation
import Testing

/// The backtest's headline figures, held against an independent Python computation
/// (scripts/backtest_stats_reference.py) on a committed curve, plus small cases worked by hand.
///
/// Resources/equity_reference.csv is 400 days from 2024-01-01, generated once with
/// `10000 · exp(0.0011 t − 0.42 e^(−((t−125)/24)²) − 0.30 / (1 + e^(−(t−318)/7)) + wiggle)`,
/// `wiggle = 0.018 sin 0.9t + 0.011 sin(2.3t + 1) + 0.007 sin(5.1t + 0.3)`, rounded to cents:
/// a ~34 % fall in spring 2024 that recovers, and a late-2024 slump that has not by the end.
/// Regenerate the expected figures with
/// `python3 scripts/backtest_stats_reference.py Tests/BacktestTests/Resources/equity_reference.csv`.
@Suite struct PerformanceStatisticsTests {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources")

    /// `date,equity` rows of the reference curve.
    static func referenceCurve() throws -> (dates: [String], equity: [Double]) {
        let text = try String(contentsOf: resources.appendingPathComponent("equity_reference.csv"), encoding: .utf8)
        var dates: [String] = [], equity: [Double] = []
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let value = try #require(fields.count == 2 ? Double(fields[1]) : nil, "bad row: \(line)")
            dates.append(String(fields[0]))
            equity.append(value)
        }
        return (dates, equity)
    }

    static func expectClose(_ actual: Double, _ expected: Double, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let scale = max(abs(actual), abs(expected))
        #expect(abs(actual - expected) <= 1e-9 * scale, "\(name): Swift \(actual) vs Python \(expected)", sourceLocation: sourceLocation)
    }

    /// `count` consecutive dates from 2024-01-01 (at most 31).
    static func januaryDates(_ count: Int) -> [String] {
        (0..<min(max(count, 0), 31)).map { String(format: "2024-01-%02d", $0 + 1) }
    }

    @Test func matchesThePythonReference() throws {
        let curve = try Self.referenceCurve()
        #expect(curve.dates.count >= 365)
        let data = try Data(contentsOf: Self.resources.appendingPathComponent("equity_reference_expected.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        func number(_ key: String) throws -> Double {
            try #require((expected[key] as? NSNumber)?.doubleValue, "missing \(key)")
        }
        func date(_ key: String) -> String? { expected[key] as? String }

        let statistics = PerformanceStatistics.compute(dates: curve.dates, equity: curve.equity)
        #expect(statistics.initialEquity == curve.equity.first)
        #expect(statistics.finalEquity == curve.equity.last)
        Self.expectClose(statistics.totalReturn, try number("total_return"), "total_return")
        Self.expectClose(statistics.cagr, try number("cagr"), "cagr")
        Self.expectClose(statistics.maxDrawdown, try number("max_drawdown"), "max_drawdown")
        Self.expectClose(statistics.volatility, try number("volatility"), "volatility")
        Self.expectClose(statistics.sharpe, try number("sharpe"), "sharpe")
        Self.expectClose(statistics.sortino, try number("sortino"), "sortino")
        Self.expectClose(statistics.calmar, try number("calmar"), "calmar")
        #expect(statistics.maxDrawdownDays == (expected["max_drawdown_days"] as? NSNumber)?.intValue)
        #expect(statistics.maxDrawdownPeak == date("max_drawdown_peak"))
        #expect(statistics.maxDrawdownTrough == date("max_drawdown_trough"))
        #expect(statistics.maxDrawdownRecovery == date("max_drawdown_recovery"))
        #expect(expected["max_drawdown_recovery"] is NSNull || date("max_drawdown_recovery") != nil)

        // The curve was built to have a deep fall that recovers and a later one that does not.
        #expect(statistics.maxDrawdown > 0.2 && statistics.maxDrawdownRecovery != nil)
        #expect(curve.equity.last.map { $0 < (curve.equity.max() ?? 0) } == true)
        // The chart's drawdown curve agrees with the statistic.
        #expect(PerformanceStatistics.drawdowns(curve.equity).max() == statistics.maxDrawdown)
    }

    @Test func constantEquityHasNoRisk() {
        let statistics = PerformanceStatistics.compute(dates: Self.januaryDates(5), equity: Array(repeating: 1_000, count: 5))
        #expect(statistics.initialEquity == 1_000 && statistics.finalEquity == 1_000)
        #expect(statistics.totalReturn == 0 && statistics.cagr == 0)
        #expect(statistics.maxDrawdown == 0 && statistics.maxDrawdownDays == 0)
        #expect(statistics.maxDrawdownPeak == nil && statistics.maxDrawdownTrough == nil && statistics.maxDrawdownRecovery == nil)
        #expect(statistics.volatility == 0 && statistics.sharpe == 0 && statistics.sortino == 0 && statistics.calmar == 0)
    }

    @Test func aSingleSampleHasOnlyItsEquity() {
        let statistics = PerformanceStatistics.compute(dates: ["2024-01-01"], equity: [2_500])
        var expected = PerformanceStatistics.empty
        expected.initialEquity = 2_500
        expected.finalEquity = 2_500
        #expect(statistics == expected)
    }

    @Test func emptyInputGivesZeros() {
        #expect(PerformanceStatistics.compute(dates: [], equity: []) == .empty)
        #expect(PerformanceStatistics.compute(dates: ["2024-01-01"], equity: []) == .empty)
        #expect(PerformanceStatistics.drawdowns([]).isEmpty)
    }

    /// 10 → 5 → 10: returns −50 % and +100 %, mean 0.25, sample std 0.75·√2,
    /// downside deviation √(0.25 / 2); the curve ends where it began.
    @Test func halvingAndRecovering() {
        let statistics = PerformanceStatistics.compute(dates: ["2024-01-01", "2024-01-02", "2024-01-03"], equity: [10, 5, 10])
        #expect(statistics.maxDrawdown == 0.5)
        #expect(statistics.maxDrawdownPeak == "2024-01-01")
        #expect(statistics.maxDrawdownTrough == "2024-01-02")
        #expect(statistics.maxDrawdownRecovery == "2024-01-03")
        #expect(statistics.maxDrawdownDays == 2)
        #expect(statistics.totalReturn == 0 && statistics.cagr == 0 && statistics.calmar == 0)
        let year = 365.0.squareRoot()
        Self.expectClose(statistics.volatility, 0.75 * 2.0.squareRoot() * year, "volatility")
        Self.expectClose(statistics.sharpe, 0.25 / (0.75 * 2.0.squareRoot()) * year, "sharpe")
        Self.expectClose(statistics.sortino, 0.25 / 0.125.squareRoot() * year, "sortino")
        #expect(PerformanceStatistics.drawdowns([10, 5, 10]) == [0, 0.5, 0])
    }

    /// A fall that never recovers lasts until the last sample.
    @Test func unrecoveredDrawdownRunsToTheEnd() {
        let statistics = PerformanceStatistics.compute(
            dates: ["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01", "2024-03-02"], equity: [8, 10, 6, 7, 9]
        )
        #expect(statistics.maxDrawdown == 1 - 6.0 / 10.0)
        #expect(statistics.maxDrawdownPeak == "2024-02-28")
        #expect(statistics.maxDrawdownTrough == "2024-02-29")
        #expect(statistics.maxDrawdownRecovery == nil)
        #expect(statistics.maxDrawdownDays == 3, "leap day counted")
        Self.expectClose(statistics.cagr, pow(9.0 / 8.0, 365.0 / 4.0) - 1, "cagr")
        Self.expectClose(statistics.calmar, statistics.cagr / 0.4, "calmar")
    }

    /// Documented handling: a NaN sample is dropped with its date; a zero sample is a 100 %
    /// drawdown and no return is measured out of it (there was nothing to grow).
    @Test func zeroAndNaNEquityAreDefined() {
        let dates = ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]
        let statistics = PerformanceStatistics.compute(dates: dates, equity: [100, 0, 50, .nan, 100])
        #expect(statistics.maxDrawdown == 1)
        #expect(statistics.maxDrawdownTrough == "2024-01-02")
        #expect(statistics.maxDrawdownRecovery == "2024-01-05")
        #expect(statistics.maxDrawdownDays == 4)
        #expect(statistics.totalReturn == 0)
        // Returns: 0/100 − 1 = −1, (skip out of 0), 100/50 − 1 = +1.
        Self.expectClose(statistics.sharpe, 0, "sharpe")
        #expect(PerformanceStatistics.drawdowns([100, 0, 50, .nan, 100]) == [0, 1, 0.5, 0, 0])

        let all = [statistics,
                   PerformanceStatistics.compute(dates: dates, equity: [.nan, .infinity, -.infinity, .nan, .nan]),
                   PerformanceStatistics.compute(dates: dates, equity: [0, 0, 0, 0, 0]),
                   PerformanceStatistics.compute(dates: dates, equity: [0, 10, 20, 5, 30]),
                   PerformanceStatistics.compute(dates: dates, equity: [100, -50, 20, 1e-300, 1e300]),
                   PerformanceStatistics.compute(dates: ["not a date", "2024-13-40", "", "2024-01-04", "x"], equity: [1, 2, 3, 4, 5])]
        for figures in all {
            let numbers = [figures.initialEquity, figures.finalEquity, figures.totalReturn, figures.cagr, figures.maxDrawdown,
                           figures.volatility, figures.sharpe, figures.sortino, figures.calmar]
            #expect(numbers.allSatisfy { $0.isFinite }, "\(figures)")
        }
        #expect(all[1] == .empty, "no finite sample at all")
        #expect(all[2].maxDrawdown == 0 && all[2].totalReturn == 0, "a peak of zero has no relative fall")
        #expect(all[3].totalReturn == 0 && all[3].cagr == 0, "nothing invested at the start")
        #expect(all[4].maxDrawdown == 1.5, "negative equity falls more than 100 %")
    }

    @Test func calendarDaysFromISODates() {
        #expect(ISODayNumber.days(from: "2024-01-01", to: "2025-01-01") == 366)
        #expect(ISODayNumber.days(from: "2023-01-01", to: "2024-01-01") == 365)
        #expect(ISODayNumber.days(from: "1900-02-28", to: "1900-03-01") == 1)
        #expect(ISODayNumber.days(from: "2000-02-28", to: "2000-03-01") == 2)
        #expect(ISODayNumber.days(from: "2024-01-01T23:00:00Z", to: "2024-01-02") == 1)
        #expect(ISODayNumber.dayNumber("2023-02-29") == nil)
        #expect(ISODayNumber.dayNumber("0000-01-01") == nil)
        #expect(ISODayNumber.dayNumber("2024-1-01") == nil)
        #expect(ISODayNumber.dayNumber("0001-01-01") == 0)
    }

    @Test func clampNeverTraps() {
        #expect(IntegerClamp.int(.nan, in: 0...10, ifNaN: 3) == 3)
        #expect(IntegerClamp.int(.infinity, in: 0...10, ifNaN: 0) == 10)
        #expect(IntegerClamp.int(-1e300, in: Int.min...Int.max, ifNaN: 0) == Int.min)
        #expect(IntegerClamp.int(1e300, in: Int.min...Int.max, ifNaN: 0) == Int.max)
        #expect(IntegerClamp.rounded(2.5, in: 0...10, ifNaN: 0) == 3)
    }
}
