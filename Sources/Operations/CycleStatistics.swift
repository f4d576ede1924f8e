import Engine
import Foundation

/// The figures `cycle stats` prints, computed from audit rows, reports and the journal.
public struct CycleStatistics {
    /// docs/commands.md#evidence-for-operators's thresholds.
    public enum Verdict: String, Comparable, Sendable {
        case healthy, watch, investigate
        public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.rank < rhs.rank }
        private var rank: Int { self == .healthy ? 0 : self == .watch ? 1 : 2 }

        public static func errorRate(_ percent: Double) -> Verdict { percent < 1 ? .healthy : percent > 3 ? .investigate : .watch }
        public static func latency(_ p95: Double) -> Verdict { p95 < 400 ? .healthy : p95 > 600 ? .investigate : .watch }
    }

    public struct Endpoint {
        public var peer: String
        public var endpoint: String
        public var count: Int
        public var errors: Int
        public var latencies: [Double]

        public var errorPercent: Double { count == 0 ? 0 : Double(errors) * 100 / Double(count) }
        public func percentile(_ p: Double) -> Double { CycleStatistics.percentile(latencies, p) }
        public var verdict: Verdict { max(Verdict.errorRate(errorPercent), Verdict.latency(percentile(95))) }
    }

    public let endpoints: [Endpoint]
    public let cyclesByStatus: [String: Int]
    public let cyclesByRung: [String: Int]
    /// `YYYYMMDD` → (orders, rejections).
    public let ordersByDay: [String: (orders: Int, rejections: Int)]
    public let since: Date

    public init(calls: [CallRecord], reports: [String], journal: [JournalEntry], since: Date) {
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
    public static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    public var rungVerdict: Verdict { (cyclesByRung["static"] ?? 0) > 0 ? .investigate : .healthy }

    public var json: JSONValue {
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

    public var table: String {
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
    public var prometheusText: String {
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
