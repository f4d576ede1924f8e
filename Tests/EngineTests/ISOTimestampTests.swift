import Engine
import Foundation
import Testing

/// `Date.parseISO8601`, the reader of `--now` and of the moments the stores wrote: the forms it
/// takes, the ones it refuses instead of moving them (Foundation's ISO-8601 formatter read
/// February 30 as March 2 and kept only milliseconds), and a round trip with what the engine writes.
@Suite struct ISOTimestampTests {
    private let march15 = Date(timeIntervalSince1970: 1_773_532_800)

    @Test func readsTheFormsTheEngineAndOperatorsWrite() {
        #expect(Date.parseISO8601("2026-03-15T00:00:00Z") == march15)
        #expect(Date.parseISO8601("2026-03-15T00:00:00+00:00") == march15)
        #expect(Date.parseISO8601("2026-03-15T00:00:00+0000") == march15)
        #expect(Date.parseISO8601("2026-03-15") == march15)
        #expect(Date.parseISO8601(" 2026-03-15T00:00:00Z ") == march15)
        #expect(Date.parseISO8601("2026-03-15T01:30:00+01:30") == march15)
        #expect(Date.parseISO8601("2026-03-14T19:00:00-05:00") == march15)
        #expect(Date.parseISO8601("2026-03-15T12:59:59Z") == march15.addingTimeInterval(46_799))
        #expect(Date.parseISO8601("2026-03-15T00:00:00.5Z") == march15.addingTimeInterval(0.5))
    }

    @Test func keepsMicrosecondsThatTheEngineWrote() throws {
        let moment = Date(timeIntervalSince1970: 1_773_532_800.123456)
        let text = moment.isoWithOffset
        #expect(text == "2026-03-15T00:00:00.123456+00:00")
        let read = try #require(Date.parseISO8601(text))
        #expect(read.isoWithOffset == text)
        #expect(abs(read.timeIntervalSince1970 - moment.timeIntervalSince1970) < 0.000_001)
    }

    @Test func roundTripsEveryMomentItSpells() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let seconds = Double(Int64.random(in: -11_676_096_000...253_402_300_799, using: &generator))
            let moment = Date(timeIntervalSince1970: seconds)
            #expect(Date.parseISO8601(moment.isoWithOffset) == moment, "\(moment.isoWithOffset)")
        }
    }

    @Test(arguments: [
        "yesterday", "", "2026-02-30T00:00:00Z", "2026-02-29", "2026-13-01T00:00:00Z", "2026-03-15T24:00:00Z",
        "2026-03-15T23:59:60Z", "2026-03-15T00:60:00Z", "2026-03-15T00:00:00", "2026-03-15T00:00Z", "2026-03-15t00:00:00z",
        "2026-03-15 00:00:00Z", "26-03-15T00:00:00Z", "2026-3-15T00:00:00Z", "12026-03-15T00:00:00Z", "2026-03-15T1:00:00Z",
        "2026-03-15T00:00:00.Z", "2026-03-15T00:00:00,5Z", "2026-03-15T00:00:00.1234567890Z", "2026-03-15T00:00:00+24:00",
        "2026-03-15T00:00:00+00", "2026-03-15T00:00:00GMT", "2026-03-15T00:00:00+00:00:00", "+2026-03-15T00:00:00Z",
        "0001-01-01T00:00:00Z", "2026-03-15T00:00:00Z trailing", "２０２６-03-15",
    ])
    func refusesAnythingElse(_ text: String) {
        #expect(Date.parseISO8601(text) == nil, "\(text)")
    }

    @Test func leapDaysFollowTheGregorianRules() {
        #expect(Date.parseISO8601("2024-02-29") != nil)
        #expect(Date.parseISO8601("2000-02-29") != nil)
        #expect(Date.parseISO8601("1900-02-29") == nil)
    }

    @Test func runIdStampIsTheUTCMomentInWholeSeconds() {
        #expect(Date(timeIntervalSince1970: 1_773_532_800.999).compactUTCStamp == "20260315T000000Z")
        #expect(Date(timeIntervalSince1970: 1_773_579_845).compactUTCStamp == "20260315T130405Z")
    }
}
