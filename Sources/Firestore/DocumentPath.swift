/// A document's path in the configured database: `collection/document`, or a document in a
/// sub-collection of another document (`strategy/MULTI_ASSET_STATE/journal/<id>`).
public struct DocumentPath: Sendable, Hashable, CustomStringConvertible {
    /// Collection and document ids alternating, always an even count of at least two.
    public let segments: [String]

    public init(collection: String, document: String) {
        segments = [collection, document]
    }

    private init(segments: [String]) {
        self.segments = segments
    }

    /// The collection this document is in (the last but one segment).
    public var collection: String { segments[segments.count - 2] }
    /// The document's own id (the last segment).
    public var document: String { segments[segments.count - 1] }

    /// The document `id` in this document's sub-collection `collection`.
    public func child(_ collection: String, _ id: String) -> DocumentPath {
        DocumentPath(segments: segments + [collection, id])
    }

    /// The document `id` in the same collection as this one.
    public func sibling(_ id: String) -> DocumentPath {
        DocumentPath(segments: Array(segments.dropLast()) + [id])
    }

    /// The path a full resource name (`projects/p/databases/d/documents/a/b/…`) names, if any.
    public init?(resourceName: String) {
        guard let range = resourceName.range(of: "/documents/") else { return nil }
        let parts = resourceName[range.upperBound...].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts.count % 2 == 0, !parts.contains(where: \.isEmpty) else { return nil }
        self.init(segments: parts)
    }

    public var description: String { segments.joined(separator: "/") }
}
