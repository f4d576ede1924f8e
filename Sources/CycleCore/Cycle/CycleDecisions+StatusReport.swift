import Foundation
import Strategy

/// Step 13: the periodic heartbeat, recorded only when the transport acknowledged it.
extension CycleDecisions {
    mutating func sendStatusReportIfDue(_ allocation: Allocation, btc: BTCSnapshot) {
        let interval = max(1, min(24, config.statusReportIntervalHours))
        let hour = now.utcHour
        guard hour % interval == 0 else { return }
        let bucket = today.compact + String(format: "%02d", hour)
        guard state.lastBtcStatusReportBucket != bucket else { return }

        let separator = messages.text(.separator)
        let gate = btc.regimeOn ? messages.text(.gateOn) : messages.text(.gateOff)
        let lines = [
            messages.text(.heartbeatTitle),
            messages.text(.strategyLabel, [.name: messages.text(.strategyDisplayName)]),
            separator,
            "\(messages.text(.totalEquity)): $\(Format.grouped(allocation.totalEquity))",
            "\(messages.text(.trendEquity)): $\(Format.grouped(allocation.trendValue)) (\(Format.percent(dailyPnL(allocation).trend, 1, signed: true)))",
            "\(messages.text(.btcPrice)): $\(Format.grouped(prices["BTCUSDT"] ?? 0))",
            separator,
            "\(messages.text(.btcGate)): \(gate)",
            "Ahr999: \(Format.fixed(btc.ahr999, 2)) | \(messages.text(.zscore)): \(Format.fixed(btc.zscore, 1)) (\(messages.text(.zscoreThreshold)) \(Format.fixed(btc.sellTrigger, 1)))",
            "\(messages.text(.btcTarget)): \(Format.percent(allocation.btcTargetRatio, 1))",
            separator,
            "💡 " + valuationHint(btc),
        ]
        if notify(lines.joined(separator: "\n")) {
            state.lastBtcStatusReportBucket = bucket
        }
    }

    func valuationHint(_ btc: BTCSnapshot) -> String {
        if btc.ahr999 < 0.45 { return messages.text(.hintDeepValue) }
        if btc.ahr999 < 0.8 { return messages.text(.hintLowValue) }
        if btc.zscore >= btc.sellTrigger { return messages.text(.hintProfitTaking) }
        if btc.zscore >= btc.sellTrigger * 0.9 { return messages.text(.hintNearProfitTaking) }
        return messages.text(.hintNeutral)
    }
}
