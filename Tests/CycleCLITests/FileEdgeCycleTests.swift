import Engine
import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 21, items 5, 7, 8 and 13 (a–c): the files the engine writes and reads, the run id as a
/// file name, and the bounds of the operator commands — the built binary, as an operator runs it.
@Suite struct FileEdgeCycleTests {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cycle-files-\(UUID().uuidString)", isDirectory: true)
    var stateDirectory: URL { scratch.appendingPathComponent("state", isDirectory: true) }

    init() throws {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    func cycle(_ arguments: [String]) throws -> CycleBinary.Output {
        try CycleBinary.run(arguments + ["--state-dir", stateDirectory.path])
    }

    func count(_ table: String) throws -> Int {
        try DatabaseQueue(path: stateDirectory.appendingPathComponent("cycle.sqlite").path).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
        }
    }

    /// Item 5: the old code renamed its temporary over whatever FILE was (a FIFO became a file).
    @Test func statsRefusesToReplaceAFIFOOrALinkWithPrometheusFigures() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        #expect(try cycle(["run", "--now", "2026-10-31T12:00:00Z"]).exitCode == 0, "a store for stats to read")
        let fifo = scratch.appendingPathComponent("cycle.prom")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let refused = try cycle(["stats", "--prometheus", fifo.path])
        #expect(refused.exitCode != 0)
        #expect(refused.stderr.contains("\(fifo.path) was not written: it exists and is a FIFO (named pipe), not a regular file"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("NSCocoaErrorDomain"))
        #expect(FileKind.at(fifo.path, followingLinks: false) == .fifo, "the FIFO is still there")

