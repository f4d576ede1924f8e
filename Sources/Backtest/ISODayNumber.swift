/// Calendar arithmetic on `YYYY-MM-DD` strings without `Calendar` or `DateFormatter`: the
/// statistics need whole-day differences only, and a plain proleptic Gregorian day count is
/// exact, locale- and time-zone-free, and cannot fail at run time.
public enum ISODayNumber {
    /// Days since 0001-01-01 (proleptic Gregorian) of the date in the first ten characters of
    /// `text` (`YYYY-MM-DD`, so a timestamp such as `2024-01-01T00:00:00Z` also works);
    /// nil when those characters are not a real calendar date in years 0001–9999.
    public static func dayNumber(_ text: String) -> Int? {
        let bytes = Array(text.utf8.prefix(10))
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = digits(bytes[0..<4]), let month = digits(bytes[5..<7]), let day = digits(bytes[8..<10]),
              year >= 1, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        let yearsBefore = year - 1
        let leapDaysBefore = yearsBefore / 4 - yearsBefore / 100 + yearsBefore / 400
        var dayOfYear = daysBeforeMonth[month - 1] + day - 1
        if month > 2, isLeap(year) { dayOfYear += 1 }
        return yearsBefore * 365 + leapDaysBefore + dayOfYear
    }

    /// Calendar days from `start` to `end` (negative when `end` is earlier); nil if either is not a date.
    public static func days(from start: String, to end: String) -> Int? {
        guard let first = dayNumber(start), let last = dayNumber(end) else { return nil }
        return last - first
    }

    /// Days in the months before each month of a common year.
    private static let daysBeforeMonth = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

    private static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func digits(_ slice: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in slice {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
