import Engine
import Foundation

/// A failed Binance call: which endpoint, the HTTP status and Binance's code and message when
/// there were any. Never carries the query, the signature or the key.
public struct BinanceAPIError: Error, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// Binance answered with an error code (4xx): the request was refused.
        case refused
        /// 429: too many requests; `retryAfterSeconds` says when to come back.
        case rateLimited
        /// 418: the IP is banned for a while; the client sends nothing more this run.
        case ipBanned
        /// 5xx, or -1006/-1007: Binance's own failure; for an order the outcome is unknown.
        case serverError
        /// No answer in time; for an order the outcome is unknown.
        case timeout
        /// The connection failed (refused, reset, DNS, TLS).
        case transport
        /// The answer was a redirect (3xx), not followed: Binance's API never redirects, so the
        /// base URL leads somewhere else. Nothing was sent on; an order was not placed.
        case redirected
        /// The answer was not the JSON this endpoint returns.
        case malformedResponse
        /// The order exists but in a state this engine does not know how to account for.
        case unknownOrderStatus
    }

    public let kind: Kind
    /// The endpoint's method and path, e.g. `POST /api/v3/order`.
    public let endpoint: String
    public let httpStatus: Int?
    public let code: Int?
    public let message: String
    public let retryAfterSeconds: Int?

    public init(kind: Kind, endpoint: String, httpStatus: Int? = nil, code: Int? = nil, message: String, retryAfterSeconds: Int? = nil) {
        self.kind = kind
        self.endpoint = endpoint
        self.httpStatus = httpStatus
        self.code = code
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Whether asking again (after a wait, for a read) can succeed.
    public var isRetryable: Bool {
        switch kind {
        case .rateLimited, .serverError, .timeout, .transport: return true
        case .refused: return code == BinanceErrorCode.timestampOutsideRecvWindow
        case .ipBanned, .redirected, .malformedResponse, .unknownOrderStatus: return false
        }
    }

    /// True when Binance certainly did not act on the request (an order was not placed).
    public var isDefiniteRefusal: Bool {
        switch kind {
        case .refused:
            // Binance documents -1006/-1007 as "execution status unknown"; -1021 is treated as unknown for orders too.
            return ![BinanceErrorCode.unexpectedResponse, BinanceErrorCode.backendTimeout, BinanceErrorCode.timestampOutsideRecvWindow].contains(code)
        case .rateLimited, .ipBanned, .redirected: return true
        case .serverError, .timeout, .transport, .malformedResponse, .unknownOrderStatus: return false
        }
    }

    public var description: String {
        var parts = ["Binance \(endpoint)"]
        if let httpStatus { parts.append("HTTP \(httpStatus)") }
        if let code { parts.append("code \(code)") }
        var text = parts.joined(separator: " ") + ": " + message
        if let retryAfterSeconds { text += " (retry after \(retryAfterSeconds) s)" }
        if let remedy { text += ". " + remedy }
        return text
    }

    /// What the operator does about it, for the codes that have a clear answer.
    var remedy: String? {
        switch (kind, code) {
        case (.ipBanned, _): return "The IP is banned for sending too much; the engine stopped sending. Wait until the ban ends and check nothing else uses this IP's budget."
        case (.rateLimited, _):
            return "Something else uses this IP's request weight (another bot, a second cron entry); the cycle stops rather than risk a ban (HTTP 418)."
        case (.redirected, _):
            return "Binance's API never redirects: check BINANCE_BASE_URL (https://api.binance.com, or https://testnet.binance.vision) and any proxy in front of it."
        case (_, BinanceErrorCode.invalidSignature): return "Check BINANCE_API_SECRET / BINANCE_PRIVATE_KEY_FILE belong to BINANCE_API_KEY."
        case (_, BinanceErrorCode.rejectedAPIKey): return "Check BINANCE_API_KEY, its permissions (spot trading, reading) and its IP whitelist."
        case (_, BinanceErrorCode.timestampOutsideRecvWindow): return "Check the host clock (NTP) and BINANCE_RECV_WINDOW."
        case (_, let code?):
            return SimpleEarnError(rawValue: code).map { "Simple Earn: \($0.name). \($0.remedy)" }
        default: return nil
        }
    }
}

