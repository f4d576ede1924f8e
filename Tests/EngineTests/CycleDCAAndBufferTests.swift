import Foundation
import Testing
import Engine
import Strategy

/// docs/strategy.md#the-cycle-step-by-step steps 11–15.
@Suite struct CycleDCAAndBufferTests {
    @Test func expensiveBTCTurnsTheBuyGateOff() async {
        var scenario = Scenario()
        scenario.btc.ahr999 = 1.5
        let result = await scenario.run()
        #expect(result.gates.contains("btc_dca_buy_valuation_gate_off"))
        #expect(result.report.dcaIntents.isEmpty)
    }

    @Test func alreadyBoughtTodayIsACooldown() async {
        var scenario = Scenario()
        scenario.state = ["dca_last_buy_date": "20260315"]
        let result = await scenario.run()
        #expect(result.gates.contains("btc_dca_buy_duplicate_cooldown"))
    }

    @Test func tinyDCAPoolSkipsDCA() async {
        var scenario = Scenario()
        scenario.exchange.spot["USDT"] = SpotBalance(free: 40, locked: 0)
        scenario.indicators = [:]
        let result = await scenario.run()
        #expect(result.gates.contains("btc_dca_pool_too_small"))
    }

    @Test func dcaPoolOf15OrLessIsBelowTheMinimumBudget() async throws {
        var scenario = Scenario()
        // Equity 295: ETH 165 held and selected, cash 100, fuel 30 → trend pool ≈ 87.3, DCA pool ≈ 12.7.
        scenario.exchange.spot["USDT"] = SpotBalance(free: 100, locked: 0)
        scenario.exchange.spot["ETH"] = SpotBalance(free: 0.066, locked: 0)
        scenario.state = ["ETHUSDT": ["is_holding": true, "entry_price": 2400.0, "highest_price": 2500.0]]
        let result = await scenario.run()
        let before = try #require(result.report.diagnostics.allocationBeforeTrades)
        #expect(before.dcaPool > 10 && before.dcaPool <= 15)
        #expect(result.gates.contains("btc_dca_buy_below_min_budget"))
        #expect(result.report.dcaIntents.isEmpty)
    }

    @Test func euphoriaTrimsBTCByTheZscoreTable() async throws {
        var scenario = Scenario()
        scenario.exchange.spot["BTC"] = SpotBalance(free: 0.1, locked: 0)
        scenario.btc.zscore = 4.5
        scenario.btc.ahr999 = 1.5
        let result = await scenario.run()
        let trim = try #require(result.report.dcaIntents.first { $0.action == .sell })
        #expect(trim.quantity == 0.03 && trim.sellFraction == 0.3 && trim.zscore == 4.5)
        #expect(result.exchange.orderSummaries.contains("SELL BTCUSDT 0.03"))
        #expect(try result.finalState().dcaLastSellDate == "20260315")
        #expect(result.report.stateWriteReasons.contains("btc_dca_sell"))
    }

    @Test func trimNeedsAPositionWorthMoreThan20() async {
        var scenario = Scenario()
        scenario.exchange.spot["BTC"] = SpotBalance(free: 0.0003, locked: 0)
        scenario.btc.zscore = 3
        let result = await scenario.run()
        #expect(result.gates.contains("btc_dca_sell_below_min_position"))
    }

    @Test func lowSpotBufferIsRedeemedFromEarn() async {
        var scenario = Scenario()
        scenario.exchange.spot["USDT"] = SpotBalance(free: 0, locked: 0)
        scenario.exchange.earn["USDT"] = EarnPosition(productId: "usdt-flex", totalAmount: 20)
        scenario.indicators = [:]
        scenario.btc.ahr999 = 1.5
        let result = await scenario.run()
        #expect(result.report.earnIntents.map(\.action) == [.redeem])
        #expect(result.report.earnIntents.first?.amount == 20)
        #expect(result.report.earnIntents.first?.reason == .maintainUSDTBuffer)
    }

    /// Issue #23: the product list (request weight 150) is read only when the buffer must move;
    /// a cycle that ends inside the band does not ask for it.
    @Test func aBufferInsideItsBandLooksUpNoProduct() async {
        var scenario = Scenario()
        scenario.exchange.spot["USDT"] = SpotBalance(free: 50, locked: 0)
        scenario.indicators = [:]
        scenario.btc.ahr999 = 1.5
        let calls = PortCalls()
        let result = await scenario.run(portCalls: calls)
        #expect(result.report.earnIntents.isEmpty)
        #expect(result.report.status == .ok)
        #expect(!calls.transcript.contains("flexibleProductId"), "\(calls.transcript)")
        #expect(calls.transcript.contains("spotBalances"), "the cycle read the account")
    }

    @Test func noFlexibleProductMeansNoBufferAction() async {
        let scenario = Scenario()
        scenario.exchange.products = [:]
        let result = await scenario.run()
        #expect(result.report.earnIntents.isEmpty)
    }

    @Test func heartbeatBucketIsRecordedOnlyWhenDelivered() async throws {
        var delivered = Scenario()
        delivered.config.statusReportIntervalHours = 6
        let sent = await delivered.run()
        #expect(try sent.finalState().lastBtcStatusReportBucket == "2026031500")
        let english = MessageCatalog(language: .en)
        #expect(await sent.notifier.messages.contains { $0.hasPrefix(english.text(.heartbeatTitle) + "\n" + english.text(.strategyLabel, [.name: english.text(.strategyDisplayName)])) })

        var failing = Scenario()
        failing.notifierReceipt = .failed(errorType: "HTTP500")
        let failed = await failing.run()
        #expect(try failed.finalState().lastBtcStatusReportBucket == "")
    }

    @Test func undeliveredAlertTurnsOkIntoNotificationDeliveryError() async {
        var scenario = Scenario()
        scenario.notifierReceipt = .failed(errorType: "HTTP500")
        let result = await scenario.run()
        #expect(result.report.status == .error)
        #expect(result.report.errors.map(\.stage) == [.notificationDelivery])
        #expect(result.report.stateWriteReasons.last == "cycle_complete", "a failed delivery never stops the cycle")
        #expect(result.report.notifications.first?.errorType == "HTTP500")
    }

    @Test func notificationsKeepOnlyAFingerprintCountedInCodePoints() async {
        let result = await Scenario().run()
        let messages = await result.notifier.messages
        let first = result.report.notifications.first
        #expect(first?.sha256 == SHA256.hex(messages[0]))
        #expect(first?.length == messages[0].unicodeScalars.count)
        #expect(!JSONWriter.string(result.report.json).contains(messages[0]))
    }

    @Test func chineseMessagesKeepTheirTitles() async {
        var scenario = Scenario()
        scenario.config.notifyLanguage = .zh
        let result = await scenario.run()
        #expect(await result.notifier.messages.contains { $0.hasPrefix("✅ 【趋势买入】 ETHUSDT\n价格: $2500.00") })
        #expect(result.report.logLines.first?.hasPrefix(String(MessageCatalog(language: .zh).text(.trendPoolSourceLine, [.sourceKind: "fresh_upstream"]).prefix { $0 != "|" })) == true)
        #expect(MessageCatalog(language: .zh).alertPrefix == "🤖 加密量化助手:\n")
    }
}
