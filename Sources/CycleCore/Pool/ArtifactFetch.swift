/// What an artifact source answered: a payload, or that the document does not exist.
public enum ArtifactFetch: Sendable, Equatable {
    case payload(JSONValue)
    case missing(reason: String)
}
