import Engine
import Firestore
import Foundation
import LocalStore
import TestSupport

/// The fake Firestore, a key file for it and a real client, in a scratch folder.
struct FirestoreHarness {
    let fake: FakeFirestore
    let folder: URL
    let keyPath: String
    let client: FirestoreClient

    static let statePath = DocumentPath(collection: "strategy", document: "MULTI_ASSET_STATE")

    static func start(project: String? = nil) async throws -> FirestoreHarness {
        let fake = try await FakeFirestore.launch()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firestore-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let keyPath = try await fake.writeKeyFile(in: folder, project: project)
        let client = FirestoreClient(key: try ServiceAccountKey.load(path: keyPath), baseURL: await fake.baseURL, timeoutSeconds: 5, retryDelaySeconds: 0.05)
        return FirestoreHarness(fake: fake, folder: folder, keyPath: keyPath, client: client)
    }

    /// The original engine's state document in Firestore's wire form (Fixtures/firestore).
    static func originalStateFields() throws -> JSONValue {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/firestore/original_state.fields.json")
        return try JSONParser.parse(Data(contentsOf: url))
    }

    /// The deployment's store in the fake Firestore (a new handle each call, as another process would have).
    func stateStore() async throws -> FirestoreStateStore {
        FirestoreStateStore(client: client, path: Self.statePath)
    }

    func holder(_ runId: String, expiresIn seconds: TimeInterval = 900) -> LeaseHolder {
        LeaseHolder(runId: runId, host: "test-host", processId: 4242, acquiredAt: Date(), expiresAt: Date().addingTimeInterval(seconds))
    }

    func stop() async {
        await fake.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}
