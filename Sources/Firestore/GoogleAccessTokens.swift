import Engine
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Signing
import WebClient

/// OAuth access tokens for a service account: a JWT signed RS256 with the account's key is
/// exchanged at the key's `token_uri`; the token is reused until a minute before it expires.
public actor GoogleAccessTokens {
    public static let datastoreScope = "https://www.googleapis.com/auth/datastore"
    static let assertionLifetime: TimeInterval = 3600
    static let refreshMargin: TimeInterval = 60

    private let key: ServiceAccountKey
    private let transport: HTTPTransport
    private let timeoutSeconds: Double
    private var cached: (token: String, expiresAt: Date)?
    public private(set) var exchanges = 0

    public init(key: ServiceAccountKey, transport: HTTPTransport, timeoutSeconds: Double) {
        self.key = key
        self.transport = transport
        self.timeoutSeconds = timeoutSeconds
    }

    /// A valid access token, fetching a new one when none is cached or it is about to expire.
    public func token(now: Date = Date()) async throws -> String {
        if let cached, cached.expiresAt.timeIntervalSince(now) > Self.refreshMargin { return cached.token }
        let assertion = try Self.assertion(for: key, now: now)
        let request = URLRequest.form(key.tokenURI, [("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", assertion)],
                                      timeoutSeconds: timeoutSeconds)
        let response: HTTPTransport.Response
        do { response = try await transport.send(request) } catch {
            throw GoogleAuthError.tokenEndpointUnreachable(reason: "\(error)")
        }
        exchanges += 1
        let answer = (try? JSONParser.parse(response.body))?.objectValue ?? [:]
        guard (200..<300).contains(response.status) else {
            throw GoogleAuthError.tokenRefused(status: response.status, error: answer["error"]?.stringValue ?? "no error code",
                                               detail: String((answer["error_description"]?.stringValue ?? "no detail").prefix(200)))
        }
        guard let token = answer["access_token"]?.stringValue, !token.isEmpty else { throw GoogleAuthError.tokenAnswerMalformed }
        let lifetime = answer["expires_in"]?.numberValue ?? 3600
        cached = (token, now.addingTimeInterval(lifetime))
        return token
    }

    /// Forgets the cached token (Firestore said it is no longer valid).
    public func discard() { cached = nil }

    /// The signed JWT `header.claims.signature` Google's token endpoint expects.
    static func assertion(for key: ServiceAccountKey, now: Date) throws -> String {
        let issuedAt = Int64(now.timeIntervalSince1970)
        let header: JSONValue = ["alg": "RS256", "typ": "JWT", "kid": .string(key.privateKeyId)]
        let claims: JSONValue = [
            "iss": .string(key.clientEmail), "scope": .string(datastoreScope), "aud": .string(key.tokenURI.absoluteString),
            "iat": .int(issuedAt), "exp": .int(issuedAt + Int64(assertionLifetime)),
        ]
        let signingInput = [header, claims].map { ByteText.base64URL(Array(JSONWriter.string($0, pretty: false).utf8)) }.joined(separator: ".")
        let signature = try key.privateKey.sign(Array(signingInput.utf8))
        return signingInput + "." + ByteText.base64URL(signature)
    }
}
