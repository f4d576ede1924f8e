import Engine
import Foundation

/// The paper exchange's settings: the balances a new wallet is funded with
/// (`PAPER_INITIAL_BALANCES`, e.g. `USDT=10000,BNB=0.1`) and the market folder (`PAPER_MARKET_DIR`).
public struct PaperSettings: Sendable, Equatable {
    public var initialBalances: [String: Decimal] = PaperWallet.defaultInitialBalances
    public var marketDirectory: String?

    public static let defaults = PaperSettings()

    public init() {}

    public static func parse(_ reader: EnvironmentReader) throws -> PaperSettings {
        var settings = PaperSettings()
        settings.marketDirectory = reader.string("PAPER_MARKET_DIR")
        if let raw = reader.string("PAPER_INITIAL_BALANCES") {
            settings.initialBalances = try balances(raw, source: "PAPER_INITIAL_BALANCES")
        }
        return settings
    }

    /// `ASSET=AMOUNT` pairs separated by commas; `source` names the setting in the error.
    public static func balances(_ raw: String, source: String) throws -> [String: Decimal] {
        var balances: [String: Decimal] = [:]
        for item in raw.split(separator: ",") {
            let parts = item.split(separator: "=", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            // Plain decimals only: Decimal(string:) alone reads "10000abc" as 10000 and "0x10" as 0.
            guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }),
                  Self.isPlainDecimal(parts[1]),
                  let amount = Decimal(string: parts[1]), amount >= 0,
                  balances[parts[0]] == nil else {
                throw ConfigurationError(variable: source, value: raw, expected: "ASSET=AMOUNT pairs separated by commas, e.g. USDT=10000,BNB=0.1")
            }
            balances[parts[0]] = amount
        }
        return balances
    }

    /// Digits with at most one decimal point and digits on its left: `10000`, `0.1`.
    static func isPlainDecimal(_ text: String) -> Bool {
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count), !pieces[0].isEmpty else { return false }
        return pieces.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
