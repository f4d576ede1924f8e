import Engine
import Foundation
import GRDB
import Testing
import TestSupport

/// Issue 13: every cycle ends within CYCLE_DEADLINE_SECONDS whatever the peers do, with an
/// `error` report, the lease released and an alert; and the HTTP layer does not hang when a
/// ban arrives while other requests are in flight.
@Suite(.serialized)
struct DeadlineCycleTests {
    typealias Setup = BinanceCycleTests.Setup

    /// A peer that never answers in time (the account read takes 60 s; the HTTP timeout is 30 s):
    /// the watchdog stops the cycle at 3 s.
    @Test func aCycleStuckOnAPeerIsStoppedAtItsDeadline() async throws {
        let telegram = try await FakeTelegram.launch()
        let setup = try await Setup.start(extra: [
            "TG_TOKEN": FakeTelegram.testToken, "GLOBAL_TELEGRAM_CHAT_ID": FakeTelegram.testChatId,
            "TELEGRAM_BASE_URL": await telegram.baseURL.absoluteString, "CYCLE_DEADLINE_SECONDS": "3",
        ])
        await setup.fake.inject(.delay(seconds: 60), on: "GET /api/v3/account", times: 10)
        let started = Date()
        let output = try await setup.run(["--run-id", "stuck"], ["BINANCE_DRY_RUN": "false"])
        let elapsed = Date().timeIntervalSince(started)
        #expect(output.exitCode == 1, "\(output.stderr)")
        #expect(elapsed < 25, "stopped at the deadline, not after the peer's 60 s (took \(elapsed) s)")
        #expect(output.stderr.contains("CYCLE_DEADLINE_SECONDS"))

        let reportURL = setup.state.appendingPathComponent("reports/stuck.json")
        let report = try JSONParser.parse(Data(contentsOf: reportURL))
        #expect(report["status"] == "error")
        #expect(report["error_summary"]?["errors"]?.objects.first?["stage"] == "deadline")
        #expect(report["notifications"]?.objects.first?["delivery_status"] == "sent")
        #expect(await telegram.messages.contains { $0.text.contains("CYCLE_DEADLINE_SECONDS") }, "the operator was alerted")

        // The lease was released: the next cycle runs at once instead of exiting 2 on a held lease.
        await setup.fake.clearFaults()
        let next = try await setup.run(["--run-id", "after"], ["BINANCE_DRY_RUN": "false"])
        #expect(next.exitCode == 0, "\(next.stderr)")
        await setup.fake.stop()
        await telegram.stop()
    }

    /// 50 runs with a 418 on the Simple Earn position read while the other reads of the market
    /// step are in flight (50 ms latency): each run ends well within a 20 s deadline with a
    /// report, and the next run finds the lease free.
    @Test func aBanAnsweredWhileOtherRequestsAreInFlightNeverHangsACycle() async throws {
        let setup = try await Setup.start(extra: ["CYCLE_DEADLINE_SECONDS": "20"])
        await setup.fake.setLatency(0.05)
        for run in 1...50 {
            await setup.fake.clearFaults()
            await setup.fake.inject(.status(418, code: -1003, message: "Way too much request weight used; IP banned until 1700000000000.", retryAfter: 120),
                                    on: "GET /sapi/v1/simple-earn/flexible/position", times: 1)
            let started = Date()
            let output = try await setup.run(["--run-id", "ban-\(run)", "--json"], ["BINANCE_DRY_RUN": "false"])
            let elapsed = Date().timeIntervalSince(started)
            #expect([0, 1].contains(output.exitCode), "run \(run) exited \(output.exitCode): \(output.stderr.suffix(400))")
            #expect(elapsed < 20, "run \(run) took \(elapsed) s")
            #expect(output.report?["status"] != nil, "run \(run) wrote a report")
            #expect(!output.stderr.contains("CYCLE_DEADLINE_SECONDS"), "run \(run) ended on its own, not by the watchdog")
        }
        await setup.fake.stop()
    }
}
