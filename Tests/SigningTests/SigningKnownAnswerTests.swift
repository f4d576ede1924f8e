import Foundation
import Signing
import Testing

/// Known answers: Binance's documented HMAC example, RFC 4231 (HMAC-SHA256), RFC 8032 (Ed25519)
/// and Binance's published RSA example key.
struct SigningKnownAnswerTests {
    @Test func binanceDocsHMACExample() throws {
        let payload = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
        let signer = RequestSigner.hmac(secret: "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j")
        #expect(try signer.signature(for: payload) == "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71")
    }

    @Test(arguments: [
        // RFC 4231 test cases 1, 2, 3, 4, 6 and 7 (full-length outputs).
        ("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265",
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        ("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        (String(repeating: "aa", count: 20), String(repeating: "dd", count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        ("0102030405060708090a0b0c0d0e0f10111213141516171819", String(repeating: "cd", count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        (String(repeating: "aa", count: 131), "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        (String(repeating: "aa", count: 131),
         "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e",
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ])
    func rfc4231(key: String, data: String, expected: String) throws {
        let mac = try HMACSHA256.authenticate(try #require(ByteText.bytes(hex: data)), key: try #require(ByteText.bytes(hex: key)))
        #expect(ByteText.hex(mac) == expected)
    }

    @Test(arguments: [
        // RFC 8032 §7.1 TEST 1, TEST 2, TEST 3.
        ("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "",
         "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        ("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", "72",
         "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        ("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7", "af82",
         "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
    ])
    func rfc8032(seed: String, message: String, expected: String) throws {
        let key = try PrivateKey(ed25519Seed: try #require(ByteText.bytes(hex: seed)))
        #expect(ByteText.hex(try key.sign(try #require(ByteText.bytes(hex: message)))) == expected)
        let publicKey = try PublicKey(pem: try key.publicKeyPEM())
        #expect(publicKey.verify(signature: try #require(ByteText.bytes(hex: expected)), message: try #require(ByteText.bytes(hex: message))))
    }

    @Test func ed25519FromPKCS8PEMSignsABinancePayloadInBase64() throws {
        // RFC 8032 TEST 1's seed as PKCS#8 PEM, signing a Binance order payload.
        let pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n-----END PRIVATE KEY-----\n"
        let signer = RequestSigner.privateKey(try PrivateKey(pem: pem))
        #expect(signer.scheme == "Ed25519")
        #expect(try signer.signature(for: "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=0.2&timestamp=1668481559918&recvWindow=5000")
            == "XtZirsmmi0noRzUfkqktvkVfxpkq/WtbLg2UOL3QGYdUBZVlqOBEMuEVw8zioY93N54NcKj9UuAXQEa9zgTDBg==")
        #expect(try signer.signature(for: "timestamp=1578963600000")
            == "IFUJfWrinN9pavKrvallDF1C/oeXul/MpDF2HZCwz96MmjfaOjc6RTcz4oqHalqyrXoxBTJNpWV/8G+KigXUDQ==")
    }

    @Test func rsaPKCS1v15SHA256WithBinancesExampleKey() throws {
        let signer = RequestSigner.privateKey(try PrivateKey(pem: RSAVectors.privateKeyPEM))
        let publicKey = try PublicKey(pem: RSAVectors.publicKeyPEM)
        #expect(signer.scheme == "RSA")
        for vector in RSAVectors.signatures {
            #expect(try signer.signature(for: vector.payload) == vector.base64, "\(vector.payload)")
            #expect(publicKey.verify(signature: Array(try #require(Data(base64Encoded: vector.base64))), message: Array(vector.payload.utf8)))
            #expect(!publicKey.verify(signature: Array(try #require(Data(base64Encoded: vector.base64))), message: Array((vector.payload + "0").utf8)))
        }
    }

    @Test func generatedKeysRoundTripThroughPKCS8() throws {
        for kind in [PrivateKey.Kind.ed25519, .rsa] {
            let key = try PrivateKey.generate(kind)
            let reloaded = try PrivateKey(pem: try key.pkcs8PEM())
            let message = Array("timestamp=1".utf8)
            #expect(try PublicKey(pem: try key.publicKeyPEM()).verify(signature: try reloaded.sign(message), message: message))
        }
    }

    @Test func keysAndSecretsNeverAppearInDescriptionsOrErrors() throws {
        let secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
        #expect(!"\(RequestSigner.hmac(secret: secret))".contains(secret))
        let key = try PrivateKey(pem: RSAVectors.privateKeyPEM)
        #expect("\(key)" == "PrivateKey(RSA, <redacted>)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-key-\(UUID().uuidString).pem")
        try Data("-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ5dGVz\n-----END PRIVATE KEY-----\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let error = try #require(throws: SigningError.self) { try PrivateKey.load(path: file.path) }
        #expect("\(error)".contains(file.path))
        #expect(!"\(error)".contains("c2VjcmV0LWJ5dGVz"))
        #expect(throws: SigningError.self) { try PrivateKey.load(path: "/nonexistent/key.pem") }
    }
}
