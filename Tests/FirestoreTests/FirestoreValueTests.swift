import Engine
import Firestore
import Foundation
import Testing

/// The typed value encoding against the original's document in Firestore's wire form.
struct FirestoreValueTests {
    @Test func theOriginalsDocumentDecodesWithItsTypesAndEncodesBackIdentically() throws {
        let wire = try FirestoreHarness.originalStateFields()
        let document = try FirestoreValue.decode(fields: wire)
        #expect(document["operator_review_count"] == .int(3), "an integer stays an integer")
        #expect(document["daily_equity_base"] == .double(0.0), "0.0 stays a float")
        #expect(document["trend_pool_last_good_payload"]?["pool_size"] == .int(5))
        #expect(document["operator_limits"]?["flags"] == .array([.bool(true), .null, .int(7), .double(1.25)]))
        #expect(document["retired_trend_positions"] == .object([:]), "an empty map stays a map")
        #expect(document["trend_pool_messages"] == .array([]), "an empty array stays an array")
        #expect(FirestoreValue.fields(document) == wire, "encoding the decoded document gives the original wire form back")
    }

    @Test func integersTravelAsStringsAndFloatsAsNumbers() {
        #expect(FirestoreValue.encode(.int(9_007_199_254_740_993)) == ["integerValue": "9007199254740993"], "beyond 2^53 without rounding")
        #expect(FirestoreValue.encode(.double(2)) == ["doubleValue": .double(2)])
        #expect(FirestoreValue.encode(.double(.nan)) == ["doubleValue": "NaN"])
    }

    /// Issue 12: kinds JSON cannot express come back exactly as they were read.
    @Test(arguments: [
        ["timestampValue": "2026-11-21T10:00:00.123456Z"], ["bytesValue": "AAEC/w=="],
        ["referenceValue": "projects/p/databases/(default)/documents/strategy/X"],
        ["geoPointValue": ["latitude": 48.8566, "longitude": 2.3522]], ["nullValue": .null],
    ] as [JSONValue])
    func everyValueKindRoundTripsInWireForm(_ wire: JSONValue) throws {
        #expect(FirestoreValue.encode(try FirestoreValue.decode(wire, path: "k")) == wire)
    }

    @Test func unknownKindsAreRefused() throws {
        #expect(try FirestoreValue.decode(["doubleValue": .int(3)], path: "d") == .double(3), "a whole double sent without a point is still a double")
        let error = try #require(throws: FirestoreDecodingError.self) { try FirestoreValue.decode(["vectorValue": [:]], path: "x.y") }
        #expect(error.description.contains("x.y"))
        #expect(throws: FirestoreDecodingError.self) { try FirestoreValue.decode(["integerValue": "1.5"], path: "n") }
    }
}
