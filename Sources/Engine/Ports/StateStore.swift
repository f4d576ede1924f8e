/// Where the state document lives (Firestore `strategy/MULTI_ASSET_STATE`, the local SQLite
/// store, or a fixture). The document is exchanged as JSON so unknown keys survive.
public protocol StateStore: Sendable {
    /// The stored document, or nil when none exists yet (the cycle then starts from defaults).
    /// Throws when the store cannot be read or the document does not parse: the cycle aborts.
    func load() async throws -> JSONValue?
    /// Replaces the stored document. `reason` is one of the report's `state_write_intents` reasons.
    func write(_ document: JSONValue, reason: String) async throws
}

/// An in-memory twin of `StateStore`, for tests and for replay.
public actor InMemoryStateStore: StateStore {
    public private(set) var document: JSONValue?
    public private(set) var writes: [(reason: String, document: JSONValue)] = []
    private let loadError: (any Error)?

    public init(document: JSONValue? = nil, loadError: (any Error)? = nil) {
        self.document = document
        self.loadError = loadError
    }

    public func load() async throws -> JSONValue? {
        if let loadError { throw loadError }
        return document
    }

    public func write(_ document: JSONValue, reason: String) async throws {
        self.document = document
        writes.append((reason, document))
    }

    public var writeReasons: [String] { writes.map(\.reason) }
}
