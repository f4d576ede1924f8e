import Engine
import Foundation

/// The fresh-upstream rung: the live-pool document another pipeline publishes to Firestore
/// (`strategy/CRYPTO_LIVE_POOL_ROTATION_LIVE_POOL` by default). The payload is the document's
/// top-level fields. A read failure is a rung failure; the ladder goes on down.
public struct FirestoreArtifactSource: ArtifactSource {
    public let client: FirestoreClient
    public let path: DocumentPath

    public init(client: FirestoreClient, path: DocumentPath) {
        self.client = client
        self.path = path
    }

    public var label: String { "firestore:\(path)" }

    public func fetch() async throws -> ArtifactFetch {
        let document: FirestoreDocument?
        do { document = try await client.get(path) } catch {
            throw ArtifactReadError(message: "Firestore read failed: \(error)")
        }
        guard let document else { return .missing(reason: "missing Firestore document \(path)") }
        return .payload(.object(document.fields))
    }
}
