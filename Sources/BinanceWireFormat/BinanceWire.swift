import Engine
import Foundation

/// Binance's JSON as it arrives on the wire (spot REST and Simple Earn), shared by everything
/// that reads it: the Binance adapter, the paper exchange's market folder, replay fixtures and
/// the fake Binance. Numbers Binance sends as strings stay strings here and are parsed in the
/// POSIX locale by `BinanceWire.decimal`; the `+Mapping` files turn these into Engine types.
public enum BinanceWire {
    public struct ErrorPayload: Decodable, Sendable { public let code: Int; public let msg: String }
    public struct ServerTime: Decodable, Sendable { public let serverTime: Int64 }

    public struct ExchangeInfo: Decodable, Sendable { public let symbols: [SymbolInfo] }
    public struct SymbolInfo: Decodable, Sendable {
        public let symbol: String
        /// `TRADING`, `BREAK`, `HALT`, …
        public let status: String
        public let baseAsset: String
        public let quoteAsset: String
        public let quoteAssetPrecision: Int?
        public let filters: [Filter]
    }
    /// One entry of a symbol's `filters` (filters.md); only the fields this engine acts on.
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
        public init(price: String, qty: String, commission: String, commissionAsset: String) {
            self.price = price
            self.qty = qty
            self.commission = commission
            self.commissionAsset = commissionAsset
        }
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
}

/// Binance-shaped input that is not what Binance sends: the field, and what is wrong with it.
public struct WireFormatError: Error, Equatable, CustomStringConvertible {
    public let field: String
    public let problem: String
    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }
    public var description: String { "\(field) \(problem)" }
}

extension BinanceWire {
    /// Decodes `type` from `data`, or throws a `WireFormatError` saying what did not fit.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw WireFormatError(field: what, problem: "is not the expected JSON (\(reason(error)))")
        }
    }

    /// A decimal Binance sent as text, parsed in the POSIX locale; finite, plain digits only.
    public static func decimal(_ text: String, field: String) throws -> Decimal {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
              let value = Decimal(string: trimmed) else {
            throw WireFormatError(field: field, problem: "'\(text.prefix(40))' is not a number")
        }
        return value
    }

    /// The Double nearest the decimal text (never NSDecimalNumber's last-bit rounding).
    public static func double(_ text: String, field: String) throws -> Double {
        let value = try decimal(text, field: field)
        return Double(text.trimmingCharacters(in: .whitespaces)) ?? NSDecimalNumber(decimal: value).doubleValue
    }

    static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted: return "not valid JSON"
        default: return "undecodable"
        }
    }
}
