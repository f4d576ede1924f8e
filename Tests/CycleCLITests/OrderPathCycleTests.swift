import Engine
import Foundation
import GRDB
import Testing
import TestSupport

/// The order path end to end with the real binary (issue 11): lost answers, repeated run ids,
/// and refusals an operator must see.
@Suite(.serialized)
struct OrderPathCycleTests {
    typealias Setup = BinanceCycleTests.Setup

    @Test func anExecutedOrderWhoseAnswerIsLostAndWhoseLookupsSayMinus2013IsFoundInTheHistoryAndNotBoughtAgain() async throws {
        let setup = try await Setup.start()
        await setup.fake.inject(.executeThenFail, on: "POST /api/v3/order")
        await setup.fake.inject(.orderNotYetVisible, on: "GET /api/v3/order", times: 1_000)
        let first = try await setup.run(["--json"], ["BINANCE_DRY_RUN": "false"])
        #expect(first.exitCode == 1, "an order whose outcome is unknown stops the cycle: \(first.stderr)")
        let placed = try #require(await setup.fake.orders.first, "\(first.stderr)")
        #expect(await setup.fake.orders.count == 1, "nothing else is sent after the unknown outcome")
        #expect(first.report?.objectValue?["status"] == .string("error"))

        let second = try await setup.run(["--json"], ["BINANCE_DRY_RUN": "false"])
        #expect(second.exitCode == 0, "\(second.stderr)")
        let resolutions = second.report?.objectValue?["order_journal_resolutions"]?.objects ?? []
        #expect(resolutions.first?.objectValue?["client_order_id"] == .string(placed.clientOrderId))
        #expect(resolutions.first?.objectValue?["outcome"] == .string("FILLED"))
        #expect(await setup.fake.requestCount("GET /api/v3/allOrders") >= 1, "found through the order history")
        let sameOrders = await setup.fake.orders.filter { $0.symbol == placed.symbol && $0.side == placed.side }
        #expect(sameOrders.count == 1, "\(placed.side) \(placed.symbol) was booked once and never sent again")
        if placed.side == "BUY", !["BTCUSDT", "BNBUSDT"].contains(placed.symbol) {
            #expect(try setup.storedState()?.objectValue?[placed.symbol]?.objectValue?["is_holding"] == .bool(true))
        }
        await setup.fake.stop()
    }

    /// Issue 13: the order's outcome comes from `GET /api/v3/order`; when its trades
    /// (`GET /api/v3/myTrades`) cannot be read the fill is still booked, the commission estimated
    /// and said so in the report, and the cycle goes on.
    @Test func aResolvedOrderWhoseTradesCannotBeReadIsBookedWithAnEstimatedCommission() async throws {
        let setup = try await Setup.start()
        await setup.fake.inject(.executeThenFail, on: "POST /api/v3/order")
        await setup.fake.inject(.status(500, code: -1000, message: "An unknown error occurred while processing the request."),
                                on: "GET /api/v3/myTrades", times: 1_000)
        let output = try await setup.run(["--json"], ["BINANCE_DRY_RUN": "false"])
        #expect(output.exitCode == 0, "a known order with an unknown commission does not stop the cycle: \(output.stderr)")
        let report = try #require(output.report?.objectValue)
        #expect(report["status"] == .string("ok"))
        let placed = try #require(await setup.fake.orders.first)
        let estimate = placed.executedQty * Decimal(string: "0.001")!
        let line = MessageCatalog(language: .en).text(.commissionEstimated, [
            .clientOrderId: placed.clientOrderId, .amount: Format.quantity(OrderSizing.double(estimate)),
        ])
        #expect(report["log_lines"]?.strings.contains(line) == true, "\(report["log_lines"]?.strings ?? [])")
        #expect(await setup.fake.orders.filter { $0.clientOrderId == placed.clientOrderId }.count == 1, "never sent twice")
        #expect(await setup.fake.orders.count > 1, "the cycle went on to its other orders")
        if placed.side == "BUY", !["BTCUSDT", "BNBUSDT"].contains(placed.symbol) {
            #expect(try setup.storedState()?.objectValue?[placed.symbol]?.objectValue?["is_holding"] == .bool(true))
        }
        await setup.fake.stop()
    }

