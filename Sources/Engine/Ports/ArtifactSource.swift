/// Where the upstream live-pool artifact comes from (a ladder rung's raw input).
public protocol ArtifactSource: Sendable {
    /// Label written to state as `trend_pool_source_detail`, e.g. `firestore:strategy/DOC`.
    var label: String { get }
    /// The raw payload; `.missing` when the document does not exist. Throws on a read failure,
    /// which the ladder records as a rung failure (never a cycle failure).
    func fetch() async throws -> ArtifactFetch
}

/// A fixed payload (tests, and replay's `pool_input_snapshot.json`).
public struct StaticArtifactSource: ArtifactSource {
    public let label: String
    private let result: Result<ArtifactFetch, ArtifactReadError>

    public init(label: String, payload: JSONValue) {
        self.label = label
        self.result = .success(.payload(payload))
    }

    public init(label: String, missingReason: String) {
        self.label = label
        self.result = .success(.missing(reason: missingReason))
    }

    public init(label: String, failure: String) {
        self.label = label
        self.result = .failure(ArtifactReadError(message: failure))
    }

    public func fetch() async throws -> ArtifactFetch {
        try result.get()
    }
}

/// A rung's source could not be read (network, permissions, unparseable file).
public struct ArtifactReadError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
