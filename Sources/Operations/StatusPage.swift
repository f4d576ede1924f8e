import Backtest
import Engine
import Foundation

/// `cycle status --html`: one self-contained page a person reads on a phone — equity over the
/// window (SVG), allocation now, trading mode and version, the last cycles, every endpoint's
/// error rate and p95 with its verdict, reconciliation failures, and the recorded cycles'
/// signal divergence. Built from what the store keeps; no script, nothing fetched.
public struct StatusPage {
    /// What the page shows, read from the deployment's store by the caller.
    public struct Inputs {
        public var account: String
        public var engineVersion: String
        public var generatedAt: Date
        public var since: Date
        /// The kept reports of the window, oldest first (JSON text).
        public var reports: [String]
        /// The state document as stored now.
        public var state: JSONValue?
        public var statistics: CycleStatistics
        /// The recorded cycles of the window compared with a replay by this binary; nil when not computed.
        public var divergence: [SignalComparison.CycleDifference]?

        public init(account: String, engineVersion: String, generatedAt: Date, since: Date, reports: [String], state: JSONValue?,
                    statistics: CycleStatistics, divergence: [SignalComparison.CycleDifference]?) {
            self.account = account
            self.engineVersion = engineVersion
            self.generatedAt = generatedAt
            self.since = since
            self.reports = reports
            self.state = state
            self.statistics = statistics
            self.divergence = divergence
        }
    }

    /// How many of the newest cycles the table lists.
    public static let cyclesListed = 30

    public static func render(_ inputs: Inputs) -> String {
        let reports = inputs.reports.compactMap { try? JSONParser.parse($0) }
        let equity = reports.compactMap { report -> (String, Double)? in
            guard let value = report["total_equity_usdt"]?.numberValue, value.isFinite, value > 0 else { return nil }
            return (String((report["started_at"]?.stringValue ?? "").prefix(16)).replacingOccurrences(of: "T", with: " "), value)
        }
        let chart = EquityChartSVG.render(dates: equity.map(\.0), series: [ChartSeries(name: "Equity (USDT)", color: "#1f5fbf", values: equity.map(\.1))])
        let mode = tradingMode(inputs.state, last: reports.last)
        var tables = [allocation(reports.last, state: inputs.state), cycles(reports), endpoints(inputs.statistics), reconciliation(reports)]
        tables.append(divergence(inputs.divergence))
        return BacktestHTMLReport.render(BacktestHTMLContent(
            title: "Account \(inputs.account): \(mode.uppercased())",
            subtitle: "Engine \(inputs.engineVersion) · trading mode \(mode) · \(reports.count) cycles kept since \(day(inputs.since)) · "
                + "generated \(inputs.generatedAt.isoWithOffset.prefix(16).replacingOccurrences(of: "T", with: " ")) UTC",
            chartSVG: chart, tables: tables,
            notes: [
                "Equity is each cycle's total_equity_usdt: spot and Simple Earn balances valued at that cycle's prices. The lower panel is the drawdown from the running peak.",
                "Allocation is the last cycle's balances (the state's last_balance_snapshot) at its prices. The trading mode is the state's operator control now (`cycle halt`, `cycle resume`).",
                "Endpoint verdicts: error rate under 1 % and p95 under 400 ms is healthy, over 3 % or 600 ms investigate (docs/commands.md, Evidence for operators).",
                "Signal divergence: the recorded cycles of the window replayed by this binary; a cycle counts when its order intents differ (symbol, side, purpose, size within 0.5 %).",
            ]
        ))
    }

    /// The state's operator control now, else what the last cycle reported.
    static func tradingMode(_ state: JSONValue?, last: JSONValue?) -> String {
        state?["operator_control"]?["mode"]?.stringValue ?? last?["trading_mode"]?.stringValue ?? "unknown"
    }

    static func allocation(_ last: JSONValue?, state: JSONValue?) -> HTMLTable {
        let prices = last?["diagnostics"]?["prices"]
        let balances = (state?["last_balance_snapshot"]?.objectValue ?? [:]).compactMap { asset, amount -> (String, Double, Double?)? in
            guard let amount = amount.numberValue, amount.isFinite, amount > 0 else { return nil }
            let price = asset == "USDT" ? 1 : prices?[asset + "USDT"]?.numberValue
            return (asset, amount, price.map { $0 * amount })
        }
        var valued = balances.sorted { ($0.2 ?? 0) > ($1.2 ?? 0) }
        // The snapshot keeps the traded assets; what else the cycle counted in its equity (BNB kept for fees) is the rest.
        let counted = valued.compactMap(\.2).reduce(0, +)
        if let equity = last?["total_equity_usdt"]?.numberValue, equity.isFinite, equity - counted > 0.01 {
            valued.append(("Other (BNB for fees, …)", .nan, equity - counted))
        }
        let total = valued.compactMap(\.2).reduce(0, +)
        let rows = valued.map { asset, amount, value in
            [asset, amount.isNaN ? "" : number(amount, digits: 8), value.map { number($0, digits: 2) } ?? "no price",
             value.map { total > 0 ? percent($0 / total) : "—" } ?? "—"]
        }
        return HTMLTable(caption: "Allocation now (USDT)", header: ["Asset", "Amount", "Value", "Share"],
                         rows: rows.isEmpty ? [["no balances recorded yet"]] : rows + [["Total", "", number(total, digits: 2), percent(total > 0 ? 1 : 0)]],
                         numericColumns: [1, 2, 3])
    }

