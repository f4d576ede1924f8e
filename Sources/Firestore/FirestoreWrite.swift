import Engine

/// One write of an atomic `documents:commit`: all of a commit's writes apply, or none does.
public enum FirestoreWrite: Sendable, Equatable {
    /// Replaces the whole document with `fields`, if `precondition` holds (nil: unconditionally).
    case set(DocumentPath, fields: JSONObject, precondition: WritePrecondition?)
    /// Sets only the top-level `fields` given (the others are kept) of a document that exists.
    case update(DocumentPath, fields: JSONObject)
    /// Removes the document (nothing happens when it does not exist).
    case delete(DocumentPath)

    public var path: DocumentPath {
        switch self {
        case .set(let path, _, _), .update(let path, _), .delete(let path): path
        }
    }
}

/// A document as a query or batch read returns it: where it is, its fields and its version.
public struct NamedDocument: Sendable, Equatable {
    public let path: DocumentPath
    public let fields: JSONObject
    public let updateTime: String
}

/// One condition of a query on a field's value (Firestore's `fieldFilter`).
public struct FieldFilter: Sendable, Equatable {
    public enum Operator: String, Sendable {
        case equal = "EQUAL", lessThan = "LESS_THAN", greaterThanOrEqual = "GREATER_THAN_OR_EQUAL"
    }

    public let field: String
    public let op: Operator
    public let value: JSONValue

    public init(_ field: String, _ op: Operator, _ value: JSONValue) {
        self.field = field
        self.op = op
        self.value = value
    }
}

/// A query of one collection (a document's sub-collection): its documents that pass every
/// filter, ordered by one field, at most `limit`. Only single-field conditions and an order on
/// the same field, so Firestore's automatic single-field indexes serve every query.
public struct CollectionQuery: Sendable, Equatable {
    public var parent: DocumentPath
    public var collection: String
    public var filter: FieldFilter?
    public var orderBy: String?
    public var descending = false
    public var limit: Int?

    public init(parent: DocumentPath, collection: String, filter: FieldFilter? = nil, orderBy: String? = nil, descending: Bool = false,
                limit: Int? = nil) {
        self.parent = parent
        self.collection = collection
        self.filter = filter
        self.orderBy = orderBy
        self.descending = descending
        self.limit = limit
    }
}