        let victim = scratch.appendingPathComponent("victim.txt")
        try Data("precious\n".utf8).write(to: victim)
        let link = scratch.appendingPathComponent("linked.prom")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: victim.path)
        let linked = try cycle(["stats", "--prometheus", link.path])
        #expect(linked.exitCode != 0)
        #expect(linked.stderr.contains("\(link.path) was not written: it is a symbolic link"), "\(linked.stderr)")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")

        let file = scratch.appendingPathComponent("ok.prom")
        let written = try cycle(["stats", "--prometheus", file.path])
        #expect(written.exitCode == 0, "\(written.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("# HELP cycle_peer_requests"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted()
            == ["cycle.prom", "linked.prom", "ok.prom", "state", "victim.txt"], "no temporary left behind")
    }

    /// Item 8: `reports/<run id>.json` with `../../escaped` wrote outside the state folder.
    @Test func aRunIdOutsideTheSafeAlphabetIsRefusedBeforeAnythingIsWritten() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let escaped = try cycle(["--run-id", "../../escaped"])
        #expect(escaped.exitCode == 64)
        #expect(escaped.stderr.contains("--run-id must be 1 to 128 characters of letters A-Z and a-z, digits 0-9, '.', '_' and '-'"), "\(escaped.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("escaped.json").path))
        #expect(!FileManager.default.fileExists(atPath: stateDirectory.path), "nothing was opened or traded")
        let replay = try CycleBinary.replay(CycleBinary.bundledFixtures, runId: "../escaped")
        #expect(replay.exitCode == 64 && replay.stderr.contains("--run-id must be"), "\(replay.stderr)")
        for bad in [".hidden", "a/b", String(repeating: "x", count: 129), "día"] {
            #expect(try cycle(["--run-id", bad, "--dry-run"]).exitCode == 64, "\(bad)")
        }
    }

    /// Item 7: `--days 3000000` put the cutoff before year 1, formatted without an era sign, and
    /// the text comparison then deleted every report and the whole history.
    @Test func pruneWithAHugeDaysIsRefusedAndDeletesNothing() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        #expect(try cycle([]).exitCode == 0)
        let reports = try count("execution_report"), writes = try count("state_write")
        #expect(reports == 1 && writes > 1)
        let huge = try cycle(["state", "prune", "--days", "3000000"])
        #expect(huge.exitCode == 64)
        #expect(huge.stderr.contains("--days 3000000 is outside 1…36500"), "\(huge.stderr)")
        #expect(try count("execution_report") == reports && count("state_write") == writes)
        let longest = try cycle(["state", "prune", "--days", "36500"])
        #expect(longest.exitCode == 0, "\(longest.stderr)")
        #expect(try count("execution_report") == reports && count("state_write") == writes, "a recent cycle is younger than 100 years")
        #expect(try cycle(["state", "prune", "--days", "0"]).exitCode == 64)
    }

    /// Item 7: `stats --since` is bounded like retention, and counts by instant.
    @Test func statsSinceIsBoundedAndCountsTheRecentCycle() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        #expect(try cycle([]).exitCode == 0)
        let far = try cycle(["stats", "--since", "3650000d"])
        #expect(far.exitCode == 64)
        #expect(far.stderr.contains("--since '3650000d' reaches back further than 36500d"), "\(far.stderr)")
        let longest = try cycle(["stats", "--since", "36500d", "--json"])
        #expect(longest.exitCode == 0, "\(longest.stderr)")
        #expect(try JSONParser.parse(longest.stdout)["cycles"]?["by_status"] == ["ok": 1], "\(longest.stdout)")
    }

    /// Item 13 (b): `--limit 0` printed a row.
    @Test func ordersAndHistoryRefuseALimitBelowOne() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        #expect(try cycle([]).exitCode == 0)
        let orders = try cycle(["orders", "--limit", "0"])
        #expect(orders.exitCode == 64 && orders.stderr.contains("--limit 0 must be at least 1"), "\(orders.stdout)\(orders.stderr)")
        #expect(orders.stdout.isEmpty)
        #expect(try cycle(["state", "history", "--all", "--limit", "-1"]).exitCode == 64)
        let one = try cycle(["orders", "--limit", "1", "--json"])
        #expect(try JSONParser.parse(one.stdout).arrayValue?.count == 1, "\(one.stdout)")
    }

    /// Item 13 (c): a FIFO named like a data month was refused as "You don't have permission";
    /// it is refused as what it is, and opening it never blocks the backtest.
    @Test func aFIFONamedLikeADataMonthIsRefusedAsNotARegularFile() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let data = scratch.appendingPathComponent("data", isDirectory: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let fifo = data.appendingPathComponent("BTCUSDT-1h-2024-01.csv")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let running = try CycleBinary.start(["backtest", "--data", data.path, "--out", scratch.appendingPathComponent("out").path])
        // A generous bound that only proves it did not block on the FIFO (it ends in milliseconds).
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { running.process.waitUntilExit(); finished.signal() }
        if finished.wait(timeout: .now() + 60) == .timedOut {
            running.process.terminate()
            Issue.record("the backtest blocked on the FIFO")
        }
        let run = running.finish()
        #expect(run.exitCode != 0)
        #expect(run.stderr.contains("\(fifo.path) is a FIFO (named pipe), not a regular file"), "\(run.stderr)")
        #expect(!run.stderr.contains("permission"), "\(run.stderr)")
    }

    /// Backtest outputs follow the same rule: a link planted at `summary.json` is refused.
    @Test func aBacktestOutputThatIsALinkIsRefused() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out", isDirectory: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let victim = scratch.appendingPathComponent("victim.txt")
        try Data("precious\n".utf8).write(to: victim)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("summary.json").path, withDestinationPath: victim.path)
        let run = try CycleBinary.run(["backtest", "--from", "2026-10-25", "--out", out.path, "--state-dir", stateDirectory.path])
        #expect(run.exitCode != 0)
        #expect(run.stderr.contains("summary.json was not written: it is a symbolic link"), "\(run.stderr)")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
    }

    /// `state export FILE` and `run --output FILE` refuse what is not a regular file (exit 64, before anything runs).
    @Test func exportAndOutputRefuseANonRegularFile() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        #expect(try cycle([]).exitCode == 0)
        let fifo = scratch.appendingPathComponent("export.json")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let export = try cycle(["state", "export", fifo.path])
        #expect(export.exitCode == 64 && export.stderr.contains("is a FIFO (named pipe), not a regular file"), "\(export.stderr)")
        let output = try cycle(["--dry-run", "--output", fifo.path])
        #expect(output.exitCode == 64 && output.stderr.contains("--output: \(fifo.path) was not written"), "\(output.stderr)")
        #expect(FileKind.at(fifo.path, followingLinks: false) == .fifo)
        let file = scratch.appendingPathComponent("document.json")
        #expect(try cycle(["state", "export", file.path]).exitCode == 0)
        #expect(try JSONParser.parse(Data(contentsOf: file)).objectValue != nil)
    }
}
