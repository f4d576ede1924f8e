import Engine
import Foundation
import Testing

/// The cycle's decisions driven by outcomes alone (docs/architecture.md#one-decision-core-two-shells): no exchange, no store, no
/// account — a `ScriptedWorld` answers each effect, and the tests assert the next effects.
@Suite struct CycleDecisionTests {
    /// Held XRP that the rotation sells, and no USDT: the buys can only be paid by the sell.
    static func heldXRPWithoutCash() -> ScriptedWorld {
        let world = ScriptedWorld(document: [
            "XRPUSDT": ["is_holding": true, "entry_price": 1.0, "highest_price": 1.3],
            "last_reset_date": "2026-03-15", "daily_equity_base": 1100.0, "daily_trend_equity_base": 1000.0,
            "daily_trend_pnl_basis": "trend_val",
        ])
        world.spot = ["USDT": SpotBalance(free: 0, locked: 0), "BNB": SpotBalance(free: 0.1, locked: 0),
                      "XRP": SpotBalance(free: 900, locked: 0)]
        var weak = Scenario.referenceIndicators
        weak["XRPUSDT"] = Scenario.row(1.18, 1.25, 1.3, 0.9, -0.05, -0.1, -0.1, 0.06, 0.05)
        world.indicators = weak
        return world
    }

    struct SellCase: Sendable, CustomTestStringConvertible {
        let answer: String
        let buysFollow: Bool
        var testDescription: String { "sell \(answer) → buys \(buysFollow)" }
    }

    @Test(arguments: [SellCase(answer: "fill", buysFollow: true), SellCase(answer: "refusal", buysFollow: false)])
    func aSellThatFillsFundsTheBuyPlan(_ sell: SellCase) throws {
        let world = Self.heldXRPWithoutCash()
        if sell.answer == "refusal" { world.answers["XRPUSDT"] = .refusal(stopsTrading: false) }
        let outcome = world.runCycle()
        #expect(world.orders.first == "place SELL XRPUSDT")
        let buys = world.orders.filter { $0.hasPrefix("place BUY") && !$0.hasSuffix("BTCUSDT") }
        #expect(buys.isEmpty == !sell.buysFollow, "\(world.orders)")
        if sell.buysFollow {
            #expect(buys == ["place BUY ETHUSDT", "place BUY SOLUSDT"])
            #expect(try TradeState.normalized(from: world.document, universe: Scenario.pool).position(of: "XRPUSDT").isHolding == false)
        }
        // Refused, the sell was the only order sent: every order refused ends the cycle `error`.
        #expect(outcome.report.status == (sell.buysFollow ? .ok : .error))
    }

    @Test func aRefusalOfEveryOrderMakesTheCycleAnError() throws {
        let world = ScriptedWorld()
        for symbol in ["ETHUSDT", "SOLUSDT", "BTCUSDT"] { world.answers[symbol] = .refusal(stopsTrading: false) }
        let outcome = world.runCycle()
        #expect(world.orders == ["place BUY ETHUSDT", "place BUY SOLUSDT", "place BUY BTCUSDT"])
        #expect(outcome.report.status == .error)
        #expect(outcome.report.errors.first?.message.contains("Every order this cycle sent was refused") == true)
    }

    @Test func aRefusalAboutTheAccountStopsEveryLaterOrder() throws {
        let world = ScriptedWorld()
        world.answers["ETHUSDT"] = .refusal(stopsTrading: true)
        let outcome = world.runCycle()
        #expect(world.orders == ["place BUY ETHUSDT"])
        #expect(outcome.report.status == .error)
        #expect(!world.effects.contains("write cycle_complete"))
    }

    @Test func anUnknownOutcomeStopsTheCycleBeforeItsStateWrite() throws {
        let world = ScriptedWorld()
        world.answers["SOLUSDT"] = .unknown
        let outcome = world.runCycle()
        #expect(world.orders == ["place BUY ETHUSDT", "place BUY SOLUSDT"])
        let afterUnknown = world.effects.drop { $0 != "place BUY SOLUSDT" }.dropFirst()
        #expect(!afterUnknown.contains { $0.hasPrefix("write") || $0.hasPrefix("place") }, "\(Array(afterUnknown))")
        #expect(outcome.report.status == .error)
    }

    @Test func everyOrderFilledEndsTheCycleWithItsStateWrite() throws {
        let world = ScriptedWorld()
        let outcome = world.runCycle()
        #expect(outcome.report.status == .ok)
        #expect(world.orders == ["place BUY ETHUSDT", "place BUY SOLUSDT", "place BUY BTCUSDT"])
        #expect(world.effects.last == "write cycle_complete")
    }

    /// Alerts leave the decisions as typed facts; the shell renders them. A refused sell is
    /// alerted with its error, and the buys it would have paid for are never announced.
    @Test func aRefusedSellIsAlertedAsAFailureOfThatSell() throws {
        let world = Self.heldXRPWithoutCash()
        world.answers["XRPUSDT"] = .refusal(stopsTrading: false)
        _ = world.runCycle()
        let failure = try #require(world.alerts.first { if case .orderFailed = $0 { true } else { false } })
        guard case .orderFailed(.trendSell(let symbol, _, let price), let error) = failure else {
            Issue.record("not a trend sell's failure: \(failure)")
            return
        }
        #expect(symbol == "XRPUSDT" && price == 1.2 && !error.isEmpty)
        #expect(!world.alerts.contains { if case .orderFilled = $0 { true } else { false } })
        let text = MessageCatalog(language: .en).alertText(failure)
        #expect(text.hasPrefix(MessageCatalog(language: .en).text(.trendSellFailed) + " XRPUSDT\n"))
        #expect(text.hasSuffix(error))
    }

    @Test func aFilledBuyIsAnnouncedWithItsBudgetWeightAndScore() throws {
        let world = ScriptedWorld()
        _ = world.runCycle()
        let announced = world.alerts.compactMap { alert -> OrderSubject? in
            if case .orderFilled(let subject, _) = alert { subject } else { nil }
        }
        #expect(announced.count == 3, "\(world.alerts)")
        guard case .trendBuy(let symbol, let budget, _, let weight, _) = announced.first else {
            Issue.record("the first announcement is not a trend buy: \(announced)")
            return
        }
        #expect(symbol == "ETHUSDT" && budget > 0 && weight > 0)
        let chinese = MessageCatalog(language: .zh).alertText(.orderFilled(announced[0], shownQuantity: 0))
        #expect(chinese.hasPrefix(MessageCatalog(language: .zh).text(.trendBuy) + " ETHUSDT\n"))
    }
}
