import Engine
import Foundation
import GRDB
import Operations
import Testing

/// Issue #24: every cycle that decides records what its decisions read; `replay --recorded`
/// runs it again offline and `--since` measures the signal divergence of a window.
@Suite struct RecordedReplayTests {
    let stateDirectory = CycleBinary.scratchStateDirectory()
    /// Five paper days ending on the bundled market's last day, at noon UTC.
    static let days = ["2026-10-27", "2026-10-28", "2026-10-29", "2026-10-30", "2026-10-31"].map { $0 + "T12:00:00Z" }

    func cycle(_ arguments: [String]) throws -> CycleBinary.Output {
        try CycleBinary.run(arguments + ["--state-dir", stateDirectory.path])
    }

    func keptReport(_ runId: String) throws -> JSONValue {
        try JSONParser.parse(Data(contentsOf: stateDirectory.appendingPathComponent("reports/\(runId).json")))
    }

    func runFiveDays() throws {
        for (index, day) in Self.days.enumerated() {
            let run = try cycle(["--run-id", "day-\(index)", "--now", day])
            #expect(run.exitCode == 0, "\(run.stderr)")
        }
    }

    @Test func aRecordedPaperCycleReplaysAndExportsToTheSameDecisions() throws {
        defer { try? FileManager.default.removeItem(at: stateDirectory) }
        try runFiveDays()
        let then = try keptReport("day-0")
        #expect(!SignalComparison.orderIntents(then).isEmpty, "the first day trades, so the comparison compares something")

        let replayed = try cycle(["replay", "--recorded", "--run-id", "day-0"])
        #expect(replayed.exitCode == 0, "\(replayed.stderr)")
        let now = try #require(replayed.report)
        #expect(now["dry_run"] == true)
        let difference = SignalComparison.compare(runId: "day-0", then: then, now: now)
        #expect(difference.isSame, "\(difference.lines)")
        #expect(replayed.stderr.contains("recorded replay of day-0: same"))

        let folder = stateDirectory.appendingPathComponent("exported", isDirectory: true)
        let exported = try cycle(["replay", "--recorded", "--run-id", "day-0", "--export", folder.path])
        #expect(exported.exitCode == 0, "\(exported.stderr)")
        for file in ["account_balances_snapshot.json", "initial_state_snapshot.json", "pool_input_snapshot.json", "market_data_snapshot.json"] {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains(stateDirectory.path) && !text.contains(CycleBinary.repositoryRoot.path), "\(file) names no path of this machine")
        }
        let fromFolder = try CycleBinary.run(["replay", "--run-id", "day-0", "--fixtures-dir", folder.path, "--now", Self.days[0]])
        #expect(fromFolder.exitCode == 0, "\(fromFolder.stderr)")
        let again = SignalComparison.compare(runId: "day-0", then: then, now: try #require(fromFolder.report))
        #expect(again.isSame, "\(again.lines)")

        let window = try cycle(["replay", "--recorded", "--since", "30d", "--json"])
        #expect(window.exitCode == 0, "\(window.stderr)")
        let summary = try #require(window.report)
        #expect(summary["cycles"] == 5 && summary["signal_divergence_pct"]?.numberValue == 0)
    }

    @Test func aChangedRecordedInputIsADivergenceNamedWithItsIntents() throws {
        defer { try? FileManager.default.removeItem(at: stateDirectory) }
        for (index, day) in Self.days.prefix(2).enumerated() {
            #expect(try cycle(["--run-id", "day-\(index)", "--now", day]).exitCode == 0)
        }
        // As if the account had held 50 USDT then: the same inputs otherwise.
        try DatabaseQueue(path: stateDirectory.appendingPathComponent("cycle.sqlite").path).write { db in
            try db.execute(sql: """
                UPDATE execution_report SET inputs = json_set(inputs, '$.files."account_balances_snapshot.json".spot_balances.USDT.free', 50.0)
                WHERE run_id = 'day-0'
                """)
        }
        let window = try cycle(["replay", "--recorded", "--since", "30d"])
        #expect(window.exitCode == 1)
        #expect(window.stdout.contains("day-0: intent decided then, not now:"), "\(window.stdout)")
        #expect(window.stdout.contains("day-1: same"))
        #expect(window.stdout.contains("signal divergence: 1 of 2 recorded cycles decided different orders (50.0 %; limit 0.0 %) — OVER the limit"))
        let tolerant = try cycle(["replay", "--recorded", "--since", "30d", "--max-divergence", "50"])
        #expect(tolerant.exitCode == 0, "50 % divergence is within a 50 % limit")
    }

