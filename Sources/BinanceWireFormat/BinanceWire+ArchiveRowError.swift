import Engine
import Foundation

extension BinanceWire {
    /// A kline archive csv (data.binance.vision) has a row that cannot be used; `line` is 1-based.
    public struct ArchiveRowError: Error, Equatable, CustomStringConvertible {
        public let line: Int
        public let problem: ArchiveRowProblem

        public init(line: Int, problem: ArchiveRowProblem) {
            self.line = line
            self.problem = problem
        }

        public var description: String { "line \(line): \(problem)" }
    }

    /// What is wrong with one archive row, as a clause that follows "the row on line N: ".
    /// Columns are named as the archive's header names them (`open_time`, `open`, …).
    public enum ArchiveRowProblem: Error, Equatable, Sendable, CustomStringConvertible {
        /// The row ends before this column.
        case missing(column: String)
        /// Not a whole number of milliseconds or microseconds of at most 18 digits.
        case unreadableOpenTime
        /// Not a decimal number (hex, letters, an empty field).
        case notANumber(column: String)
        /// `nan`, `inf`, `infinity`, or a decimal too large for a `Double`.
        case notFinite(column: String)
        /// A price at or below 0.
        case notPositive(column: String)
        case negativeVolume
        case highBelowLow
        /// `open` or `close` below the row's low or above its high.
        case outsideLowHigh(column: String)
        /// Still after the year 5138 when read as microseconds.
        case openTimeBeyondReach
        /// Outside the open times the caller accepts (a monthly file's month); milliseconds.
        case openTimeOutside(openTime: Int64, accepted: Range<Int64>)

        public var description: String {
            switch self {
            case .missing(let column): "has no \(column) column"
            case .unreadableOpenTime: "open_time is not a whole number of milliseconds or microseconds"
            case .notANumber(let column): "\(column) is not a number"
            case .notFinite(let column): "\(column) is not a finite number"
            case .notPositive(let column): "\(column) is not above 0"
            case .negativeVolume: "volume is below 0"
            case .highBelowLow: "high is below low"
            case .outsideLowHigh(let column): "\(column) lies outside [low, high]"
            case .openTimeBeyondReach: "open_time is after the year 5138 even read as microseconds"
            case .openTimeOutside(let openTime, let accepted):
                "open_time \(Self.iso(openTime)) is outside \(Self.iso(accepted.lowerBound)) … \(Self.iso(accepted.upperBound))"
            }
        }

        /// A millisecond open time as ISO-8601 UTC (whole seconds; archive times are whole hours).
        public static func iso(_ milliseconds: Int64) -> String {
            Date(timeIntervalSince1970: TimeInterval(milliseconds / 1000)).isoWithOffset
        }
    }
}