    static func cycles(_ reports: [JSONValue]) -> HTMLTable {
        let rows = reports.suffix(cyclesListed).reversed().map { report -> [String] in
            let orders = SignalComparison.orderIntents(report).map { "\($0.side) \($0.symbol)" }
            let gates = (report["gating_summary"]?.objectValue ?? [:]).map { "\($0.key) ×\($0.value.numberValue.map { number($0, digits: 0) } ?? "?")" }
            let error = report["error_summary"]?["errors"]?.arrayValue?.first?["message"]?.stringValue
            return [
                String((report["started_at"]?.stringValue ?? "").prefix(16)).replacingOccurrences(of: "T", with: " "),
                report["run_id"]?.stringValue ?? "", report["status"]?.stringValue ?? "",
                report["diagnostics"]?["pool_resolution"]?["rung"]?.stringValue ?? "—",
                orders.isEmpty ? "—" : orders.joined(separator: ", "),
                gates.isEmpty ? "—" : gates.sorted().joined(separator: ", "),
                error.map { String($0.prefix(120)) } ?? "",
            ]
        }
        return HTMLTable(caption: "Last cycles (newest first)", header: ["Started (UTC)", "Run", "Status", "Pool rung", "Orders", "Gates", "First error"],
                         rows: rows.isEmpty ? [["no cycle in the window"]] : Array(rows))
    }

    static func endpoints(_ statistics: CycleStatistics) -> HTMLTable {
        let rows = statistics.endpoints.map { endpoint in
            [endpoint.peer, endpoint.endpoint, "\(endpoint.count)", number(endpoint.errorPercent, digits: 1) + " %",
             number(endpoint.percentile(95), digits: 0) + " ms", endpoint.verdict.rawValue]
        }
        return HTMLTable(caption: "Endpoints", header: ["Peer", "Endpoint", "Calls", "Errors", "p95", "Verdict"],
                         rows: rows.isEmpty ? [["no calls audited in the window"]] : rows, numericColumns: [2, 3, 4])
    }

    static func reconciliation(_ reports: [JSONValue]) -> HTMLTable {
        let checked = reports.filter { $0["reconciliation"]?.objectValue != nil }
        let rows = checked.reversed().flatMap { report -> [[String]] in
            (report["reconciliation"]?["failures"]?.arrayValue ?? []).map { failure in
                [report["run_id"]?.stringValue ?? "", failure["kind"]?.stringValue ?? "", failure["symbol"]?.stringValue ?? "",
                 failure["detail"]?.stringValue ?? ""]
            }
        }
        return HTMLTable(caption: "Reconciliation failures (\(checked.count) cycles checked)", header: ["Run", "Kind", "Symbol", "Detail"],
                         rows: rows.isEmpty ? [["none"]] : rows)
    }

    static func divergence(_ differences: [SignalComparison.CycleDifference]?) -> HTMLTable {
        guard let differences else {
            return HTMLTable(caption: "Recorded-cycle divergence", header: ["Cycles", "Different orders", "Divergence"], rows: [["not computed"]])
        }
        let differing = differences.filter(\.intentsDiffer)
        var rows = [["all recorded", "\(differences.count) cycles, \(differing.count) with different orders", percent(SignalComparison.divergence(differences))]]
        rows += differing.prefix(10).map { [$0.runId, $0.lines.first ?? "", ""] }
        return HTMLTable(caption: "Recorded-cycle divergence (this binary vs what was decided then)", header: ["Cycles", "Orders", "Divergence"],
                         rows: differences.isEmpty ? [["no recorded cycle in the window"]] : rows)
    }

    private static func day(_ date: Date) -> String { CalendarDay(date).iso }

    private static func number(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "—" }
        return String(format: "%.\(digits)f", value)
    }

    private static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "—" }
        return String(format: "%.1f %%", fraction * 100)
    }
}
