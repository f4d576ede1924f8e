import Foundation

/// A UTC calendar day, the unit of every daily rule (resets, cooldowns, artifact age).
public struct CalendarDay: Sendable, Equatable, Comparable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        if CivilCalendar.years.contains(year) {
            guard day <= CivilCalendar.daysInMonth(year: year, month: month) else { return nil }
        } else {
            // Outside the proleptic-Gregorian years the arithmetic covers, Foundation decides.
            var components = DateComponents()
            components.year = year
            components.month = month
            components.day = day
            guard let date = Self.calendar.date(from: components), Self.calendar.component(.day, from: date) == day else { return nil }
        }
        self.year = year
        self.month = month
        self.day = day
    }

    public init(_ date: Date) {
        if let days = CivilCalendar.dayNumber(date) {
            (year, month, day) = CivilCalendar.civil(fromDayNumber: days)
            return
        }
        let parts = Self.calendar.dateComponents([.year, .month, .day], from: date)
        self.year = parts.year ?? 1970
        self.month = parts.month ?? 1
        self.day = parts.day ?? 1
    }

    /// Reads the first 10 characters as `YYYY-MM-DD`, as the original does.
    public init?(isoPrefix text: String) {
        let head = text.trimmingSpaces().prefix(10)
        let parts = head.split(separator: "-", omittingEmptySubsequences: false)
        guard head.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }()

    var date: Date {
        if CivilCalendar.years.contains(year) {
            return Date(timeIntervalSince1970: TimeInterval(CivilCalendar.dayNumber(year: year, month: month, day: day)) * 86_400)
        }
        return Self.calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
    }

    /// Whole days from `earlier` to this day (negative when `earlier` is later).
    public func days(since earlier: CalendarDay) -> Int {
        if CivilCalendar.years.contains(year), CivilCalendar.years.contains(earlier.year) {
            return CivilCalendar.dayNumber(year: year, month: month, day: day)
                - CivilCalendar.dayNumber(year: earlier.year, month: earlier.month, day: earlier.day)
        }
        return Self.calendar.dateComponents([.day], from: earlier.date, to: date).day ?? 0
    }

    /// `YYYY-MM-DD`
    public var iso: String { spelled(separator: "-") }
    /// `YYYYMMDD`, the original's action and DCA date format.
    public var compact: String { spelled(separator: nil) }
    /// `YYYY-MM`
    public var yearMonth: String {
        FixedWidthText.make(capacity: 15) { text in
            text.number(year, width: 4)
            text.character("-")
            text.number(month, width: 2)
        } ?? CivilCalendar.padded(year, 4) + "-" + CivilCalendar.padded(month, 2)
    }

    private func spelled(separator: Unicode.Scalar?) -> String {
        FixedWidthText.make(capacity: 15) { text in
            text.number(year, width: 4)
            if let separator { text.character(separator) }
            text.number(month, width: 2)
            if let separator { text.character(separator) }
            text.number(day, width: 2)
        } ?? [CivilCalendar.padded(year, 4), CivilCalendar.padded(month, 2), CivilCalendar.padded(day, 2)]
            .joined(separator: separator.map { String($0) } ?? "")
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension Date {
    /// ISO-8601 with an explicit `+00:00` offset and microseconds when present, as Python's `isoformat()` writes it.
    public var isoWithOffset: String {
        let seconds = timeIntervalSince1970
        guard let days = CivilCalendar.dayNumber(self) else { return foundationISOWithOffset }
        let whole = seconds.rounded(.down)
        let micros = Int(((seconds - whole) * 1_000_000).rounded())
        let second = Int(whole - Double(days) * 86_400)
        let day = CalendarDay(Date(timeIntervalSince1970: whole))
        return FixedWidthText.make(capacity: 40) { text in
            text.number(day.year, width: 4)
            text.character("-")
            text.number(day.month, width: 2)
            text.character("-")
            text.number(day.day, width: 2)
            text.character("T")
            text.number(second / 3_600, width: 2)
            text.character(":")
            text.number(second / 60 % 60, width: 2)
            text.character(":")
            text.number(second % 60, width: 2)
            if micros > 0, micros < 1_000_000 {
                text.character(".")
                text.number(micros, width: 6)
            }
            for character in "+00:00".unicodeScalars { text.character(character) }
        } ?? foundationISOWithOffset
    }

    /// The same text through Foundation's calendar, for moments outside `CivilCalendar.years`
    /// (and an infinite or NaN moment, spelled as 1970's first second rather than trapping).
    private var foundationISOWithOffset: String {
        let seconds = timeIntervalSince1970.isFinite ? timeIntervalSince1970 : 0
        let whole = seconds.rounded(.down)
        let micros = Int(((seconds - whole) * 1_000_000).rounded())
        let parts = CalendarDay.calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: whole))
        let base = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                          parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        return micros > 0 && micros < 1_000_000 ? base + "." + CivilCalendar.padded(micros, 6) + "+00:00" : base + "+00:00"
    }

    /// `YYYYMMDDTHHMMSSZ` (UTC, whole seconds), as run ids spell their moment.
    public var compactUTCStamp: String {
        let iso = Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)).isoWithOffset
        return String(iso.prefix(19).filter { $0 != "-" && $0 != ":" }) + "Z"
    }

    /// UTC hour of day, 0…23.
    public var utcHour: Int {
        guard let days = CivilCalendar.dayNumber(self) else { return CalendarDay.calendar.component(.hour, from: self) }
        return Int(timeIntervalSince1970.rounded(.down) - Double(days) * 86_400) / 3_600
    }

    /// Parses `2026-03-15T00:00:00Z`, `…+00:00`, `….123456Z`, or a bare `2026-03-15` (midnight UTC);
    /// nil for anything else (`ISOTimestamp`).
    public static func parseISO8601(_ text: String) -> Date? { ISOTimestamp.parse(text) }
}
