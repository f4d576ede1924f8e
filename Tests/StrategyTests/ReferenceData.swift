import Foundation
import Strategy

/// Loads the committed pandas reference series (Fixtures/klines_reference).
enum ReferenceData {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = root.appendingPathComponent("Fixtures/klines_reference")

    static func klines(_ symbol: String) throws -> [Kline] {
        let data = try Data(contentsOf: folder.appendingPathComponent("\(symbol).json"))
        let rows = try #require(try JSONSerialization.jsonObject(with: data) as? [[Any]])
        return try rows.map { row in
            Kline(
                openTime: try #require((row[0] as? NSNumber)?.int64Value),
                open: try number(row[1]), high: try number(row[2]), low: try number(row[3]),
                close: try number(row[4]), volume: try number(row[5])
            )
        }
    }

    static func expected() throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("expected_pandas.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private static func number(_ value: Any) throws -> Double {
        let text = try #require(value as? String)
        return try #require(Double(text))
    }
}

import Testing

/// |actual − expected| ≤ 1e-9 × max(1, |expected|): relative, with an absolute floor near zero.
func expectClose(_ actual: Double?, _ expected: Double?, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let expected else {
        #expect(actual == nil, "\(label): expected undefined, got \(String(describing: actual))", sourceLocation: sourceLocation)
        return
    }
    guard let actual else {
        Issue.record("\(label): expected \(expected), got nil", sourceLocation: sourceLocation)
        return
    }
    #expect(abs(actual - expected) <= 1e-9 * max(1, abs(expected)), "\(label): \(actual) vs pandas \(expected)", sourceLocation: sourceLocation)
}
