import COpenSSL

/// Why a key could not be loaded or a payload signed. Never carries key material.
public enum SigningError: Error, Equatable, CustomStringConvertible {
    /// The private key file could not be read from disk.
    case keyFileUnreadable(path: String, reason: String)
    /// The file is not a PKCS#8 PEM private key OpenSSL can parse.
    case keyNotPEM(path: String)
    /// The key is neither Ed25519 nor RSA.
    case unsupportedKeyType(path: String)
    /// OpenSSL failed while signing or verifying (its own error text, which holds no key bytes).
    case openSSL(operation: String, detail: String)

    public var description: String {
        switch self {
        case .keyFileUnreadable(let path, let reason):
            return "Private key file \(path) cannot be read (\(reason)); check BINANCE_PRIVATE_KEY_FILE and the file's permissions."
        case .keyNotPEM(let path):
            return "Private key file \(path) is not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----); export the key Binance registered in that format."
        case .unsupportedKeyType(let path):
            return "Private key file \(path) holds a key type Binance does not accept; use an Ed25519 or RSA key."
        case .openSSL(let operation, let detail):
            return "OpenSSL failed to \(operation): \(detail)"
        }
    }

    /// The oldest queued OpenSSL error as text (the queue is cleared).
    static func fromQueue(_ operation: String) -> SigningError {
        let code = ERR_get_error()
        ERR_clear_error()
        guard code != 0 else { return .openSSL(operation: operation, detail: "no detail") }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        return .openSSL(operation: operation, detail: String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
}
