import Foundation

/// Signs Binance request payloads the three ways Binance accepts: HMAC-SHA256 with the API
/// secret (hex), Ed25519 or RSA PKCS#1 v1.5 SHA-256 with a private key (base64).
/// The secret and key never appear in its description.
public enum RequestSigner: Sendable, CustomStringConvertible {
    case hmac(secret: String)
    case privateKey(PrivateKey)

    public func signature(for payload: String) throws -> String {
        switch self {
        case .hmac(let secret):
            return ByteText.hex(try HMACSHA256.authenticate(payload, key: secret))
        case .privateKey(let key):
            return Data(try key.sign(Array(payload.utf8))).base64EncodedString()
        }
    }

    /// Which scheme, for logs and the validate-only checklist.
    public var scheme: String {
        switch self {
        case .hmac: return "HMAC-SHA256"
        case .privateKey(let key): return key.kind.rawValue
        }
    }

    public var description: String { "RequestSigner(\(scheme), <redacted>)" }
}
