import Engine
import Foundation

/// `--compare-paper`: the paper account's recorded cycles against a backtest over the same
/// days. The rollout runbook asks that paper results stay within 20 % of the backtest; a
/// larger gap means the paper account saw something the backtest does not model (manual
/// balance edits, a different pool, cycles skipped or run at other hours).
public struct PaperComparison: Sendable, Equatable {
    public static let tolerancePercent = 20.0

    /// One recorded paper cycle: when it ran (paper clock) and the equity it reported.
    public struct Cycle: Sendable, Equatable {
        public let startedAt: String
        public let day: CalendarDay
        public let equity: Double
    }

    public let first: Cycle
    public let last: Cycle
    public let cycles: Int
    /// The backtest's equity at the end of the paper's first and last day.
    public let backtestStart: Double
    public let backtestFinal: Double

    /// (paper − backtest) / backtest × 100, on final equity.
    public var divergencePercent: Double {
        backtestFinal > 0 ? (last.equity - backtestFinal) / backtestFinal * 100 : 0
    }

    public var withinTolerance: Bool { abs(divergencePercent) <= Self.tolerancePercent }

    /// The `ok` reports with an equity, oldest paper time first; nil when there are none.
    public static func recordedCycles(reports: [String]) -> [Cycle] {
        reports.compactMap { text -> Cycle? in
            guard let report = try? JSONParser.parse(Data(text.utf8)), report["status"]?.stringValue == "ok",
                  report["dry_run"] != .bool(true),
                  let startedAt = report["started_at"]?.stringValue, let day = CalendarDay(isoPrefix: startedAt),
                  let equity = report["total_equity_usdt"]?.numberValue, equity.isFinite, equity > 0 else { return nil }
            return Cycle(startedAt: startedAt, day: day, equity: equity)
        }.sorted { $0.startedAt < $1.startedAt }
    }

    /// The comparison of `cycles` (from `recordedCycles`) with a backtest's day-end valuations.
    public init?(paper cycles: [Cycle], backtest days: [DayValuation]) {
        guard let first = cycles.first, let last = cycles.last,
              let start = days.first(where: { $0.date == first.day.iso }) ?? days.first,
              let end = days.last(where: { $0.date == last.day.iso }) else { return nil }
        self.first = first
        self.last = last
        self.cycles = cycles.count
        backtestStart = start.equity
        backtestFinal = end.equity
    }

    var json: JSONValue {
        ["paper_cycles": .int(Int64(cycles)), "paper_first": .string(first.startedAt), "paper_last": .string(last.startedAt),
         "paper_start_equity_usdt": .double(first.equity), "paper_final_equity_usdt": .double(last.equity),
         "backtest_start_equity_usdt": .double(backtestStart), "backtest_final_equity_usdt": .double(backtestFinal),
         "divergence_percent": .double(divergencePercent), "within_20_percent": .bool(withinTolerance)]
    }

    var table: HTMLTable {
        HTMLTable(caption: "Paper account vs backtest (runbook: within 20 % — \(withinTolerance ? "pass" : "fail"))",
                  header: ["", "Paper", "Backtest"], rows: [
                      ["Cycles / period", "\(cycles) from \(first.startedAt) to \(last.startedAt)", "same days"],
                      ["Start equity (USDT)", BacktestReportPage.usdt(first.equity), BacktestReportPage.usdt(backtestStart)],
                      ["Final equity (USDT)", BacktestReportPage.usdt(last.equity), BacktestReportPage.usdt(backtestFinal)],
                      ["Divergence of final equity", String(format: "%+.2f %%", divergencePercent), ""],
                  ], numericColumns: [1, 2])
    }
}
