import ArgumentParser
import Engine
import Foundation
import LocalStore

/// `cycle stats`: the call audit and the kept reports summed up (SPEC §13.3), each figure with
/// its verdict; a table for people, JSON for machines, a Prometheus textfile for node_exporter.
struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Per peer and endpoint: requests, error %, p50/p95/p99 latency; cycles by status and pool rung; orders per day."
    )
    @OptionGroup var store: StoreOptions
    @Option(help: "Window: 1h, 24h, 7d… (default 24h).")
    var since = "24h"
    @Flag(help: "JSON instead of a table.")
    var json = false
    @Option(help: "Also write the figures in Prometheus' text format to this file (for node_exporter's textfile collector).")
    var prometheus: String?

    /// The window reaches back at most as far as `CYCLE_RETENTION_DAYS` can keep rows (36,500 days).
    static let longestWindowSeconds = 36_500.0 * 86_400

    func validate() throws {
        guard let seconds = Health.seconds(since) else { throw ValidationError("--since '\(since)' is not a duration such as 1h, 24h or 7d") }
        guard seconds <= Self.longestWindowSeconds else {
            throw ValidationError("--since '\(since)' reaches back further than 36500d (100 years, the longest CYCLE_RETENTION_DAYS keeps); use a shorter window")
        }
        try OperatorFile.check(prometheus, option: "--prometheus")
    }

    func run() async throws {
        let state = try await StateAccess(options: store)
        let start = Date().addingTimeInterval(-(Health.seconds(since) ?? 86_400))
        // Aborted and deadline-stopped cycles are in the report files only: they are counted too.
        // (With Firestore every report is in the store and this runner has no files.)
        let stored = try await state.store.reports(since: start)
        let reports = state.database == nil ? stored : KeptReportFiles(stateDirectory: store.directory(state.settings)).merged(withStored: stored, since: start)
        let figures = CycleStatistics(
            calls: try await state.store.callRecords(since: start), reports: reports,
            journal: try await state.store.recentEntries(since: start), since: start
        )
        if let prometheus {
            // Written beside it, then renamed: the collector never reads a half-written file.
            try OperatorFile.write(figures.prometheusText, to: prometheus)
        }
        if json {
            print(JSONWriter.string(figures.json))
        } else {
            print(figures.table)
        }
    }
}

/// The figures `cycle stats` prints, computed from audit rows, reports and the journal.
struct CycleStatistics {
    /// SPEC §13.3's thresholds.
    enum Verdict: String, Comparable {
        case healthy, watch, investigate
        static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.rank < rhs.rank }
        private var rank: Int { self == .healthy ? 0 : self == .watch ? 1 : 2 }

