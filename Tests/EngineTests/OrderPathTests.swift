import Engine
import Logging
import Foundation
import Testing

/// The order path's rules (issue 11): an unanswered order stays unknown until the exchange's
/// record settles it, a run that lost its lease sends nothing, repeated run ids never repeat a
/// client id, and refusals an operator must see end the cycle in `error`.
@Suite struct OrderPathTests {
    @Test func anExecutedOrderWhoseLookupFindsNothingStaysUnknownAndIsFoundInTheHistoryNextCycle() async throws {
        var scenario = Scenario()
        scenario.exchange.loseAnswers = true
        scenario.exchange.hideFromLookup = true
        let store = InMemoryStateStore()
        let first = await scenario.run(runId: "run-1", store: store)
        #expect(first.report.status == .error)
        #expect(first.exchange.orders.count == 1, "nothing else is sent after an unknown outcome")
        let pending = try await store.unsettledEntries()
        #expect(pending.count == 1)
        guard case .unknown? = pending.first?.outcome else {
            Issue.record("the entry must stay unknown, not be booked as not placed: \(String(describing: pending.first?.outcome))")
            return
        }

        scenario.exchange.loseAnswers = false
        scenario.now = Scenario.now.addingTimeInterval(3600)
        let next = await scenario.run(runId: "run-2", store: store)
        #expect(next.report.status == .ok)
        #expect(next.report.journalResolutions.map(\.outcome) == ["FILLED"])
        #expect(next.exchange.orderSummaries.filter { $0.hasPrefix("BUY ETHUSDT") }.count == 1, "ETH is bought once, never again")
        #expect(try next.finalState().position(of: "ETHUSDT").isHolding)
        #expect(try await store.unsettledEntries().isEmpty)
    }

    @Test func anUnansweredOrderWithNoTraceIsNotPlacedOnlyOnceTheSettleWindowHasPassed() async throws {
        var scenario = Scenario()
        scenario.exchange.orderError = TestFailure(description: "connection reset")
        let store = InMemoryStateStore()
        let first = await scenario.run(runId: "run-1", store: store)
        #expect(first.report.status == .error)
        #expect(try await store.unsettledEntries().count == 1)

        scenario.exchange.orderError = nil
        scenario.now = Scenario.now.addingTimeInterval(300)
        let soon = await scenario.run(runId: "run-2", store: store)
        #expect(soon.report.status == .error, "five minutes later the exchange's silence proves nothing yet")
        #expect(soon.exchange.orders.isEmpty)
        let pendingId = try #require(await store.journal.first?.clientOrderId)
        #expect(soon.report.errors.contains {
            $0.message == MessageCatalog(language: .en).text(.journalOrderStillUnknown, [.clientOrderId: pendingId, .symbol: "ETHUSDT", .minutes: "10"])
        })

        scenario.now = Scenario.now.addingTimeInterval(660)
        let later = await scenario.run(runId: "run-3", store: store)
        #expect(later.report.status == .ok)
        #expect(later.report.journalResolutions.map(\.outcome) == ["NOT_FOUND"])
        #expect(later.exchange.orderSummaries.first == "BUY ETHUSDT 0.19", "with the entry settled the cycle trades again")
    }

    @Test func aRunWhoseLeaseWasTakenOverSendsNoFurtherOrder() async throws {
        let scenario = Scenario()
        let store = InMemoryStateStore()
        let intruder = LeaseHolder(runId: "other-run", host: "box-2", processId: 7, acquiredAt: Scenario.now,
                                   expiresAt: Scenario.now.addingTimeInterval(900))
        scenario.exchange.afterOrder = { await store.replaceLease(with: intruder) }
        let result = await scenario.run(store: store)
        #expect(result.exchange.orders.count == 1)
        #expect(result.report.status == .error)
        #expect(result.report.errors.contains { $0.message == "\(LeaseLostError(runId: "test-run", holder: intruder))" })
        #expect(await store.lease == intruder, "the new holder's lease is left alone")
    }

    @Test func aRepeatedRunIdNeverRepeatsAClientOrderId() async throws {
        let first = await Scenario().run(runId: "fixed", runNonce: "a")
        let second = await Scenario().run(runId: "fixed", runNonce: "b")
        let firstIds = Set(first.exchange.orders.map(\.clientOrderId))
        let secondIds = Set(second.exchange.orders.map(\.clientOrderId))
        #expect(firstIds.count == 3 && secondIds.count == 3)
        #expect(firstIds.isDisjoint(with: secondIds))
        let dry = await Scenario().run(dryRun: true, runId: "fixed", runNonce: "c")
        let dryAgain = await Scenario().run(dryRun: true, runId: "fixed", runNonce: "d")
        #expect(dry.report.tradeIntents.map(\.clientOrderId) == dryAgain.report.tradeIntents.map(\.clientOrderId),
                "a dry run (and replay) stays deterministic for its run id")
    }

    @Test func aRefusalThatBlocksTradingEndsTheCycleInError() async throws {
        let scenario = Scenario()
        scenario.exchange.rejections["ETHUSDT"] = TestRejection(description: "code -2015 Invalid API-key, IP, or permissions", stopsTrading: true)
        let result = await scenario.run()
        #expect(result.report.status == .error)
        #expect(result.exchange.orders.isEmpty, "no further order is tried")
        #expect(result.report.errors.contains { $0.message.contains("-2015") })
        #expect(await result.notifier.messages.contains { $0.contains("-2015") })
    }

    @Test func everyOrderRefusedEndsTheCycleInError() async throws {
        let scenario = Scenario()
        for symbol in ["ETHUSDT", "SOLUSDT", "BTCUSDT"] {
            scenario.exchange.rejections[symbol] = TestRejection(description: "code -2010 insufficient balance")
        }
        let result = await scenario.run()
        #expect(result.report.status == .error)
        #expect(result.report.errors.contains { $0.message == "\(EveryOrderRefusedError(sent: 3, refused: 3, lastRefusal: "code -2010 insufficient balance"))" })
    }
}

/// The cycle logs through swift-log: fixed messages, data in metadata, the run id on every line.
@Suite struct CycleLoggingTests {
    @Test func everyLineCarriesTheRunIdAndEveryOrderItsClientId() async throws {
        let logs = LogCapture()
        let result = await Scenario().run(runId: "logged-run", logs: logs)
        let lines = logs.lines
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.metadata["cycle.run_id"] == "logged-run" })
        let sent = lines.filter { $0.message == "order sending" }.compactMap { $0.metadata["order.client_id"] }
        #expect(sent == result.exchange.orders.map(\.clientOrderId))
        let answered = lines.filter { $0.message == "order answered" }.compactMap { $0.metadata["order.client_id"] }
        #expect(answered == sent)
        #expect(lines.first?.message == "cycle started" && lines.last?.message == "cycle finished")
        #expect(lines.last?.metadata["cycle.status"] == "ok")
    }

    @Test func aLostLeaseAndAnUnknownOutcomeAreLoggedAsErrors() async throws {
        var scenario = Scenario()
        scenario.exchange.loseAnswers = true
        scenario.exchange.hideFromLookup = true
        let logs = LogCapture()
        _ = await scenario.run(logs: logs)
        let unknown = logs.lines.filter { $0.message == "order outcome unknown" }
        #expect(unknown.count == 1 && unknown.first?.level == .error)
        #expect(unknown.first?.metadata["order.client_id"]?.hasPrefix("T_BUY_ETHUSDT_") == true)
    }
}
