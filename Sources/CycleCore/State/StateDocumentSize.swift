/// The largest state document the engine reads, writes or imports: Firestore's own limit for one
/// document (1 MiB), so a document the local store accepts can always move to Firestore, and a
/// runaway document (a pasted 20 MB file) cannot grow the store by megabytes every cycle.
/// A normal document is a few KB.
public enum StateDocumentSize {
    public static let maximumBytes = 1_048_576

    /// nil when `bytes` is within the limit, else the problem in words.
    public static func problem(bytes: Int) -> String? {
        guard bytes > maximumBytes else { return nil }
        return "is \(bytes) bytes, over the \(maximumBytes)-byte (1 MiB) limit of a state document"
    }
}
