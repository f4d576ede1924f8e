import Engine
import Foundation
import Strategy

/// Binance's JSON as it arrives; numbers Binance sends as strings stay strings here and are
/// parsed in the POSIX locale by `decimal(_:)`. `BinanceExchange+Mapping` turns these into
/// the Engine's types.
public enum BinanceWire {
    struct ErrorPayload: Decodable { let code: Int; let msg: String }
    struct ServerTime: Decodable { let serverTime: Int64 }

    public struct ExchangeInfo: Decodable, Sendable { public let symbols: [SymbolInfo] }
    public struct SymbolInfo: Decodable, Sendable {
        public let symbol: String
        public let status: String
        public let baseAsset: String
        public let quoteAsset: String
        public let quoteAssetPrecision: Int?
        public let filters: [Filter]
    }
    public struct Filter: Decodable, Sendable {
        public let filterType: String
        public let minQty: String?
        public let maxQty: String?
        public let stepSize: String?
        public let minNotional: String?
        public let maxNotional: String?
        public let applyMinToMarket: Bool?
        public let applyMaxToMarket: Bool?
        public let applyToMarket: Bool?
        public let avgPriceMins: Int?
    }

    public struct AveragePrice: Decodable, Sendable { public let mins: Int?; public let price: String }

    public struct Account: Decodable, Sendable {
        public let canTrade: Bool
        public let accountType: String?
        public let permissions: [String]?
        public let balances: [Balance]
    }
    public struct Balance: Decodable, Sendable { public let asset: String; public let free: String; public let locked: String }

    public struct Order: Decodable, Sendable {
        public let symbol: String
        public let orderId: Int64
        public let clientOrderId: String
        public let status: String
        public let origQty: String
        public let executedQty: String
        public let cummulativeQuoteQty: String
        public let fills: [Fill]?
    }
    public struct Fill: Decodable, Sendable {
        public let price: String
        public let qty: String
        public let commission: String
        public let commissionAsset: String
    }
    public struct Trade: Decodable, Sendable {
        public let orderId: Int64
        public let qty: String
        public let commission: String
        public let commissionAsset: String
    }

    public struct Page<Row: Decodable & Sendable>: Decodable, Sendable { public let rows: [Row]; public let total: Int }
    public struct FlexibleProduct: Decodable, Sendable {
        public let asset: String
        public let productId: String
        public let canPurchase: Bool?
        public let canRedeem: Bool?
    }
    public struct FlexiblePosition: Decodable, Sendable {
        public let asset: String
        public let productId: String
        public let totalAmount: String
    }
    public struct EarnMoveResult: Decodable, Sendable { public let success: Bool }

    public struct APIRestrictions: Decodable, Sendable {
        public let ipRestrict: Bool
        public let enableWithdrawals: Bool
        public let enableSpotAndMarginTrading: Bool
        public let enableReading: Bool
    }

    /// Decodes `type` or throws a `malformedResponse` naming the endpoint.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, endpoint: BinanceEndpoint) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw malformed(endpoint, "not the expected JSON (\(Self.reason(error))): \(BinanceResponse.snippet(data))")
        }
    }

    /// A decimal Binance sent as text, parsed in the POSIX locale.
    static func decimal(_ text: String, field: String, endpoint: BinanceEndpoint) throws -> Decimal {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
              let value = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX")) else {
            throw malformed(endpoint, "\(field) '\(text.prefix(40))' is not a number")
        }
        return value
    }

    static func double(_ text: String, field: String, endpoint: BinanceEndpoint) throws -> Double {
        let value = try decimal(text, field: field, endpoint: endpoint)
        return Double(BinanceQuery.text(value)) ?? NSDecimalNumber(decimal: value).doubleValue
    }

    /// Daily klines: arrays of `[openTime, open, high, low, close, volume, …]`.
    static func klines(from data: Data, endpoint: BinanceEndpoint) throws -> [Kline] {
        let rows: [JSONValue]
        do {
            guard let array = try JSONParser.parse(data).arrayValue else { throw malformed(endpoint, "klines are not a JSON array") }
            rows = array
        } catch let error as BinanceAPIError {
            throw error
        } catch {
            throw malformed(endpoint, "not JSON (\(error)): \(BinanceResponse.snippet(data))")
        }
        return try rows.enumerated().map { index, row in
            guard let fields = row.arrayValue, fields.count >= 6, case .int(let openTime) = fields[0],
                  let open = fields[1].numberValue, let high = fields[2].numberValue, let low = fields[3].numberValue,
                  let close = fields[4].numberValue, let volume = fields[5].numberValue,
                  [open, high, low, close, volume].allSatisfy({ $0.isFinite }) else {
                throw malformed(endpoint, "kline row \(index) is not [openTime, open, high, low, close, volume, …] with finite numbers")
            }
            return Kline(openTime: openTime, open: open, high: high, low: low, close: close, volume: volume)
        }
    }

    static func malformed(_ endpoint: BinanceEndpoint, _ detail: String) -> BinanceAPIError {
        BinanceAPIError(kind: .malformedResponse, endpoint: "\(endpoint.method.rawValue) \(endpoint.path)", httpStatus: 200, message: detail)
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted: return "not valid JSON"
        default: return "undecodable"
        }
    }
}
