import Engine

/// A refusal worded like Binance's (code and message), so the engine sees what it would see live.
public struct PaperExchangeError: ExchangeRejection, Equatable, CustomStringConvertible {
    public let code: Int
    public let message: String

    public var description: String { "paper exchange refused (\(code)): \(message)" }
    /// The paper account has no keys or bans; every refusal is about the order.
    public var stopsTrading: Bool { false }

    static func filterFailure(_ filter: String) -> PaperExchangeError { .init(code: -1013, message: "Filter failure: \(filter)") }
    static let insufficientBalance = PaperExchangeError(code: -2010, message: "Account has insufficient balance for requested action.")
    static let duplicateOrder = PaperExchangeError(code: -2010, message: "Duplicate order sent.")
    public static let invalidSymbol = PaperExchangeError(code: -1121, message: "Invalid symbol.")
    static let earnAssetNotEnough = PaperExchangeError(code: -6018, message: "Asset not enough")
    static let earnProductMissing = PaperExchangeError(code: -6001, message: "Daily product not exists.")
    static func badQuantity(_ what: String) -> PaperExchangeError { .init(code: -1100, message: "Illegal characters found in parameter '\(what)'.") }
}
