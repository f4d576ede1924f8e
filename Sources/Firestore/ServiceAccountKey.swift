import Engine
import Foundation
import Signing

/// A Google service-account key file (`GOOGLE_APPLICATION_CREDENTIALS`): who signs, with which
/// key, and where tokens are issued. The private key never appears in a description or error.
public struct ServiceAccountKey: Sendable, CustomStringConvertible {
    public let path: String
    public let projectId: String
    public let clientEmail: String
    public let privateKeyId: String
    public let tokenURI: URL
    let privateKey: PrivateKey

    public var description: String { "ServiceAccountKey(\(clientEmail), project \(projectId), <redacted>)" }

    /// Reads and checks the key file; every problem names the file and what to do.
    public static func load(path: String) throws -> ServiceAccountKey {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw GoogleAuthError.keyUnreadable(path: path, reason: "cannot be read (\((error as NSError).localizedDescription))")
        }
        guard let fields = (try? JSONParser.parse(data))?.objectValue else {
            throw GoogleAuthError.keyUnreadable(path: path, reason: "is not a JSON object")
        }
        func field(_ name: String) throws -> String {
            guard let value = fields[name]?.stringValue, !value.isEmpty else {
                throw GoogleAuthError.keyUnreadable(path: path, reason: "has no \"\(name)\"")
            }
            return value
        }
        guard fields["type"]?.stringValue == "service_account" else {
            throw GoogleAuthError.keyUnreadable(path: path, reason: "is not a service-account key (\"type\" must be \"service_account\"; user or workload-identity credentials are not supported)")
        }
        guard let tokenURI = URL(string: try field("token_uri")), ["http", "https"].contains(tokenURI.scheme ?? "") else {
            throw GoogleAuthError.keyUnreadable(path: path, reason: "has a \"token_uri\" that is not an http(s) URL")
        }
        let key: PrivateKey
        do { key = try PrivateKey(pem: try field("private_key"), origin: path) } catch let error as GoogleAuthError { throw error } catch {
            throw GoogleAuthError.keyUnreadable(path: path, reason: "has a \"private_key\" that is not a PEM private key")
        }
        guard key.kind == .rsa else { throw GoogleAuthError.keyUnreadable(path: path, reason: "has a \"private_key\" that is not RSA") }
        return ServiceAccountKey(path: path, projectId: try field("project_id"), clientEmail: try field("client_email"),
                                 privateKeyId: try field("private_key_id"), tokenURI: tokenURI, privateKey: key)
    }
}
