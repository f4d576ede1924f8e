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
            settings.initialBalances = try balances(raw)
        }
        return settings
    }

    private static func balances(_ raw: String) throws -> [String: Decimal] {
        var balances: [String: Decimal] = [:]
        for item in raw.split(separator: ",") {
            let parts = item.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, parts[0] == parts[0].uppercased(),
                  let amount = Decimal(string: parts[1], locale: Locale(identifier: "en_US_POSIX")), amount >= 0 else {
                throw ConfigurationError(variable: "PAPER_INITIAL_BALANCES", value: raw, expected: "ASSET=AMOUNT pairs separated by commas, e.g. USDT=10000,BNB=0.1")
            }
            balances[parts[0]] = amount
        }
        return balances
    }
}
