import Engine
import Foundation
import Testing

/// The oracle for the redesign into one decision core (issue #22, docs/architecture.md#one-decision-core-two-shells): the ordered port
/// calls of today's cycle in a few scenarios, compared with `Golden/port_calls_<scenario>.txt`,
/// recorded on 0.9.2 before any code moved. The live shell must make the same effects in the same
/// order; a change on purpose re-records them (`PORT_CALLS_GOLDEN_RECORD=1`) and says why.
@Suite struct PortCallGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func scenarios() -> [(String, Scenario)] {
        var rotation = Scenario()
        rotation.exchange.spot["XRP"] = SpotBalance(free: 100, locked: 0)
        rotation.state = ["XRPUSDT": ["is_holding": true, "entry_price": 1.0, "highest_price": 1.1]]
        var heldSold = Scenario()
        heldSold.exchange.spot["ETH"] = SpotBalance(free: 0.19, locked: 0)
        heldSold.state = ["ETHUSDT": ["is_holding": true, "entry_price": 2600.0, "highest_price": 2700.0],
                         "last_reset_date": "2026-03-15", "daily_equity_base": 3000.0, "daily_trend_equity_base": 2000.0]
        var halted = Scenario()
        halted.state = ["operator_control": ["mode": "halt", "reason": "drill", "set_by": "ops", "set_at": "2026-03-14T00:00:00+00:00"]]
        return [("reference", Scenario()), ("rotation_sell", rotation), ("held_position_sold", heldSold), ("halted", halted)]
    }

    @Test(arguments: scenarios().map(\.0)) func theCyclesPortCallsMatchTheirGolden(name: String) async throws {
        let scenario = try #require(Self.scenarios().first { $0.0 == name }?.1)
        let calls = PortCalls()
        let result = await scenario.run(portCalls: calls)
        let produced = "# status \(result.report.status.rawValue)\n" + calls.transcript
        let url = Self.golden.appendingPathComponent("port_calls_\(name).txt")
        if ProcessInfo.processInfo.environment["PORT_CALLS_GOLDEN_RECORD"] == "1" {
            try Data(produced.utf8).write(to: url)
            Issue.record("recorded \(url.lastPathComponent); run again without PORT_CALLS_GOLDEN_RECORD to compare")
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(produced == expected, "\(name): \(Self.firstDifference(produced, expected))")
        #expect(produced.contains("placeMarketOrder") || name == "halted", "the scenario trades")
    }

    static func firstDifference(_ produced: String, _ expected: String) -> String {
        let a = produced.split(separator: "\n", omittingEmptySubsequences: false)
        let b = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : "<none>"
            let right = index < b.count ? String(b[index]) : "<none>"
            if left != right { return "line \(index + 1): produced \(left) expected \(right)" }
        }
        return "identical"
    }
}
