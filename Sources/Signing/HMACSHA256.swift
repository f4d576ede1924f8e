import COpenSSL
import Foundation

/// HMAC-SHA256 through OpenSSL.
public enum HMACSHA256 {
    /// Throws `SigningError.openSSL` when OpenSSL refuses (it never traps the process).
    public static func authenticate(_ message: [UInt8], key: [UInt8]) throws -> [UInt8] {
        guard let keyLength = Int32(exactly: key.count) else {
            throw SigningError.openSSL(operation: "HMAC-SHA256", detail: "the key is longer than OpenSSL accepts")
        }
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withUnsafeBufferPointer { keyBytes in
            message.withUnsafeBufferPointer { messageBytes in
                HMAC(EVP_sha256(), keyBytes.baseAddress, keyLength,
                     messageBytes.baseAddress, messageBytes.count, &output, &length)
            }
        }
        guard result != nil else { throw SigningError.fromQueue("HMAC-SHA256") }
        return Array(output.prefix(Int(length)))
    }

    public static func authenticate(_ message: String, key: String) throws -> [UInt8] {
        try authenticate(Array(message.utf8), key: Array(key.utf8))
    }
}

/// Text forms of signatures and digests.
public enum ByteText {
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Bytes of a hex string, nil when it is not hex of even length.
    public static func bytes(hex: String) -> [UInt8]? {
        let characters = Array(hex.utf8)
        guard characters.count % 2 == 0 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            guard let high = nibble(characters[index]), let low = nibble(characters[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return character - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension ByteText {
    /// Base64url without padding (RFC 4648 §5), as JSON Web Tokens use it.
    public static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The bytes of base64url text (padding optional); nil when it is not base64url.
    public static func bytes(base64URL text: String) -> [UInt8]? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.count % 4 != 0 { standard += "=" }
        return Data(base64Encoded: standard).map { Array($0) }
    }
}
