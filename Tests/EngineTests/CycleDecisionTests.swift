import Engine
import Foundation
import Testing

/// The cycle's decisions driven by outcomes alone (DESIGN §7): no exchange, no store, no
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
}
