import Foundation

/// Proleptic-Gregorian day arithmetic (days since 1970-01-01, UTC) for the years 1600…9999,
/// where it agrees with Foundation's Gregorian calendar: converting a date is integer maths
/// instead of a `Calendar` call, which every cycle makes dozens of times. Outside those years
/// (never in practice) callers fall back to `Calendar`.
enum CivilCalendar {
    static let years = 1600...9999
    /// Seconds since 1970 within `years` (1600-01-01 … 9999-12-31).
    private static let seconds = -11_676_096_000.0..<253_402_300_800.0

    /// Day number of a date (floor of its seconds / 86,400), nil outside `years`.
    static func dayNumber(_ date: Date) -> Int? {
        let value = date.timeIntervalSince1970
        guard seconds.contains(value) else { return nil }
        return Int((value / 86_400).rounded(.down))
    }

    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDayNumber number: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = number + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `value` in decimal, left-padded with zeros to `width` digits (a minus sign goes first).
    static func padded(_ value: Int, _ width: Int) -> String {
        FixedWidthText.make(capacity: 21 + max(0, width)) { $0.number(value, width: width) } ?? String(value)
    }
}

extension String {
    /// `trimmingCharacters(in: .whitespaces)`, without Foundation's cost when there is nothing to trim.
    func trimmingSpaces() -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        let isSpace = { (scalar: Unicode.Scalar) in CharacterSet.whitespaces.contains(scalar) }
        return isSpace(first) || isSpace(last) ? trimmingCharacters(in: .whitespaces) : self
    }
}
