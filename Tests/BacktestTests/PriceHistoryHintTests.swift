@testable import Backtest
import Foundation
import Strategy
import Testing

/// A reader moving forward keeps the row it saw last as a hint; the answer must be the one
/// the binary search gives, for every cutoff, with gaps, jumps and a step back.
@Suite struct PriceHistoryHintTests {
    @Test func aHintedViewIsTheSearchedView() {
        let hour = PriceHistory.hourMs
        // Hours 0…199 with a gap at 50…59 and another at 120 (one row), then 300…310.
        let openHours = Array(0..<200).filter { !(50..<60).contains($0) && $0 != 120 } + Array(300...310)
        let history = PriceHistory(symbol: "ETHUSDT", hourlyKlines: openHours.map {
            Kline(openTime: Int64($0) * hour, open: Double($0), high: Double($0) + 1, low: Double($0) - 1, close: Double($0) + 0.5, volume: 1)
        })
        var cutoffs = (-2..<330).map { Int64($0) * hour + 3_599_000 }
        cutoffs += [5 * hour, 5 * hour + 1, 250 * hour, 3 * hour, 305 * hour + 10, 0]
        var hint = -1
        var checked = 0
        for cutoff in cutoffs {
            let expected = history.view(at: cutoff)
            #expect(history.view(at: cutoff, hint: &hint) == expected, "cutoff \(cutoff / hour) h")
            if expected != nil { checked += 1 }
        }
        #expect(checked > 150, "most cutoffs see a row, so the comparison means something")

        var values: [Int64] = [10, 20, 30, 40]
        for start in -1...4 {
            for probe in [Int64(5), 10, 15, 20, 39, 40, 41] {
                var hinted = start
                #expect(PriceHistory.lastIndex(in: values, atOrBefore: probe, hint: &hinted) == PriceHistory.lastIndex(in: values, atOrBefore: probe))
            }
        }
        values = []
        var empty = 0
        #expect(PriceHistory.lastIndex(in: values, atOrBefore: 7, hint: &empty) == nil && empty == -1)
    }
}
