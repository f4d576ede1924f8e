import Foundation
import Strategy

/// Step 13: the periodic heartbeat, recorded only when the transport acknowledged it.
extension CycleDecisions {
    mutating func sendStatusReportIfDue(_ allocation: Allocation, btc: BTCSnapshot) {
        let interval = max(1, min(24, config.statusReportIntervalHours))
        let hour = now.utcHour
        guard hour % interval == 0 else { return }
        let bucket = today.compact + CivilCalendar.padded(hour, 2)
        guard state.lastBtcStatusReportBucket != bucket else { return }

        let heartbeat = Heartbeat(allocation: allocation, trendPnL: dailyPnL(allocation).trend, btcPrice: prices["BTCUSDT"] ?? 0, btc: btc)
        if notify(.heartbeat(heartbeat)) {
            state.lastBtcStatusReportBucket = bucket
        }
    }
}