        static func errorRate(_ percent: Double) -> Verdict { percent < 1 ? .healthy : percent > 3 ? .investigate : .watch }
        static func latency(_ p95: Double) -> Verdict { p95 < 400 ? .healthy : p95 > 600 ? .investigate : .watch }
    }

    struct Endpoint {
        var peer: String
        var endpoint: String
        var count: Int
        var errors: Int
        var latencies: [Double]

        var errorPercent: Double { count == 0 ? 0 : Double(errors) * 100 / Double(count) }
        func percentile(_ p: Double) -> Double { CycleStatistics.percentile(latencies, p) }
        var verdict: Verdict { max(Verdict.errorRate(errorPercent), Verdict.latency(percentile(95))) }
    }

    let endpoints: [Endpoint]
    let cyclesByStatus: [String: Int]
    let cyclesByRung: [String: Int]
    /// `YYYYMMDD` → (orders, rejections).
    let ordersByDay: [String: (orders: Int, rejections: Int)]
    let since: Date

    init(calls: [CallRecord], reports: [String], journal: [JournalEntry], since: Date) {
        var grouped: [String: Endpoint] = [:]
        for call in calls {
            let key = "\(call.peer) \(call.method) \(call.path)"
            var endpoint = grouped[key] ?? Endpoint(peer: call.peer, endpoint: "\(call.method) \(call.path)", count: 0, errors: 0, latencies: [])
            endpoint.count += 1
            if call.outcome != .ok { endpoint.errors += 1 }
            endpoint.latencies.append(call.latencyMilliseconds)
            grouped[key] = endpoint
        }
        endpoints = grouped.values.sorted { ($0.peer, $0.endpoint) < ($1.peer, $1.endpoint) }
        var byStatus: [String: Int] = [:], byRung: [String: Int] = [:]
        for text in reports {
            guard let report = try? JSONParser.parse(text) else { continue }
            byStatus[report["status"]?.stringValue ?? "unknown", default: 0] += 1
            if let rung = report["diagnostics"]?["pool_resolution"]?["rung"]?.stringValue { byRung[rung, default: 0] += 1 }
        }
        cyclesByStatus = byStatus
        cyclesByRung = byRung
        var orders: [String: (orders: Int, rejections: Int)] = [:]
        for entry in journal where entry.kind == .order {
            var day = orders[entry.tradeDate] ?? (0, 0)
            day.orders += 1
            if case .rejected? = entry.outcome { day.rejections += 1 }
            orders[entry.tradeDate] = day
        }
        ordersByDay = orders
        self.since = since
    }

    /// Nearest rank: the smallest value with at least p % of the values at or below it.
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    var rungVerdict: Verdict { (cyclesByRung["static"] ?? 0) > 0 ? .investigate : .healthy }

    var json: JSONValue {
        [
            "since": .string(since.isoWithOffset),
            "endpoints": .array(endpoints.map { endpoint in
                [
                    "peer": .string(endpoint.peer), "endpoint": .string(endpoint.endpoint), "count": .int(Int64(endpoint.count)),
                    "errors": .int(Int64(endpoint.errors)), "error_pct": .double(endpoint.errorPercent),
                    "p50_ms": .double(endpoint.percentile(50)), "p95_ms": .double(endpoint.percentile(95)), "p99_ms": .double(endpoint.percentile(99)),
                    "verdict": .string(endpoint.verdict.rawValue),
                ]
            }),
            "cycles": [
                "by_status": .sortedObject(cyclesByStatus.mapValues { .int(Int64($0)) }),
                "by_rung": .sortedObject(cyclesByRung.mapValues { .int(Int64($0)) }),
                "rung_verdict": .string(rungVerdict.rawValue),
            ],
            "orders_by_day": .sortedObject(ordersByDay.mapValues { ["orders": .int(Int64($0.orders)), "rejections": .int(Int64($0.rejections))] }),
        ]
    }

    var table: String {
        var lines = ["Since \(since.isoWithOffset)", "peer       endpoint                                        count  err%   p50ms   p95ms   p99ms  verdict"]
        for endpoint in endpoints {
            lines.append(String(format: "%-10@ %-46@ %6d %5.1f %7.0f %7.0f %7.0f  %@", endpoint.peer, endpoint.endpoint, endpoint.count,
                                endpoint.errorPercent, endpoint.percentile(50), endpoint.percentile(95), endpoint.percentile(99), endpoint.verdict.rawValue))
        }
        if endpoints.isEmpty { lines.append("(no requests recorded)") }
        lines.append("Cycles     " + cyclesByStatus.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        lines.append("Pool rung  " + cyclesByRung.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "  \(rungVerdict.rawValue)")
        for (day, figures) in ordersByDay.sorted(by: { $0.key < $1.key }) {
            lines.append("Orders     \(day): \(figures.orders) sent, \(figures.rejections) refused")
        }
        return lines.joined(separator: "\n")
    }

    /// The text exposition format; one gauge family per figure.
    var prometheusText: String {
        func escape(_ text: String) -> String { text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") }
        var lines = [
            "# HELP cycle_peer_requests Requests to a peer endpoint in the window.", "# TYPE cycle_peer_requests gauge",
        ]
        for endpoint in endpoints {
            lines.append("cycle_peer_requests{peer=\"\(escape(endpoint.peer))\",endpoint=\"\(escape(endpoint.endpoint))\"} \(endpoint.count)")
        }
        lines += ["# HELP cycle_peer_error_ratio Share of requests that failed.", "# TYPE cycle_peer_error_ratio gauge"]
        for endpoint in endpoints {
            lines.append("cycle_peer_error_ratio{peer=\"\(escape(endpoint.peer))\",endpoint=\"\(escape(endpoint.endpoint))\"} \(endpoint.errorPercent / 100)")
        }
        lines += ["# HELP cycle_peer_latency_milliseconds Request latency percentiles.", "# TYPE cycle_peer_latency_milliseconds gauge"]
        for endpoint in endpoints {
            for (quantile, p) in [("0.5", 50.0), ("0.95", 95.0), ("0.99", 99.0)] {
                lines.append("cycle_peer_latency_milliseconds{peer=\"\(escape(endpoint.peer))\",endpoint=\"\(escape(endpoint.endpoint))\",quantile=\"\(quantile)\"} \(endpoint.percentile(p))")
            }
        }
        lines += ["# HELP cycle_cycles Cycles in the window by status.", "# TYPE cycle_cycles gauge"]
        for (status, count) in cyclesByStatus.sorted(by: { $0.key < $1.key }) { lines.append("cycle_cycles{status=\"\(escape(status))\"} \(count)") }
        lines += ["# HELP cycle_pool_rung Cycles in the window by pool rung.", "# TYPE cycle_pool_rung gauge"]
        for (rung, count) in cyclesByRung.sorted(by: { $0.key < $1.key }) { lines.append("cycle_pool_rung{rung=\"\(escape(rung))\"} \(count)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
