import Engine
import Foundation
import Testing

/// The day and moment texts every cycle writes (`YYYY-MM-DD`, `YYYYMMDD`, ISO-8601 with
/// `+00:00`), spelled by integer arithmetic, against Foundation's Gregorian calendar.
@Suite struct DateSpellingTests {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private func foundationSpelling(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        let whole = seconds.rounded(.down)
        let micros = Int(((seconds - whole) * 1_000_000).rounded())
        let parts = Self.calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: whole))
        let base = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
        return micros > 0 && micros < 1_000_000 ? base + String(format: ".%06d", micros) + "+00:00" : base + "+00:00"
    }

    @Test func momentsAgreeWithFoundationAcrossTheCenturies() {
        var generator = SystemRandomNumberGenerator()
        var moments: [Double] = [0, -1, 86_399.5, 1_773_532_800, 1_773_532_800.000001, 1_773_619_199.999999, 951_782_400, -11_676_096_000, 253_402_300_799]
        for _ in 0..<5_000 { moments.append(Double.random(in: -11_676_096_000...253_402_300_799, using: &generator).rounded(.down) + Double(Int.random(in: 0..<1_000_000, using: &generator)) / 1_000_000) }
        for seconds in moments {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(date.isoWithOffset == foundationSpelling(date), "\(seconds)")
            let day = CalendarDay(date)
            let parts = Self.calendar.dateComponents([.year, .month, .day], from: date)
            let iso = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            #expect(day.iso == iso)
            #expect(day.compact == iso.replacingOccurrences(of: "-", with: ""))
            #expect(day.yearMonth == String(iso.prefix(7)))
        }
    }

    @Test func aMomentOutsideTheArithmeticsYearsIsSpelledByFoundation() {
        let late = Date(timeIntervalSince1970: 253_402_300_800 + 86_400 * 40)
        #expect(late.isoWithOffset == foundationSpelling(late))
        #expect(late.isoWithOffset.hasPrefix("10000-02-"))
    }

    @Test func aMomentThatIsNotANumberIsSpelledWithoutTrapping() {
        #expect(Date(timeIntervalSince1970: .infinity).isoWithOffset.hasSuffix("+00:00"))
        #expect(Date(timeIntervalSince1970: .nan).isoWithOffset.hasSuffix("+00:00"))
    }

    @Test func aDayOfAFiveDigitYearKeepsItsDigits() throws {
        let day = try #require(CalendarDay(year: 12_345, month: 6, day: 7))
        #expect(day.iso == "12345-06-07")
        #expect(day.compact == "123450607")
        #expect(day.yearMonth == "12345-06")
    }
}
