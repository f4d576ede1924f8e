import BinanceWireFormat
import Engine
import Foundation
import Strategy

/// The shared wire format (`BinanceWireFormat`) with the adapter's error: anything that is not
/// what the endpoint returns becomes a `malformedResponse` naming the endpoint.
extension BinanceWire {
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, endpoint: BinanceEndpoint) throws -> T {
        do {
            return try decode(type, from: data, what: "the answer")
        } catch let error as WireFormatError {
            throw malformed(endpoint, "\(error.problem): \(BinanceResponse.snippet(data))")
        }
    }

    static func decimal(_ text: String, field: String, endpoint: BinanceEndpoint) throws -> Decimal {
        try mapped(endpoint) { try decimal(text, field: field) }
    }

    static func double(_ text: String, field: String, endpoint: BinanceEndpoint) throws -> Double {
        try mapped(endpoint) { try double(text, field: field) }
    }

    static func klines(from data: Data, endpoint: BinanceEndpoint) throws -> [Kline] {
        try mapped(endpoint) { try klines(from: data, what: "klines") }
    }

    /// Runs a mapping from the wire format, turning its `WireFormatError` into the endpoint's.
    static func mapped<T>(_ endpoint: BinanceEndpoint, _ map: () throws -> T) throws -> T {
        do {
            return try map()
        } catch let error as WireFormatError {
            throw malformed(endpoint, error.description)
        }
    }

    static func malformed(_ endpoint: BinanceEndpoint, _ detail: String) -> BinanceAPIError {
        BinanceAPIError(kind: .malformedResponse, endpoint: "\(endpoint.method.rawValue) \(endpoint.path)", httpStatus: 200, message: detail)
    }
}
