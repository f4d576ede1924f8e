import Foundation

/// A Firestore request that failed, with the operator's remedy. Never carries a token.
public struct FirestoreError: Error, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case unauthenticated, permissionDenied, apiDisabled, projectOrDatabaseNotFound
        /// The document changed since it was read (or exists when it should not).
        case preconditionFailed
        case unavailable, timeout, transport, malformedAnswer, other
    }

    public let kind: Kind
    /// What was attempted, e.g. `read strategy/MULTI_ASSET_STATE`.
    public let operation: String
    public let httpStatus: Int?
    /// Google's status name (`PERMISSION_DENIED`, …) and message.
    public let status: String?
    public let message: String

    public init(kind: Kind, operation: String, httpStatus: Int? = nil, status: String? = nil, message: String) {
        self.kind = kind
        self.operation = operation
        self.httpStatus = httpStatus
        self.status = status
        self.message = message
    }

    /// Worth trying again later (the ladder falls through; the next cycle retries).
    public var isTransient: Bool { [.unavailable, .timeout, .transport].contains(kind) }

    public var remedy: String {
        switch kind {
        case .unauthenticated: return "Check GOOGLE_APPLICATION_CREDENTIALS points at a valid, enabled service-account key."
        case .permissionDenied: return "Grant the service account the Cloud Datastore User role (roles/datastore.user) on the project, or fix GOOGLE_CLOUD_PROJECT."
        case .apiDisabled: return "Enable the Cloud Firestore API for the project (console: APIs & Services), then wait a few minutes."
        case .projectOrDatabaseNotFound: return "Check the project (the key's project_id or GOOGLE_CLOUD_PROJECT) and FIRESTORE_DATABASE name."
        case .preconditionFailed: return "Another writer changed the document since this run read it; make sure only one engine (this one or the original) runs on the account."
        case .unavailable, .timeout, .transport: return "Firestore could not be reached; the next cycle tries again. Check the network if it persists."
        case .malformedAnswer, .other: return "Unexpected answer from Firestore; check FIRESTORE_BASE_URL and Google's status page."
        }
    }

    public var description: String {
        let answer = [httpStatus.map { "HTTP \($0)" }, status].compactMap { $0 }.joined(separator: " ")
        return "Firestore \(operation) failed\(answer.isEmpty ? "" : " (\(answer))"): \(message). \(remedy)"
    }
}
