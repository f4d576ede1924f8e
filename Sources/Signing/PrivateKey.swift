import COpenSSL
import Foundation

/// An Ed25519 or RSA private key held by OpenSSL. Signing never mutates the key, so one
/// instance may sign from several tasks. Its description never shows key material.
public final class PrivateKey: @unchecked Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable { case ed25519 = "Ed25519", rsa = "RSA" }

    let key: OpaquePointer
    public let kind: Kind

    private init(key: OpaquePointer, origin: String) throws {
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_ED25519: kind = .ed25519
        case EVP_PKEY_RSA: kind = .rsa
        default:
            EVP_PKEY_free(key)
            throw SigningError.unsupportedKeyType(path: origin)
        }
        self.key = key
    }

    deinit { EVP_PKEY_free(key) }

    public var description: String { "PrivateKey(\(kind.rawValue), <redacted>)" }

    /// Reads a PKCS#8 PEM private key (unencrypted) from `path`.
    public static func load(path: String) throws -> PrivateKey {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SigningError.keyFileUnreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return try PrivateKey(pem: text, origin: path)
    }

    public convenience init(pem: String, origin: String = "<inline PEM>") throws {
        let bio = try MemoryBIO(text: pem)
        guard let key = PEM_read_bio_PrivateKey(bio.pointer, nil, nil, nil) else {
            ERR_clear_error()
            throw SigningError.keyNotPEM(path: origin)
        }
        try self.init(key: key, origin: origin)
    }

    /// An Ed25519 key from its 32-byte seed (RFC 8032's "SECRET KEY").
    public convenience init(ed25519Seed seed: [UInt8]) throws {
        guard let key = seed.withUnsafeBufferPointer({ EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, $0.baseAddress, $0.count) }) else {
            throw SigningError.fromQueue("load an Ed25519 seed")
        }
        try self.init(key: key, origin: "<seed>")
    }

    /// A new random key (tests and the fake exchange register its public half).
    public static func generate(_ kind: Kind, rsaBits: Int32 = 2048) throws -> PrivateKey {
        guard let context = EVP_PKEY_CTX_new_id(kind == .ed25519 ? EVP_PKEY_ED25519 : EVP_PKEY_RSA, nil) else {
            throw SigningError.fromQueue("create a key generator")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1 else { throw SigningError.fromQueue("start key generation") }
        if kind == .rsa, EVP_PKEY_CTX_set_rsa_keygen_bits(context, rsaBits) != 1 { throw SigningError.fromQueue("set the RSA size") }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen(context, &key) == 1, let key else { throw SigningError.fromQueue("generate a key") }
        return try PrivateKey(key: key, origin: "<generated>")
    }

    /// Ed25519: the signature of `message`; RSA: PKCS#1 v1.5 over SHA-256 of `message`.
    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw SigningError.fromQueue("allocate a signing context") }
        defer { EVP_MD_CTX_free(context) }
        let digest = kind == .rsa ? EVP_sha256() : nil
        guard EVP_DigestSignInit(context, nil, digest, nil, key) == 1 else { throw SigningError.fromQueue("start signing") }
        var length = 0
        guard message.withUnsafeBufferPointer({ EVP_DigestSign(context, nil, &length, $0.baseAddress, $0.count) }) == 1 else {
            throw SigningError.fromQueue("size a signature")
        }
        var signature = [UInt8](repeating: 0, count: length)
        guard message.withUnsafeBufferPointer({ EVP_DigestSign(context, &signature, &length, $0.baseAddress, $0.count) }) == 1 else {
            throw SigningError.fromQueue("sign")
        }
        return Array(signature.prefix(length))
    }

    /// The key as PKCS#8 PEM (for writing test key files).
    public func pkcs8PEM() throws -> String {
        let bio = try MemoryBIO()
        guard PEM_write_bio_PrivateKey(bio.pointer, key, nil, nil, 0, nil, nil) == 1 else { throw SigningError.fromQueue("write a private key") }
        return bio.text()
    }

    /// The public half as SubjectPublicKeyInfo PEM (what Binance is given when the key is registered).
    public func publicKeyPEM() throws -> String {
        let bio = try MemoryBIO()
        guard PEM_write_bio_PUBKEY(bio.pointer, key) == 1 else { throw SigningError.fromQueue("write a public key") }
        return bio.text()
    }
}

/// A public key that checks signatures (the fake peers verify requests with it).
public final class PublicKey: @unchecked Sendable {
    let key: OpaquePointer
    public let kind: PrivateKey.Kind

    public init(pem: String) throws {
        let bio = try MemoryBIO(text: pem)
        guard let key = PEM_read_bio_PUBKEY(bio.pointer, nil, nil, nil) else {
            ERR_clear_error()
            throw SigningError.keyNotPEM(path: "<public key>")
        }
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_ED25519: kind = .ed25519
        case EVP_PKEY_RSA: kind = .rsa
        default:
            EVP_PKEY_free(key)
            throw SigningError.unsupportedKeyType(path: "<public key>")
        }
        self.key = key
    }

    deinit { EVP_PKEY_free(key) }

    public func verify(signature: [UInt8], message: [UInt8]) -> Bool {
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context); ERR_clear_error() }
        guard EVP_DigestVerifyInit(context, nil, kind == .rsa ? EVP_sha256() : nil, nil, key) == 1 else { return false }
        return signature.withUnsafeBufferPointer { signatureBytes in
            message.withUnsafeBufferPointer { messageBytes in
                EVP_DigestVerify(context, signatureBytes.baseAddress, signatureBytes.count, messageBytes.baseAddress, messageBytes.count) == 1
            }
        }
    }
}

/// An OpenSSL memory BIO, freed with its owner.
final class MemoryBIO {
    let pointer: OpaquePointer

    init() throws {
        guard let bio = BIO_new(BIO_s_mem()) else { throw SigningError.fromQueue("allocate a buffer") }
        pointer = bio
    }

    init(text: String) throws {
        let bytes = Array(text.utf8)
        guard let bio = BIO_new(BIO_s_mem()) else { throw SigningError.fromQueue("allocate a buffer") }
        pointer = bio
        let written = bytes.withUnsafeBufferPointer { BIO_write(bio, $0.baseAddress, Int32($0.count)) }
        guard written == Int32(bytes.count) else { throw SigningError.fromQueue("buffer a key") }
    }

    deinit { BIO_free(pointer) }

    func text() -> String {
        var collected = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let read = BIO_read(pointer, &chunk, Int32(chunk.count))
            if read <= 0 { break }
            collected += chunk.prefix(Int(read))
        }
        return String(decoding: collected, as: UTF8.self)
    }
}
