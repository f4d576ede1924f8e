import Engine
import Foundation
import Operations
import Testing

/// `cycle stats`' figures from audit rows, reports and the journal (docs/commands.md#evidence-for-operators's verdicts).
@Suite struct CycleStatisticsTests {
    let now = Date()

    func call(_ path: String, latency: Double, outcome: CallRecord.Outcome = .ok) -> CallRecord {
        CallRecord(at: now, peer: "binance", method: "GET", path: path, status: outcome == .ok ? 200 : 500, code: nil,
                   latencyMilliseconds: latency, usedWeight: nil, outcome: outcome)
    }

    @Test func endpointsGetCountsErrorRatesNearestRankPercentilesAndVerdicts() {
        var calls = (1...100).map { call("/api/v3/account", latency: Double($0)) }
        calls += (1...50).map { call("/api/v3/klines", latency: $0 == 1 ? 900 : 100, outcome: $0 <= 2 ? .error : .ok) }
        let figures = CycleStatistics(calls: calls, reports: [], journal: [], since: now.addingTimeInterval(-3600))
        let account = try! #require(figures.endpoints.first { $0.endpoint == "GET /api/v3/account" })
        #expect(account.count == 100 && account.errors == 0)
        #expect(account.percentile(50) == 50 && account.percentile(95) == 95 && account.percentile(99) == 99)
        #expect(account.verdict == .healthy)
        let klines = try! #require(figures.endpoints.first { $0.endpoint == "GET /api/v3/klines" })
        #expect(klines.errorPercent == 4 && klines.verdict == .investigate, "4 % errors is over the 3 % investigate line")
        #expect(CycleStatistics.Verdict.latency(500) == .watch && CycleStatistics.Verdict.latency(601) == .investigate)
    }

    @Test func cyclesAreCountedByStatusAndRungAndOrdersByDay() {
        let reports = [
            #"{"status":"ok","diagnostics":{"pool_resolution":{"rung":"fresh_upstream"}}}"#,
            #"{"status":"error","diagnostics":{"pool_resolution":{"rung":"static"}}}"#,
            "not json",
        ]
        let entry = { (id: String, outcome: JournalOutcome?) in
            JournalEntry(clientOrderId: id, runId: "r", kind: .order, purpose: .trendBuy, symbol: "ETHUSDT", side: .buy, requestedAmount: "1",
                         sizeIsQuote: true, decisionPrice: 1, tradeDate: "20261207", createdAt: now, outcome: outcome)
        }
        let figures = CycleStatistics(calls: [], reports: reports, journal: [entry("a", nil), entry("b", .rejected("-2010"))], since: now)
        #expect(figures.cyclesByStatus == ["ok": 1, "error": 1])
        #expect(figures.cyclesByRung == ["fresh_upstream": 1, "static": 1])
        #expect(figures.rungVerdict == .investigate, "a static rung is investigated")
        #expect(figures.ordersByDay["20261207"]?.orders == 2 && figures.ordersByDay["20261207"]?.rejections == 1)
        #expect(figures.prometheusText.contains("cycle_cycles{status=\"ok\"} 1"))
    }
}
