import Engine
import Foundation
import Testing

/// What a fill does to state is one rule (`TradeState.book`): a fill the cycle got live and the
/// same fill found by the next cycle's journal recovery after a crash leave the same state.
@Suite struct FillBookingTests {
    /// Balances as the fake account holds them, already taken as the last snapshot (no external flow).
    static let snapshot: JSONValue = [
        "USDT": 1000, "BTC": 0, "ETH": 0, "SOL": 0, "XRP": 0, "LTC": 0, "BCH": 0,
    ]

    @Test func aFillFoundByRecoveryBooksLikeTheLiveFill() async throws {
        var scenario = Scenario()
        scenario.state = ["last_balance_snapshot": Self.snapshot]

        let live = await scenario.run(runId: "live")
        let afterLiveFill = try #require(await live.store.writes.first { $0.reason == "trend_buy:ETHUSDT" })
        let liveState = try TradeState.normalized(from: afterLiveFill.document, universe: Scenario.pool)

        scenario.exchange = Scenario().exchange
        scenario.exchange.loseAnswers = true
        scenario.exchange.queryError = TestFailure(description: "HTTP 502 on query")
        let store = InMemoryStateStore(document: scenario.state)
        let crashed = await scenario.run(runId: "crashed", store: store)
        #expect(crashed.report.status == .error, "the ETH order's outcome stays unknown: the cycle stops")

        scenario.exchange.loseAnswers = false
        scenario.exchange.queryError = nil
        let recovering = await scenario.run(runId: "recovering", store: store)
        #expect(recovering.report.journalResolutions.map(\.applied) == [true])
        let afterRecovery = try #require(await store.writes.first { $0.reason == "order_journal_recovery" })
        let recoveredState = try TradeState.normalized(from: afterRecovery.document, universe: Scenario.pool)

        #expect(recoveredState.position(of: "ETHUSDT") == liveState.position(of: "ETHUSDT"))
        #expect(recoveredState.position(of: "ETHUSDT").isHolding)
        #expect(recoveredState.actionHistory["ETHUSDT"] == liveState.actionHistory["ETHUSDT"])
        #expect(recoveredState.lastBalanceSnapshot == liveState.lastBalanceSnapshot)
        #expect(liveState.lastBalanceSnapshot["ETH"] == 0.19, "the live fill moved the snapshot by what it bought")
        #expect(liveState.lastBalanceSnapshot["USDT"] == 525, "and by what it paid")
    }
}

/// A backtest carries the typed state from one cycle to the next instead of its document; that
/// is the same only because normalizing a cycle's state against the same universe changes
/// nothing it decides on, nor the document it is written as.
@Suite struct TypedStateCarryTests {
    @Test(arguments: [false, true]) func aCyclesStateIsItsOwnDocumentNormalizedAgain(holdingRetired: Bool) async throws {
        var scenario = Scenario()
        scenario.state = holdingRetired
            ? ["DOGEUSDT": ["is_holding": true, "entry_price": 0.1, "highest_price": 0.12], "last_balance_snapshot": FillBookingTests.snapshot]
            : ["last_balance_snapshot": FillBookingTests.snapshot]
        let result = await scenario.run()
        let state = try #require(result.outcome.state)
        let again = try TradeState.normalized(from: state.document, universe: Scenario.pool)
        #expect(again.document == state.document, "the same document")
        // What differs is only the record of the document it was read from (its key order and the
        // stored entries kept for unknown fields), which decides nothing.
        var decided = again
        decided.storedPositionEntries = state.storedPositionEntries
        decided.documentKeyOrder = state.documentKeyOrder
        #expect(decided == state)
    }
}
