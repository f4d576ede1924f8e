import Engine
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Firestore's multi-document calls: an atomic `documents:commit` and a `runQuery` over one
/// collection (REST v1, as Google documents them).
extension FirestoreClient {
    /// Applies every write or none (a failed precondition fails the whole commit, with
    /// `FirestoreError.Kind.preconditionFailed`); returns each write's new `updateTime`.
    /// Never retried: a lost answer could hide an applied commit.
    @discardableResult
    public func commit(_ writes: [FirestoreWrite], operation: String) async throws -> [String] {
        guard !writes.isEmpty else { return [] }
        // The path ends in `documents`; the method is appended to it (`…/documents:commit`).
        var request = URLRequest(url: try url(documentSegments: [], suffix: ":commit", operation: operation), timeoutInterval: timeoutSeconds)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(JSONWriter.string(["writes": .array(writes.map(wireWrite))], pretty: false).utf8)
        let response = try await send(request, operation: operation)
        guard (200..<300).contains(response.status) else { throw Self.error(from: response, operation: operation, isWrite: true) }
        guard let results = (try? JSONParser.parse(response.body))?["writeResults"]?.arrayValue, results.count == writes.count else {
            throw FirestoreError(kind: .malformedAnswer, operation: operation, httpStatus: response.status, message: "the answer has no result per write")
        }
        return results.map { $0["updateTime"]?.stringValue ?? "" }
    }

    /// The documents the query selects, in its order. A transient failure is retried once.
    public func runQuery(_ query: CollectionQuery, operation: String) async throws -> [NamedDocument] {
        try await retryingOnce(operation) { try await runQueryOnce(query, operation: operation) }
    }

    private func runQueryOnce(_ query: CollectionQuery, operation: String) async throws -> [NamedDocument] {
        var request = URLRequest(url: try url(documentSegments: query.parent.segments, suffix: ":runQuery", operation: operation),
                                 timeoutInterval: timeoutSeconds)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(JSONWriter.string(["structuredQuery": structuredQuery(query)], pretty: false).utf8)
        let response = try await send(request, operation: operation)
        guard (200..<300).contains(response.status) else { throw Self.error(from: response, operation: operation, isWrite: false) }
        guard let rows = (try? JSONParser.parse(response.body))?.arrayValue else {
            throw FirestoreError(kind: .malformedAnswer, operation: operation, httpStatus: response.status, message: "the answer is not a list of results")
        }
        // A result without `document` only reports the read time (an empty answer has one such row).
        return try rows.compactMap { row -> NamedDocument? in
            guard let document = row["document"] else { return nil }
            guard let name = document["name"]?.stringValue, let path = DocumentPath(resourceName: name),
                  let updateTime = document["updateTime"]?.stringValue else {
                throw FirestoreError(kind: .malformedAnswer, operation: operation, httpStatus: response.status, message: "a result is not a document")
            }
            do {
                return NamedDocument(path: path, fields: try FirestoreValue.decode(fields: document["fields"]), updateTime: updateTime)
            } catch {
                throw FirestoreError(kind: .malformedAnswer, operation: operation, httpStatus: response.status, message: "\(error)")
            }
        }
    }

    /// `projects/<p>/databases/<d>/documents/<path>`, the name a commit's write carries.
    func resourceName(_ path: DocumentPath) -> String {
        "projects/\(project)/databases/\(database)/documents/\(path)"
    }

    private func wireWrite(_ write: FirestoreWrite) -> JSONValue {
        switch write {
        case .set(let path, let fields, let precondition):
            var wire: JSONObject = ["update": ["name": .string(resourceName(path)), "fields": FirestoreValue.fields(fields)]]
            if let precondition { wire["currentDocument"] = Self.wirePrecondition(precondition) }
            return .object(wire)
        case .update(let path, let fields):
            return [
                "update": ["name": .string(resourceName(path)), "fields": FirestoreValue.fields(fields)],
                "updateMask": ["fieldPaths": .array(fields.keys.sorted().map { .string($0) })],
                "currentDocument": ["exists": true],
            ]
        case .delete(let path):
            return ["delete": .string(resourceName(path))]
        }
    }

    private static func wirePrecondition(_ precondition: WritePrecondition) -> JSONValue {
        switch precondition {
        case .updateTime(let time): ["updateTime": .string(time)]
        case .mustNotExist: ["exists": false]
        case .mustExist: ["exists": true]
        }
    }

    private func structuredQuery(_ query: CollectionQuery) -> JSONValue {
        var wire: JSONObject = ["from": [["collectionId": .string(query.collection)]]]
        if let filter = query.filter {
            wire["where"] = ["fieldFilter": [
                "field": ["fieldPath": .string(filter.field)], "op": .string(filter.op.rawValue), "value": FirestoreValue.encode(filter.value),
            ]]
        }
        if let field = query.orderBy {
            wire["orderBy"] = [["field": ["fieldPath": .string(field)], "direction": .string(query.descending ? "DESCENDING" : "ASCENDING")]]
        }
        if let limit = query.limit { wire["limit"] = .int(Int64(limit)) }
        return .object(wire)
    }
}
