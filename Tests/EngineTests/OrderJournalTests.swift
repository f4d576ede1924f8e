import Engine
import Foundation
import Testing

/// docs/crash-recovery.md#the-order-journal-after-a-crash: orders are journaled, unknown outcomes are asked about, a crashed run's orders
/// are applied by the next cycle instead of being sent again; one writer per account.
@Suite struct OrderJournalTests {
    @Test func everyLiveOrderIsJournaledAndSettledByTheStateWrite() async throws {
        let result = await Scenario().run()
        let journal = await result.store.journal
        let orderEntries = journal.filter { $0.kind == .order }
        #expect(orderEntries.map(\.clientOrderId) == result.exchange.orders.map(\.clientOrderId))
        #expect(orderEntries.map(\.purpose) == [.trendBuy, .trendBuy, .dcaBuy])
        #expect(orderEntries.allSatisfy { if case .answered(let fill) = $0.outcome { fill.executedQuantity > 0 } else { false } })
        #expect(try await result.store.unsettledEntries().isEmpty)
        #expect(await result.store.lease == nil, "the lease is released at the end")
    }

    @Test func dryRunJournalsNothingAndTakesNoLease() async throws {
        let store = InMemoryStateStore()
        _ = await Scenario().run(dryRun: true, store: store)
        #expect(await store.journal.isEmpty)
        #expect(await store.writes.isEmpty)
    }

    @Test func lostAnswerIsResolvedByQueryAndNeverResent() async throws {
        var scenario = Scenario()
        scenario.exchange.loseAnswers = true
        let result = await scenario.run()
        #expect(result.report.status == .ok)
        #expect(result.exchange.orderSummaries == ["BUY ETHUSDT 0.19", "BUY SOLUSDT 2.53", "BUY BTCUSDT 0.0004"])
        let state = try result.finalState()
        #expect(state.position(of: "ETHUSDT").isHolding)
    }

    @Test func unknownOutcomeStopsTheCycleAndTheNextCycleAppliesTheFill() async throws {
        var scenario = Scenario()
        scenario.exchange.loseAnswers = true
        scenario.exchange.queryError = TestFailure(description: "HTTP 502 on query")
        let store = InMemoryStateStore()
        let crashed = await scenario.run(runId: "run-1", store: store)
        #expect(crashed.report.status == .error)
        #expect(crashed.exchange.orders.count == 1, "nothing else is sent after an unknown outcome")
        #expect(try await store.unsettledEntries().map(\.clientOrderId) == [crashed.exchange.orders[0].clientOrderId])
        #expect(try TradeState.normalized(from: await store.document, universe: Scenario.pool).position(of: "ETHUSDT").isHolding == false)

        scenario.exchange.loseAnswers = false
        scenario.exchange.queryError = nil
        let next = await scenario.run(runId: "run-2", store: store)
        #expect(next.report.status == .ok)
        #expect(next.report.journalResolutions.map(\.outcome) == ["FILLED"])
        #expect(next.report.journalResolutions.first?.applied == true)
        #expect(next.report.stateWriteReasons.contains("order_journal_recovery"))
        #expect(!next.report.tradeIntents.contains { $0.symbol == "ETHUSDT" && $0.action == .buy }, "ETH is held now; not bought again")
        #expect(next.exchange.orderSummaries.filter { $0.hasPrefix("BUY ETHUSDT") }.count == 1)
        let state = try next.finalState()
        #expect(state.position(of: "ETHUSDT").isHolding)
        #expect(state.position(of: "ETHUSDT").entryPrice == 2500)
        #expect(try await store.unsettledEntries().isEmpty)
    }

    @Test func heldLeaseAbortsWithTheHolderNamed() async throws {
        let now = Scenario.now
        let holder = LeaseHolder(runId: "other-run", host: "box-7", processId: 4242, acquiredAt: now, expiresAt: now.addingTimeInterval(600))
        let store = InMemoryStateStore(lease: holder)
        let result = await Scenario().run(store: store)
        #expect(result.report.status == .aborted)
        #expect(result.report.errors.first?.stage == .lease)
        #expect(result.report.errors.first?.message.contains("\(holder)") == true)
        #expect(result.exchange.orders.isEmpty)
        #expect(await store.writes.isEmpty)
        #expect(await store.lease == holder, "the other run's lease is untouched")
    }

    @Test func expiredLeaseIsTakenOverAndLogged() async throws {
        let now = Scenario.now
        let crashed = LeaseHolder(runId: "crashed-run", host: "box-7", processId: 1, acquiredAt: now.addingTimeInterval(-1200),
                                  expiresAt: now.addingTimeInterval(-300))
        let store = InMemoryStateStore(lease: crashed)
        let result = await Scenario().run(store: store)
        #expect(result.report.status == .ok)
        #expect(result.report.logLines.contains(MessageCatalog(language: .en).text(.leaseTakenOver, [.holder: "\(crashed)"])))
        #expect(await store.lease == nil)
    }
}