/// Binance's Simple Earn refusals (errors.md, `-6xxx`), by name, with what the operator does.
public enum SimpleEarnError: Int, Sendable, CaseIterable {
    case dailyProductNotExists = -6001
    case productNotExistOrNoPermission = -6003
    case productNotInPurchaseStatus = -6004
    case smallerThanMinPurchaseLimit = -6005
    case redeemAmountError = -6006
    case notInRedeemTime = -6007
    case productNotInRedeemStatus = -6008
    case requestFrequencyTooHigh = -6009
    case exceedingMaxPurchasesPerUser = -6011
    case balanceNotEnough = -6012
    case purchasingFailed = -6013
    case exceedUpLimitAllowedToPurchase = -6014
    case emptyRequestBody = -6015
    case parameterError = -6016
    case notInWhitelist = -6017
    case assetNotEnough = -6018
    case needConfirm = -6019
    case projectNotExists = -6020

    var name: String {
        switch self {
        case .dailyProductNotExists: "product does not exist"
        case .productNotExistOrNoPermission: "product does not exist or the key has no permission for it"
        case .productNotInPurchaseStatus: "product not open for subscription"
        case .smallerThanMinPurchaseLimit: "amount below the product's minimum"
        case .redeemAmountError: "redeem amount refused"
        case .notInRedeemTime: "not in redemption time"
        case .productNotInRedeemStatus: "product not open for redemption"
        case .requestFrequencyTooHigh: "more than one subscribe/redeem per 3 s"
        case .exceedingMaxPurchasesPerUser: "too many subscriptions for this user"
        case .balanceNotEnough: "spot balance not enough"
        case .purchasingFailed: "subscription failed"
        case .exceedUpLimitAllowedToPurchase: "above the product's subscription limit"
        case .emptyRequestBody: "empty request"
        case .parameterError: "parameter error"
        case .notInWhitelist: "account not whitelisted for the product"
        case .assetNotEnough: "Simple Earn position not enough"
        case .needConfirm: "needs confirmation on Binance"
        case .projectNotExists: "project does not exist"
        }
    }

    var remedy: String {
        switch self {
        case .requestFrequencyTooHigh: "The engine spaces its moves by 3 s; another client on this account is moving funds too."
        case .balanceNotEnough, .assetNotEnough, .redeemAmountError:
            "Balances changed behind the engine's back; the next cycle reads them again."
        case .productNotInPurchaseStatus, .productNotInRedeemStatus, .notInRedeemTime:
            "Binance paused the product (maintenance); the next cycle tries again."
        case .needConfirm, .notInWhitelist, .productNotExistOrNoPermission:
            "Open Simple Earn on Binance with this account and accept what it asks for."
        default: "Check the product on Binance; the cycle went on without this move."
        }
    }
}

/// The Binance error codes this engine acts on (errors.md).
public enum BinanceErrorCode {
    public static let unexpectedResponse = -1006
    public static let backendTimeout = -1007
    public static let tooManyRequests = -1003
    public static let timestampOutsideRecvWindow = -1021
    public static let invalidSignature = -1022
    public static let illegalParameter = -1100
    public static let invalidSymbol = -1121
    public static let filterFailure = -1013
    public static let insufficientBalance = -2010
    public static let orderDoesNotExist = -2013
    public static let rejectedAPIKey = -2015
    public static let rejectedMBXKey = -2014
}

/// An order or earn move Binance refused: final, it was not executed.
public struct BinanceRejection: ExchangeRejection, Equatable, CustomStringConvertible {
    public let error: BinanceAPIError
    public var description: String { error.description }
    /// A ban (418), a redirect (the base URL leads elsewhere) or a refused key, signature or
    /// permission: no other order can get through.
    public var stopsTrading: Bool {
        [.ipBanned, .redirected].contains(error.kind)
            || [BinanceErrorCode.rejectedAPIKey, BinanceErrorCode.rejectedMBXKey, BinanceErrorCode.invalidSignature].contains(error.code)
    }
}

/// An order the adapter did not send because Binance's filters would refuse it.
public struct BinanceFilterRejection: ExchangeRejection, Equatable, CustomStringConvertible {
    public let violation: FilterViolation
    public let symbol: String
    public var description: String { "not sent: \(symbol) fails \(violation.filter.rawValue) (\(violation.detail))" }
    public var stopsTrading: Bool { false }
}

/// A redirect is the base URL leading elsewhere: asking again gets the same redirect.
extension BinanceAPIError: NotWorthRetryingError {
    public var retryingCannotHelp: Bool { kind == .redirected }
}
