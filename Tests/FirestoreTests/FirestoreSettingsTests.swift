import Engine
import Firestore
import Testing

@Suite struct FirestoreSettingsTests {
    func parse(_ environment: [String: String]) throws -> FirestoreSettings {
        try FirestoreSettings.parse(EnvironmentReader(environment: environment))
    }

    @Test func defaultsAreTheOriginalsDocuments() throws {
        let settings = try parse([:])
        #expect(settings.stateBackend == .local && settings.credentialsFile == nil)
        #expect(settings.statePath == DocumentPath(collection: "strategy", document: "MULTI_ASSET_STATE"))
        #expect(settings.artifactPath == DocumentPath(collection: "strategy", document: "CRYPTO_LIVE_POOL_ROTATION_LIVE_POOL"))
    }

    @Test func firestoreStateNeedsAKey() throws {
        #expect(throws: ConfigurationError.self) { try parse(["STATE_BACKEND": "firestore"]) }
        #expect(throws: ConfigurationError.self) { try parse(["STATE_BACKEND": "redis"]) }
        #expect(try parse(["STATE_BACKEND": "FIRESTORE", "GOOGLE_APPLICATION_CREDENTIALS": "/key.json"]).stateBackend == .firestore)
    }
}
