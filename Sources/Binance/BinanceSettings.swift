import Engine
import Foundation

/// The Binance adapter's settings: credentials (`BINANCE_API_KEY` with `BINANCE_API_SECRET` or
/// `BINANCE_PRIVATE_KEY_FILE`), `BINANCE_BASE_URL` and `BINANCE_RECV_WINDOW` (ms).
public struct BinanceSettings: Sendable, Equatable {
    /// An API key with either an HMAC secret or a private key file; never printed.
    public struct Credentials: Sendable, Equatable, CustomStringConvertible {
        public var apiKey: String
        public var apiSecret: String?
        public var privateKeyFile: String?
        public var description: String { "BinanceCredentials(<redacted>)" }
    }

    public var credentials: Credentials?
    public var baseURL = "https://api.binance.com"
    public var recvWindowMilliseconds = 5000

    public static let defaults = BinanceSettings()

    public init() {}

    public static func parse(_ reader: EnvironmentReader) throws -> BinanceSettings {
        var settings = BinanceSettings()
        settings.credentials = try credentials(reader)
        settings.baseURL = try reader.httpURL("BINANCE_BASE_URL", default: settings.baseURL)
        settings.recvWindowMilliseconds = try reader.int("BINANCE_RECV_WINDOW", default: 5000, within: 1...60_000)
        return settings
    }

    private static func credentials(_ reader: EnvironmentReader) throws -> Credentials? {
        let key = reader.string("BINANCE_API_KEY")
        let secret = reader.string("BINANCE_API_SECRET")
        let keyFile = reader.string("BINANCE_PRIVATE_KEY_FILE")
        guard let key else {
            if secret != nil || keyFile != nil {
                throw ConfigurationError(variable: "BINANCE_API_KEY", value: "", expected: "the API key that goes with the configured secret or private key file")
            }
            return nil
        }
        guard (secret == nil) != (keyFile == nil) else {
            throw ConfigurationError(
                variable: "BINANCE_API_SECRET", value: secret == nil ? "" : "<redacted>",
                expected: "exactly one of BINANCE_API_SECRET (HMAC) or BINANCE_PRIVATE_KEY_FILE (Ed25519/RSA PEM) alongside BINANCE_API_KEY"
            )
        }
        return Credentials(apiKey: key, apiSecret: secret, privateKeyFile: keyFile)
    }
}
