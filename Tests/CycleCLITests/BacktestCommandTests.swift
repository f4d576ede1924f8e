import Engine
import Foundation
import Testing

/// `cycle backtest` as an operator runs it (docs/backtest.md): the built binary, an allow-listed
/// environment, scratch folders.
@Suite struct BacktestCommandTests {
    static let files = ["summary.json", "equity.csv", "trades.csv", "report.html"]

    func scratch(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("backtest-\(name)-\(UUID().uuidString)", isDirectory: true)
    }

    @Test func twoRunsOnTheBundledMarketWriteByteIdenticalOutputs() throws {
        let first = scratch("a"), second = scratch("b"), state = scratch("state")
        defer { for folder in [first, second, state] { try? FileManager.default.removeItem(at: folder) } }
        for folder in [first, second] {
            let run = try CycleBinary.run(["backtest", "--from", "2026-09-01", "--out", folder.path, "--state-dir", state.path])
            #expect(run.exitCode == 0, "\(run.stderr)")
            #expect(run.stdout.contains("Backtest 2026-09-01 … 2026-10-31: daily, 61 cycles (61 ok)"), "\(run.stdout)")
        }
        for file in Self.files {
            let a = try Data(contentsOf: first.appendingPathComponent(file)), b = try Data(contentsOf: second.appendingPathComponent(file))
            #expect(!a.isEmpty && a == b, "\(file) differs between two runs")
        }
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("cycle.sqlite").path), "a backtest never touches the store")
    }

    /// Dated artifacts are used from their as_of_date on, as published: an artifact older than
    /// the freshness limit degrades the cycle like live, and a day before the first artifact
    /// falls down the ladder.
    @Test func datedPoolsAreUsedFromTheirDateThroughTheLadder() throws {
        let pools = scratch("pools"), out = scratch("out")
        defer { for folder in [pools, out] { try? FileManager.default.removeItem(at: folder) } }
        try FileManager.default.createDirectory(at: pools, withIntermediateDirectories: true)
        var payload = try JSONParser.parse(Data(contentsOf: CycleBinary.repositoryRoot.appendingPathComponent("Fixtures/paper_market/live_pool.json"))).objectValue ?? [:]
        payload["as_of_date"] = "2026-09-15"
        try Data(JSONWriter.string(.object(payload)).utf8).write(to: pools.appendingPathComponent("2026-09-15.json"))
        let run = try CycleBinary.run(["backtest", "--from", "2026-09-14", "--to", "2026-09-16", "--pools", pools.path, "--out", out.path, "--json"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let summary = try #require(run.report)
        #expect(summary["pools"] == .string(pools.path))
        #expect(summary["cycles"]?["total"] == .int(3))
        // 09-14: no artifact yet, so the ladder falls to the static universe; then the dated one, fresh.
        #expect(summary["cycles"]?["by_pool_rung"] == ["static": 1, "fresh_upstream": 2], "\(summary["cycles"] ?? .null)")
    }

    @Test func theComparisonWithThePaperAccountNamesTheDivergence() throws {
        let state = scratch("paper"), out = scratch("out")
        defer { for folder in [state, out] { try? FileManager.default.removeItem(at: folder) } }
        for day in ["2026-10-20", "2026-10-21", "2026-10-22"] {
            let cycle = try CycleBinary.run(["--now", "\(day)T23:59:59Z", "--state-dir", state.path])
            #expect(cycle.exitCode == 0, "\(cycle.stderr)")
        }
        let run = try CycleBinary.run(["backtest", "--compare-paper", "--state-dir", state.path, "--out", out.path, "--json"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let summary = try #require(run.report)
        let comparison = try #require(summary["paper_comparison"])
        #expect(comparison["paper_cycles"] == .int(3))
        #expect(summary["period"]?["from"] == .string("2026-10-20") && summary["period"]?["to"] == .string("2026-10-22"))
        let divergence = try #require(comparison["divergence_percent"]?.numberValue)
        // Same engine, same market, same starting balances, cycles at the same moment of each day.
        #expect(abs(divergence) < 5, "divergence \(divergence) %")
        #expect(comparison["within_20_percent"] == .bool(true))
    }

    /// `--initial` funds the wallet; `--exposure-cap` trades on a fraction of equity, as EXPOSURE_CAP does.
    @Test func startingBalancesAndTheExposureCapReachTheCycles() throws {
        func summary(_ extra: [String]) throws -> JSONValue {
            let out = scratch("cap")
            defer { try? FileManager.default.removeItem(at: out) }
            let run = try CycleBinary.run(["backtest", "--from", "2026-09-01", "--out", out.path, "--json", "--initial", "USDT=20000"] + extra)
            #expect(run.exitCode == 0, "\(run.stderr)")
            return try #require(run.report)
        }
        let full = try summary([]), capped = try summary(["--exposure-cap", "0.25"])
        #expect(full["initial_balances"] == ["USDT": "20000"] && full["exposure_cap"] == .double(1))
        #expect(capped["exposure_cap"] == .double(0.25))
        let start = try #require(full["strategy"]?["initial_equity_usdt"]?.numberValue)
        #expect(start == 20_000, "USDT only, so the start is exactly the cash")
        let bought = { (summary: JSONValue) in (summary["sleeves"]?["trend"]?["bought_usdt"]?.numberValue ?? 0) + (summary["sleeves"]?["btc_core"]?["bought_usdt"]?.numberValue ?? 0) }
        #expect(bought(capped) > 0 && bought(capped) < bought(full) / 2, "a quarter of the exposure buys far less: \(bought(capped)) vs \(bought(full))")
        let badCap = try CycleBinary.run(["backtest", "--exposure-cap", "1.5", "--out", scratch("v").path])
        #expect(badCap.exitCode == 64 && badCap.stderr.contains("--exposure-cap"), "\(badCap.stderr)")
    }

    @Test func badInputsStopWithTheInputNamed() throws {
        let empty = scratch("empty")
        defer { try? FileManager.default.removeItem(at: empty) }
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let noData = try CycleBinary.run(["backtest", "--data", empty.path, "--out", scratch("x").path])
        #expect(noData.exitCode != 0 && noData.stderr.contains(empty.path) && noData.stderr.contains("generate_history.py"), "\(noData.stderr)")
        let hourly = try CycleBinary.run(["backtest", "--cadence", "hourly", "--out", scratch("y").path])
        #expect(hourly.exitCode != 0 && hourly.stderr.contains("daily candles only"), "\(hourly.stderr)")
        let initial = try CycleBinary.run(["backtest", "--initial", "USDT=ten", "--out", scratch("z").path])
        #expect(initial.exitCode != 0 && initial.stderr.contains("--initial"), "\(initial.stderr)")
        let noPaper = try CycleBinary.run(["backtest", "--compare-paper", "--state-dir", empty.path, "--out", scratch("w").path])
        #expect(noPaper.exitCode != 0 && noPaper.stderr.contains("no ok paper cycle"), "\(noPaper.stderr)")
    }

    /// `--walk-forward N` needs 1 ≤ N ≤ the period's days; anything else exits 64 saying why.
    @Test func aWalkForwardOutsideThePeriodExits64() throws {
        let none = try CycleBinary.run(["backtest", "--from", "2026-10-01", "--walk-forward", "0", "--out", scratch("wf0").path])
        #expect(none.exitCode == 64 && none.stderr.contains("--walk-forward 0") && none.stderr.contains("1 or more"), "\(none.exitCode) \(none.stderr)")
        let negative = try CycleBinary.run(["backtest", "--from", "2026-10-01", "--walk-forward=-2", "--out", scratch("wfn").path])
        #expect(negative.exitCode == 64 && negative.stderr.contains("--walk-forward -2"), "\(negative.exitCode) \(negative.stderr)")
        let tooMany = try CycleBinary.run(["backtest", "--from", "2026-10-29", "--to", "2026-10-31", "--walk-forward", "4", "--out", scratch("wf4").path])
        #expect(tooMany.exitCode == 64 && tooMany.stderr.contains("--walk-forward 4") && tooMany.stderr.contains("3 days"), "\(tooMany.exitCode) \(tooMany.stderr)")
        let out = scratch("wf3")
        defer { try? FileManager.default.removeItem(at: out) }
        let enough = try CycleBinary.run(["backtest", "--from", "2026-10-29", "--to", "2026-10-31", "--walk-forward", "3", "--out", out.path, "--json"])
        #expect(enough.exitCode == 0 && enough.report?["walk_forward"]?["windows"]?.arrayValue?.count == 3, "\(enough.stderr)")
    }

    /// A `--to` after the data's last day (the bundled market ends 2026-10-31) is cut there, said once.
    @Test func aToBeyondTheDataIsClippedAndSaidSo() throws {
        let out = scratch("clip")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CycleBinary.run(["backtest", "--from", "2026-10-25", "--to", "2027-03-01", "--out", out.path, "--json"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let said = run.stderr.split(separator: "\n").filter { $0.contains("2027-03-01") }
        #expect(said.count == 1 && said.first?.contains("the backtest ends on 2026-10-31") == true, "\(run.stderr)")
        let summary = try #require(run.report)
        #expect(summary["period"] == ["from": "2026-10-25", "to": "2026-10-31"], "\(summary["period"] ?? .null)")
        let within = try CycleBinary.run(["backtest", "--from", "2026-10-25", "--to", "2026-10-31", "--out", scratch("in").path, "--json"])
        #expect(within.exitCode == 0 && !within.stderr.contains("ends on"), "\(within.stderr)")
        let after = try CycleBinary.run(["backtest", "--from", "2027-01-01", "--to", "2027-03-01", "--out", scratch("after").path])
        #expect(after.exitCode == 64 && after.stderr.contains("after the data's last day 2026-10-31"), "\(after.exitCode) \(after.stderr)")
    }

    /// A data folder with a nan close: refused naming the file, the line and what the value is.
    @Test func aNonFiniteValueInTheDataIsNamed() throws {
        let data = scratch("nan")
        defer { try? FileManager.default.removeItem(at: data) }
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let rows = "1735603200000,100,101,99,100,1,1735606799999,0,0,0,0,0\n1735606800000,100,101,99,nan,1,1735610399999,0,0,0,0,0\n"
        try Data(rows.utf8).write(to: data.appendingPathComponent("BTCUSDT-1h-2024-12.csv"))
        let run = try CycleBinary.run(["backtest", "--data", data.path, "--out", scratch("nan-out").path])
        #expect(run.exitCode != 0 && run.stderr.contains("BTCUSDT-1h-2024-12.csv") && run.stderr.contains("line 2")
                && run.stderr.contains("close is not a finite number") && !run.stderr.contains("unreachable"), "\(run.stderr)")
    }
}