    @Test func twoCyclesWithTheSameRunIdBothTradeWithDistinctClientIdsAndKeepBothReports() throws {
        let state = CycleBinary.scratchStateDirectory()
        var ids: [[String]] = []
        for day in ["2026-10-30", "2026-10-31"] {
            let output = try CycleBinary.run(["run", "--state-dir", state.path, "--run-id", "cron-fixed", "--now", "\(day)T12:00:00Z", "--json"])
            #expect(output.exitCode == 0, "\(output.stderr)")
            let report = try #require(output.report?.objectValue)
            let intents = (report["buy_sell_intents"]?.objects ?? []) + (report["btc_dca_intents"]?.objects ?? [])
            ids.append(intents.compactMap { $0.objectValue?["client_order_id"]?.stringValue })
            #expect((report["side_effect_summary"]?.objectValue?["executed_call_count"]?.numberValue ?? 0) > 0)
        }
        #expect(!ids[0].isEmpty && !ids[1].isEmpty, "both cycles reached the exchange")
        #expect(Set(ids[0]).isDisjoint(with: Set(ids[1])))
        let reports = try FileManager.default.contentsOfDirectory(atPath: state.appendingPathComponent("reports").path).sorted()
        #expect(reports == ["cron-fixed.2.json", "cron-fixed.json"], "the first run's report is kept")
    }

    @Test(arguments: [
        FakeBinanceFault.status(418, code: -1003, message: "Way too many requests; IP banned until 1700000000000.", retryAfter: 120),
        FakeBinanceFault.status(401, code: -2015, message: "Invalid API-key, IP, or permissions for action."),
    ])
    func aBanOrAKeyRefusedOnTheOrderEndsTheCycleWithExit1(fault: FakeBinanceFault) async throws {
        let setup = try await Setup.start()
        await setup.fake.inject(fault, on: "POST /api/v3/order", times: 100)
        let output = try await setup.run(["--json"], ["BINANCE_DRY_RUN": "false"])
        #expect(output.exitCode == 1, "\(output.stderr)")
        let report = try #require(output.report?.objectValue)
        #expect(report["status"] == .string("error"))
        #expect(await setup.fake.requestCount("POST /api/v3/order") == 1, "no further order is tried")
        #expect(await setup.fake.orders.isEmpty)
        await setup.fake.stop()
    }
}

extension OrderPathCycleTests {
    /// Another runner takes the account over (in the store, while the first order is in flight):
    /// the running cycle's next fence fails and it sends nothing more.
    @Test func aRunWhoseLeaseIsTakenOverMidCycleSendsNoFurtherOrder() async throws {
        let setup = try await Setup.start()
        await setup.fake.inject(.executeThenDelay(seconds: 3), on: "POST /api/v3/order")
        let running = try CycleBinary.start(["--json"], environment: setup.environment.merging(["BINANCE_DRY_RUN": "false"]) { $1 })
        let database = setup.state.appendingPathComponent("cycle.sqlite").path
        var tookOver = false
        for _ in 0..<100 where !tookOver {
            try await Task.sleep(nanoseconds: 100_000_000)
            guard await setup.fake.orders.count == 1 else { continue }
            let queue = try DatabaseQueue(path: database)
            try await queue.write { db in
                try db.execute(sql: "UPDATE lease SET run_id = 'intruder-run', host = 'other-host', pid = 1, expires_at = ?",
                               arguments: [Date().addingTimeInterval(900).timeIntervalSince1970])
            }
            tookOver = true
        }
        #expect(tookOver, "the first order reached the fake")
        let output = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: running.finish()) }
        }
        #expect(output.exitCode == 1, "\(output.stderr)")
        #expect(await setup.fake.requestCount("POST /api/v3/order") == 1, "no order after the lease was lost")
        #expect(output.report?.objectValue?["error_summary"]?.objectValue?["errors"]?.objects.contains {
            $0.objectValue?["message"]?.stringValue?.contains("intruder-run") == true
        } == true)
        await setup.fake.stop()
    }
}
