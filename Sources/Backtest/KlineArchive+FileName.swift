import Foundation

extension KlineArchive {
    /// An archive file's name: `SYMBOL-1h-YYYY-MM.csv` (or `.zip`, or `-1d-`).
    public struct FileName: Sendable, Equatable {
        public let symbol: String
        public let interval: String
        public let month: String
        public let zipped: Bool

        /// `BTCUSDT-1h-2024-03.csv` → (BTCUSDT, 1h, 2024-03, false); nil for any other name.
        public init?(_ name: String) {
            let zipped = name.hasSuffix(".zip")
            guard zipped || name.hasSuffix(".csv") else { return nil }
            let parts = name.dropLast(4).split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 4, ["1h", "1d"].contains(parts[1]), parts[2].count == 4, parts[3].count == 2,
                  !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }),
                  parts[2].allSatisfy(\.isNumber), parts[3].allSatisfy(\.isNumber) else { return nil }
            symbol = String(parts[0])
            interval = String(parts[1])
            month = "\(parts[2])-\(parts[3])"
            self.zipped = zipped
        }

        /// How far a row may open outside its file's month before it is refused: a day. A row
        /// that close is merged with its neighbours; one dated years away (a stray open time in
        /// the year 5138 once made the default period 27 million cycles) is an error in the file.
        public static let monthSlackMs: Int64 = 86_400_000

        /// Open times (ms) this file's rows may have: its month, widened by `monthSlackMs` on
        /// each side; nil when the name's month is not a calendar month (such as `2024-13`).
        public var acceptedOpenTimes: Range<Int64>? {
            guard let start = ISODayNumber.dayNumber(month + "-01"), let epoch = ISODayNumber.dayNumber("1970-01-01"),
                  let year = Int(month.prefix(4)), let number = Int(month.suffix(2)) else { return nil }
            let next = number == 12 ? String(format: "%04d-01-01", year + 1) : String(format: "%04d-%02d-01", year, number + 1)
            guard let end = ISODayNumber.dayNumber(next) else { return nil }
            let dayMs: Int64 = 86_400_000
            return (Int64(start - epoch) * dayMs - Self.monthSlackMs)..<(Int64(end - epoch) * dayMs + Self.monthSlackMs)
        }
    }
}