    @Test func aDryRunRecordsNothingAndSaysSo() throws {
        defer { try? FileManager.default.removeItem(at: stateDirectory) }
        #expect(try cycle(["--run-id", "kept", "--now", Self.days[0]]).exitCode == 0)
        #expect(try cycle(["--run-id", "dry", "--dry-run", "--now", Self.days[1]]).exitCode == 0)
        let missing = try cycle(["replay", "--recorded", "--run-id", "dry"])
        #expect(missing.exitCode == 64 && missing.stderr.contains("No recorded inputs for run dry"))
        let size = try DatabaseQueue(path: stateDirectory.appendingPathComponent("cycle.sqlite").path).read { db in
            try Int.fetchOne(db, sql: "SELECT length(inputs) FROM execution_report WHERE run_id = 'kept'")
        }
        #expect((size ?? 0) > 0 && (size ?? .max) <= 16_384, "issue #24: at most 16 KB of recorded inputs per cycle (\(size ?? -1) bytes)")
    }
}

/// The comparison itself: the sizes within 0.5 % are one decision; gates and writes are named.
@Suite struct SignalComparisonTests {
    func report(_ intents: [JSONValue], gates: [JSONValue] = [], writes: [String] = []) -> JSONValue {
        ["buy_sell_intents": .array(intents), "btc_dca_intents": [], "gating_events": .array(gates),
         "state_write_intents": .array(writes.map { ["reason": .string($0)] })]
    }

    func buy(_ symbol: String, _ quote: Double) -> JSONValue {
        ["category": "trend", "action": "buy", "symbol": .string(symbol), "quote_order_qty": .double(quote)]
    }

    @Test func sizesWithinHalfAPercentAreTheSameDecision() {
        let then = report([buy("SOLUSDT", 1000)])
        #expect(SignalComparison.compare(runId: "r", then: then, now: report([buy("SOLUSDT", 1004.9)])).isSame)
        let bigger = SignalComparison.compare(runId: "r", then: then, now: report([buy("SOLUSDT", 1006)]))
        #expect(bigger.intentsDiffer && bigger.missingIntents.count == 1 && bigger.newIntents.count == 1)
        let other = SignalComparison.compare(runId: "r", then: then, now: report([buy("ETHUSDT", 1000)]))
        #expect(other.lines == ["intent decided then, not now: trend buy SOLUSDT 1000", "intent decided now, not then: trend buy ETHUSDT 1000"])
    }

    @Test func gatesAndWritesAreNamedButOnlyIntentsCountAsDivergence() {
        let then = report([], gates: [["gate": "cooldown", "symbol": "SOLUSDT"]], writes: ["daily_reset"])
        let now = report([], gates: [], writes: [])
        let difference = SignalComparison.compare(runId: "r", then: then, now: now)
        #expect(!difference.isSame && !difference.intentsDiffer)
        #expect(difference.lines == ["gate then, not now: cooldown SOLUSDT", "state writes then [daily_reset], now []"])
        #expect(SignalComparison.divergence([difference]) == 0)
        let changed = SignalComparison.compare(runId: "s", then: report([buy("SOLUSDT", 10)]), now: report([]))
        #expect(SignalComparison.divergence([difference, changed]) == 0.5)
    }
}
