import BinanceWireFormat
import Foundation
import Strategy
import Testing

/// The public kline archive's csv (data.binance.vision), as `cycle backtest --data` reads it.
@Suite struct ArchiveCSVTests {
    @Test func readsRowsInMillisecondsOrMicrosecondsWithOrWithoutAHeader() throws {
        let csv = "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\r\n"
            + "1546300800000,63496.38,63538.84,63264.00,63465.54,1459.11859,1546304399999,92541376.78,308472,715.38,45371635.09,0\r\n"
            + "1735689600000000,100.5,101,99.5,100.75,12.5,1735693199999999,1250,10,6,600,0"
        let rows = try BinanceWire.archiveKlines(csv: Data(csv.utf8))
        #expect(rows == [
            Kline(openTime: 1_546_300_800_000, open: 63_496.38, high: 63_538.84, low: 63_264, close: 63_465.54, volume: 1_459.11859),
            Kline(openTime: 1_735_689_600_000, open: 100.5, high: 101, low: 99.5, close: 100.75, volume: 12.5),
        ])
    }

    @Test(arguments: [
        ("1546300800000,1,1,1,-1,1", 1, .notPositive(column: "close")),
        ("1546300800000,1,2,3,1,1", 1, .highBelowLow),
        ("99999999999999999999,1,1,1,1,1", 1, .unreadableOpenTime),       // an open time too long to be one
        ("173561546300800000,1,1,1,1,1", 1, .openTimeBeyondReach),        // microseconds, yet after the year 5138 (found by the fuzzer)
        ("1546300800000,0x10,1,1,1,1", 1, .notANumber(column: "open")),  // hex is not a price
        ("1546300800000,inf,1,1,1,1", 1, .notFinite(column: "open")),    // nor infinity
        ("1546300800000,1,1,1,1", 1, .missing(column: "volume")),
        ("1546300800000,1,1,1,1,1\n1546304400000,1,1,1,nan,1", 2, .notFinite(column: "close")),
        ("1546300800000,1,2,1,1,-Infinity", 1, .notFinite(column: "volume")),
        ("1546300800000,1,1e999,1,1,1", 1, .notFinite(column: "high")),   // overflows a Double
        ("1546300800000,1,2,1,1,NaN", 1, .notFinite(column: "volume")),
        ("1546300800000,1,2,1,1,,", 1, .notANumber(column: "volume")),
        ("1546300800000,3,2,1,1.5,1", 1, .outsideLowHigh(column: "open")),
        ("1546300800000,1.5,2,1,0.5,1", 1, .outsideLowHigh(column: "close")),
        ("1546300800000,1,2,1,1,-1", 1, .negativeVolume),
    ] as [(String, Int, BinanceWire.ArchiveRowProblem)])
    func aRowThatIsNotAKlineIsRefusedByLineAndProblem(csv: String, line: Int, problem: BinanceWire.ArchiveRowProblem) {
        #expect(throws: BinanceWire.ArchiveRowError(line: line, problem: problem)) { try BinanceWire.archiveKlines(csv: Data(csv.utf8)) }
    }

    /// A non-finite value is called what it is, in the words the operator reads.
    @Test func aNonFiniteValueIsNamedAsSuch() {
        #expect("\(BinanceWire.ArchiveRowProblem.notFinite(column: "close"))" == "close is not a finite number")
    }

    @Test func anOpenTimeOutsideTheAcceptedRangeIsRefused() throws {
        let accepted: Range<Int64> = 1_546_300_800_000..<1_546_304_400_000
        let csv = "1546300800000,1,1,1,1,1\n99999999999999,1,1,1,1,1\n"
        #expect(throws: BinanceWire.ArchiveRowError(line: 2, problem: .openTimeOutside(openTime: 99_999_999_999_999, accepted: accepted))) {
            try BinanceWire.archiveKlines(csv: Data(csv.utf8), openTimes: accepted)
        }
        #expect(try BinanceWire.archiveKlines(csv: Data("1546300800000,1,1,1,1,1".utf8), openTimes: accepted).count == 1)
    }
}
