import Foundation
import Strategy

extension BinanceWire {
    /// Open times above this are microseconds (ms reach it only in the year 5138).
    public static let archiveMicrosecondThreshold: Int64 = 100_000_000_000_000

    /// The rows of a kline archive csv: open time, open, high, low, close, volume, then fields not
    /// used; lines end in `\n` or `\r\n`; a first line that starts with a letter is a header;
    /// open times in microseconds (the archive from 2025) become milliseconds. The first row that
    /// is not a kline is refused by line and problem (`ArchiveRowProblem`): a whole open time
    /// before the year 5138 (and within `openTimes` when given), finite positive prices with
    /// low ≤ open, close ≤ high, and a finite volume ≥ 0.
    public static func archiveKlines(csv data: Data, openTimes accepted: Range<Int64>? = nil) throws -> [Kline] {
        var rows: [Kline] = []
        rows.reserveCapacity(data.count / 100)
        var failure: ArchiveRowError?
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var reader = CSVLineReader(bytes: bytes)
            var number = 0
            while let line = reader.nextLine() {
                number += 1
                if line.isEmpty { continue }
                if number == 1, let first = line.first, (first | 0x20) >= 0x61, (first | 0x20) <= 0x7A { continue }
                do throws(ArchiveRowProblem) {
                    rows.append(try archiveKline(line, accepted: accepted))
                } catch {
                    failure = ArchiveRowError(line: number, problem: error)
                    return
                }
            }
        }
        if let failure { throw failure }
        return rows
    }

    private static func archiveKline(_ line: UnsafeRawBufferPointer.SubSequence, accepted: Range<Int64>?) throws(ArchiveRowProblem) -> Kline {
        var fields = CSVFields(line)
        var openTime: Int64
        switch fields.nextInteger() {
        case .value(let value): openTime = value
        case .absent: throw .missing(column: "open_time")
        case .malformed, .notFinite: throw .unreadableOpenTime
        }
        let open = try fields.number("open"), high = try fields.number("high"), low = try fields.number("low")
        let close = try fields.number("close"), volume = try fields.number("volume")
        guard open > 0 else { throw .notPositive(column: "open") }
        guard high > 0 else { throw .notPositive(column: "high") }
        guard low > 0 else { throw .notPositive(column: "low") }
        guard close > 0 else { throw .notPositive(column: "close") }
        guard volume >= 0 else { throw .negativeVolume }
        guard high >= low else { throw .highBelowLow }
        guard open >= low, open <= high else { throw .outsideLowHigh(column: "open") }
        guard close >= low, close <= high else { throw .outsideLowHigh(column: "close") }
        if openTime >= archiveMicrosecondThreshold { openTime /= 1000 }
        // Still above it after the microsecond rule: a time after the year 5138 is not an archive row.
        guard openTime < archiveMicrosecondThreshold else { throw .openTimeBeyondReach }
        if let accepted, !accepted.contains(openTime) { throw .openTimeOutside(openTime: openTime, accepted: accepted) }
        return Kline(openTime: openTime, open: open, high: high, low: low, close: close, volume: volume)
    }
}

extension CSVFields {
    /// The next field as a finite number, or the problem that names `column`.
    fileprivate mutating func number(_ column: String) throws(BinanceWire.ArchiveRowProblem) -> Double {
        switch nextDouble() {
        case .value(let value): return value
        case .absent: throw .missing(column: column)
        case .malformed: throw .notANumber(column: column)
        case .notFinite: throw .notFinite(column: column)
        }
    }
}
