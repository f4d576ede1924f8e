import Engine
import Foundation

/// Google and Firestore settings: the service-account key (`GOOGLE_APPLICATION_CREDENTIALS`),
/// which also turns on the Firestore upstream rung; `STATE_BACKEND` (`local` or `firestore`);
/// the project, endpoint and database; the state and upstream artifact documents.
public struct FirestoreSettings: Sendable, Equatable {
    /// Where the state document, lease and write history live.
    public enum StateBackend: String, Sendable, Equatable { case local, firestore }

    public var credentialsFile: String?
    /// Overrides the key's project (`GOOGLE_CLOUD_PROJECT`).
    public var project: String?
    public var baseURL = "https://firestore.googleapis.com"
    public var database = "(default)"
    public var stateBackend: StateBackend = .local
    /// `STATE_FIRESTORE_COLLECTION` / `STATE_FIRESTORE_DOCUMENT`.
    public var statePath = DocumentPath(collection: "strategy", document: "MULTI_ASSET_STATE")
    /// `STRATEGY_ARTIFACT_FIRESTORE_COLLECTION` / `STRATEGY_ARTIFACT_FIRESTORE_DOCUMENT`.
    public var artifactPath = DocumentPath(collection: "strategy", document: "CRYPTO_LIVE_POOL_ROTATION_LIVE_POOL")

    public static let defaults = FirestoreSettings()

    public init() {}

    public static func parse(_ reader: EnvironmentReader) throws -> FirestoreSettings {
        var settings = FirestoreSettings()
        settings.credentialsFile = reader.string("GOOGLE_APPLICATION_CREDENTIALS")
        settings.project = reader.string("GOOGLE_CLOUD_PROJECT")
        settings.baseURL = try reader.httpURL("FIRESTORE_BASE_URL", default: settings.baseURL)
        settings.database = reader.string("FIRESTORE_DATABASE") ?? settings.database
        if let raw = reader.string("STATE_BACKEND") {
            guard let backend = StateBackend(rawValue: raw.lowercased()) else {
                throw ConfigurationError(variable: "STATE_BACKEND", value: raw, expected: "local (SQLite in the state folder) or firestore")
            }
            settings.stateBackend = backend
        }
        settings.statePath = DocumentPath(collection: reader.string("STATE_FIRESTORE_COLLECTION") ?? settings.statePath.collection,
                                          document: reader.string("STATE_FIRESTORE_DOCUMENT") ?? settings.statePath.document)
        settings.artifactPath = DocumentPath(
            collection: reader.string("STRATEGY_ARTIFACT_FIRESTORE_COLLECTION") ?? settings.artifactPath.collection,
            document: reader.string("STRATEGY_ARTIFACT_FIRESTORE_DOCUMENT") ?? settings.artifactPath.document
        )
        if settings.stateBackend == .firestore, settings.credentialsFile == nil {
            throw ConfigurationError(variable: "GOOGLE_APPLICATION_CREDENTIALS", value: "",
                                     expected: "the path of a service-account JSON key, since STATE_BACKEND=firestore")
        }
        return settings
    }
}
