import Foundation

/// Google sign-in failed before any document was touched. Each case says what to fix.
public enum GoogleAuthError: Error, Equatable, CustomStringConvertible {
    case keyUnreadable(path: String, reason: String)
    /// The token endpoint refused the signed assertion (wrong, deleted or disabled key; clock).
    case tokenRefused(status: Int, error: String, detail: String)
    case tokenEndpointUnreachable(reason: String)
    case tokenAnswerMalformed

    public var description: String {
        switch self {
        case .keyUnreadable(let path, let reason):
            return "Google service-account key \(path) \(reason). Point GOOGLE_APPLICATION_CREDENTIALS at the JSON key file downloaded for the service account."
        case .tokenRefused(let status, let error, let detail):
            return "Google refused the service account's sign-in (HTTP \(status), \(error): \(detail)). The key may be deleted or disabled, "
                + "or this machine's clock may be off; create a new key for the service account or fix the clock."
        case .tokenEndpointUnreachable(let reason):
            return "Google's token endpoint could not be reached (\(reason)). Check this machine's network and DNS."
        case .tokenAnswerMalformed:
            return "Google's token endpoint answered without an access token. Try again; if it persists, check the key's token_uri."
        }
    }
}
