import Engine
import Foundation
import Testing

/// Issue 21 #10: the exchange refusing the run as a whole (an IP ban, a 429 given up on) ends
/// the cycle in `error` with the System Crash alert wherever it was met — also where the step
/// that met it would go on without the answer.
@Suite struct RunRefusalTests {
    static let ban = "Binance GET /api/v3/myTrades HTTP 418 code -1003: IP banned until 1700000000000."

    /// Met where nothing surfaced it (an order's trades, read inside the adapter): the cycle runs
    /// to its end, then ends `error` with the alert.
    @Test func aRefusalNoStepSurfacedTurnsAnOkCycleIntoAnError() async throws {
        let scenario = Scenario()
        scenario.exchange.runRefusalCause = Self.ban
        let result = await scenario.run()
        #expect(result.report.status == .error)
        let message = try #require(result.report.errors.last?.message)
        #expect(message.hasPrefix("The exchange refused this run: \(Self.ban.dropLast())."), "\(message)")
        #expect(message.contains("The steps that needed the exchange's answer were skipped"), "\(message)")
        let alerts = await result.notifier.messages
        #expect(alerts.contains { $0.hasPrefix(MessageCatalog(language: .en).text(.systemCrash)) && $0.contains("HTTP 418") }, "\(alerts)")
    }

    /// Met on the Simple Earn read: not "counted as 0" — the cycle stops there, before any trade.
    @Test func aFailedEarnReadUnderARefusalStopsTheCycleBeforeAnyTrade() async throws {
        var scenario = Scenario()
        scenario.exchange.earnError = TestFailure(description: "Binance GET /sapi/v1/simple-earn/flexible/position HTTP 418")
        scenario.exchange.runRefusalCause = Self.ban
        let result = await scenario.run()
        #expect(result.report.status == .error)
        #expect(result.exchange.orders.isEmpty, "nothing was decided on earn balances counted as 0")
        let message = try #require(result.report.errors.last?.message)
        #expect(message.contains("The cycle stopped there"), "\(message)")
    }

    /// A failed earn read without a refusal is what it was: counted as 0, the cycle goes on.
    @Test func aFailedEarnReadAloneStillCountsAsZero() async throws {
        var scenario = Scenario()
        scenario.exchange.earnError = TestFailure(description: "Binance GET /sapi/v1/simple-earn/flexible/position HTTP 503")
        let result = await scenario.run()
        #expect(result.report.status == .ok)
        #expect(!result.exchange.orders.isEmpty)
    }
}
