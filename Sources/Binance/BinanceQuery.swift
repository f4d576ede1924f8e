import Foundation

/// Request parameters in the order they are sent and signed. Values are rendered without the
/// process locale (a decimal comma can never reach a signed query) and percent-encoded the
/// way Binance decodes them: every byte outside `A-Z a-z 0-9 - _ . ~` becomes `%XX`.
public struct BinanceQuery: Sendable, Equatable {
    public private(set) var items: [(name: String, value: String)] = []

    public init() {}

    public init(_ items: [(String, String)]) {
        self.items = items.map { (name: $0.0, value: $0.1) }
    }

    public mutating func add(_ name: String, _ value: String) { items.append((name: name, value: value)) }
    public mutating func add(_ name: String, _ value: Int64) { add(name, String(value)) }
    public mutating func add(_ name: String, _ value: Int) { add(name, String(value)) }
    public mutating func add(_ name: String, _ value: Decimal) { add(name, Self.text(value)) }
    public mutating func add(_ name: String, _ value: Bool) { add(name, value ? "true" : "false") }
    /// A JSON array of strings, as `symbols=["BTCUSDT","ETHUSDT"]` expects.
    public mutating func add(_ name: String, jsonArray values: [String]) {
        add(name, "[" + values.map { "\"\($0)\"" }.joined(separator: ",") + "]")
    }

    /// The percent-encoded `name=value&…` string: exactly what is sent and what is signed.
    public var encoded: String {
        items.map { Self.percentEncode($0.name) + "=" + Self.percentEncode($0.value) }.joined(separator: "&")
    }

    /// Plain decimal text, whatever the locale: `0.19`, never `0,19` or `1.9e-1`.
    public static func text(_ value: Decimal) -> String {
        value.description
    }

    public static func percentEncode(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                output.unicodeScalars.append(UnicodeScalar(byte))
            default:
                output += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0x0f, radix: 16, uppercase: true)
            }
        }
        return output
    }

    public static func == (lhs: BinanceQuery, rhs: BinanceQuery) -> Bool { lhs.encoded == rhs.encoded }
}
