import Foundation

/// Reads the timestamps the engine accepts from outside (`--now`, and the moments its own
/// stores wrote): `YYYY-MM-DDTHH:MM:SS`, an optional fraction of 1–9 digits, then `Z` or an
/// offset `±HH:MM` / `±HHMM`; or a bare `YYYY-MM-DD` (midnight UTC). Surrounding spaces are
/// ignored. Anything else — an impossible day (February 30), hour 24, a second 60, a missing
/// offset — is refused rather than moved to a neighbouring moment. Integer arithmetic only,
/// so it neither traps on odd input nor loads a locale or time-zone database.
enum ISOTimestamp {
    static func parse(_ text: String) -> Date? {
        let scalars = Array(text.trimmingSpaces().utf8)
        var cursor = Cursor(bytes: scalars)
        guard let year = cursor.digits(4), cursor.take("-"), let month = cursor.digits(2), cursor.take("-"),
              let day = cursor.digits(2), CivilCalendar.years.contains(year), (1...12).contains(month),
              (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        let midnight = CivilCalendar.dayNumber(year: year, month: month, day: day) * 86_400
        if cursor.atEnd { return Date(timeIntervalSince1970: TimeInterval(midnight)) }
        guard cursor.take("T"), let hour = cursor.digits(2), cursor.take(":"), let minute = cursor.digits(2), cursor.take(":"),
              let second = cursor.digits(2), hour < 24, minute < 60, second < 60
        else { return nil }
        var nanoseconds = 0
        if cursor.take(".") {
            guard let fraction = cursor.fraction() else { return nil }
            nanoseconds = fraction
        }
        guard let offsetSeconds = cursor.offset(), cursor.atEnd else { return nil }
        let whole = midnight + hour * 3_600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: TimeInterval(whole) + TimeInterval(nanoseconds) / 1_000_000_000)
    }

    private struct Cursor {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index == bytes.count }

        mutating func take(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        /// Exactly `count` ASCII digits as a number.
        mutating func digits(_ count: Int) -> Int? {
            guard bytes.count - index >= count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }

        /// 1–9 digits after the decimal point, as nanoseconds.
        mutating func fraction() -> Int? {
            var value = 0
            var count = 0
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                guard count < 9 else { return nil }
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                count += 1
                index += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<9 { value *= 10 }
            return value
        }

        /// `Z` (0), or `±HH:MM` / `±HHMM` as seconds east of UTC.
        mutating func offset() -> Int? {
            if take("Z") { return 0 }
            let sign: Int
            if take("+") { sign = 1 } else if take("-") { sign = -1 } else { return nil }
            guard let hours = digits(2) else { return nil }
            _ = take(":")
            guard let minutes = digits(2), hours < 24, minutes < 60 else { return nil }
            return sign * (hours * 3_600 + minutes * 60)
        }
    }
}
