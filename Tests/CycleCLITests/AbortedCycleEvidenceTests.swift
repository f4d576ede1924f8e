import Engine
import Foundation
import GRDB
import Testing
import TestSupport

/// Every cycle leaves evidence `cycle health` and `cycle stats` read, whatever its status: an
/// aborted cycle (which does not write the database) is seen through its report file.
@Suite struct AbortedCycleEvidenceTests {
    let stateDirectory = CycleBinary.scratchStateDirectory()

    func cycle(_ arguments: [String] = []) throws -> CycleBinary.Output {
        try CycleBinary.run(arguments + ["--state-dir", stateDirectory.path])
    }

    @Test func threeAbortsAfterAnOkCycleAreUnhealthyAndCounted() throws {
        #expect(try cycle(["--run-id", "fine"]).exitCode == 0)
        #expect(try cycle(["health"]).exitCode == 0)
        // The state document becomes unreadable: each following cycle aborts before touching anything.
        try DatabaseQueue(path: stateDirectory.appendingPathComponent("cycle.sqlite").path).write { db in
            try db.execute(sql: "UPDATE state_document SET document = '{\"daily_equity_base\": ' WHERE account = 'paper'")
        }
        for attempt in 1...3 {
            let aborted = try cycle(["--run-id", "broken-\(attempt)"])
            #expect(aborted.exitCode == 2, "\(aborted.stderr)")
        }

        let health = try cycle(["health"])
        #expect(health.exitCode == 1, "\(health.stdout)")
        #expect(health.stdout.contains("broken-3"), "\(health.stdout)")
        #expect(health.stdout.contains("ended aborted"), "\(health.stdout)")

        let stats = try cycle(["stats", "--json"])
        #expect(stats.exitCode == 0, "\(stats.stderr)")
        let byStatus = try JSONParser.parse(Data(stats.stdout.utf8))["cycles"]?["by_status"]
        #expect(byStatus?["ok"] == 1, "\(stats.stdout)")
        #expect(byStatus?["aborted"] == 3, "\(stats.stdout)")
    }

    @Test func aCycleStoppedByItsDeadlineIsSeenByHealthAndStats() async throws {
        let setup = try await BinanceCycleTests.Setup.start(extra: ["BINANCE_DRY_RUN": "false"])
        #expect(try await setup.run(["--run-id", "fine"]).exitCode == 0)
        await setup.fake.inject(.delay(seconds: 60), on: "GET /api/v3/account", times: 10)
        let stuck = try await setup.run(["--run-id", "stuck"], ["CYCLE_DEADLINE_SECONDS": "3"])
        #expect(stuck.exitCode == 1, "\(stuck.stderr)")
        await setup.fake.clearFaults()

        let health = try await setup.run(["health"])
        #expect(health.exitCode == 1, "\(health.stdout)")
        #expect(health.stdout.contains("stuck") && health.stdout.contains("ended error"), "\(health.stdout)")
        let stats = try await setup.run(["stats", "--json"])
        let byStatus = try JSONParser.parse(Data(stats.stdout.utf8))["cycles"]?["by_status"]
        #expect(byStatus?["ok"] == 1 && byStatus?["error"] == 1, "\(stats.stdout)")
        await setup.fake.stop()
    }
}
