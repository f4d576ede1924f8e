import BinanceWireFormat
import Foundation
import WebClient

/// Turns an HTTP answer into the body or a typed error, per Binance's status semantics.
enum BinanceResponse {
    static func check(_ response: HTTPTransport.Response, endpoint: String, onBan: (BinanceAPIError) -> Void) throws -> Data {
        let status = response.status
        if (200..<300).contains(status) { return response.body }
        let retryAfter = response.header("Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let payload = try? JSONDecoder().decode(BinanceWire.ErrorPayload.self, from: response.body)
        let message = payload?.msg ?? Self.snippet(response.body)
        switch status {
        case 418:
            let error = BinanceAPIError(kind: .ipBanned, endpoint: endpoint, httpStatus: status, code: payload?.code, message: message, retryAfterSeconds: retryAfter)
            onBan(error)
            throw error
        case 429:
            throw BinanceAPIError(kind: .rateLimited, endpoint: endpoint, httpStatus: status, code: payload?.code, message: message, retryAfterSeconds: retryAfter)
        case 500...:
            throw BinanceAPIError(kind: .serverError, endpoint: endpoint, httpStatus: status, code: payload?.code, message: message)
        default:
            guard let payload else {
                throw BinanceAPIError(kind: .malformedResponse, endpoint: endpoint, httpStatus: status, message: "error answer without Binance's {code, msg}: \(message)")
            }
            let unknownOutcome = [BinanceErrorCode.unexpectedResponse, BinanceErrorCode.backendTimeout].contains(payload.code)
            throw BinanceAPIError(kind: unknownOutcome ? .serverError : .refused, endpoint: endpoint, httpStatus: status, code: payload.code, message: payload.msg)
        }
    }

    /// The start of a body for an error message (Binance bodies hold no secrets; kept short anyway).
    static func snippet(_ body: Data) -> String {
        let text = String(decoding: body.prefix(160), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
        return text.isEmpty ? "(empty body)" : "'\(text)'" + (body.count > 160 ? "…" : "")
    }
}
