import Engine
import FlyingFox
import Foundation

/// `documents:commit` and `runQuery`, with Firestore's rules: a commit applies all its writes or
/// none, at most 500 writes, documents at most 1 MiB; a query that filters one field and orders
/// by another needs a composite index this fake (like a fresh project) does not have.
extension FakeFirestore {
    static let maximumWritesPerCommit = 500
    static let maximumDocumentBytes = 1_048_576

    func commit(body: String) -> HTTPResponse {
        guard let writes = (try? JSONParser.parse(body))?["writes"]?.arrayValue else {
            return Self.googleError(400, "INVALID_ARGUMENT", "Invalid JSON payload received: no writes.")
        }
        guard writes.count <= Self.maximumWritesPerCommit else {
            return Self.googleError(400, "INVALID_ARGUMENT", "maximum \(Self.maximumWritesPerCommit) writes allowed per request")
        }
        // First every check, then every change: nothing is applied when one write fails.
        var planned: [(path: String, document: StoredDocument?, log: String)] = []
        var staged = documents
        for write in writes {
            switch plan(write, staged: staged) {
            case .failure(let response): return response
            case .success(let change):
                staged[change.path] = change.document
                planned.append(change)
            }
        }
        var results: [JSONValue] = []
        for change in planned {
            documents[change.path] = change.document
            documentWrites.append(change.log)
            results.append(change.document.map { ["updateTime": .string($0.updateTime)] } ?? [:])
        }
        return LoopbackServer.json(200, ["writeResults": .array(results), "commitTime": .string(nextVersion())])
    }

    private enum Planned {
        case success((path: String, document: StoredDocument?, log: String))
        case failure(HTTPResponse)
    }

    private func plan(_ write: JSONValue, staged: [String: StoredDocument]) -> Planned {
        let isDelete = write["delete"] != nil
        guard let resource = isDelete ? write["delete"]?.stringValue : write["update"]?["name"]?.stringValue,
              let path = documentPath(resource) else {
            return .failure(Self.googleError(400, "INVALID_ARGUMENT", "A write names no document of this database."))
        }
        let current = staged[path]
        if let precondition = write["currentDocument"] {
            if let exists = precondition["exists"]?.boolValue {
                if exists, current == nil { return .failure(Self.googleError(404, "NOT_FOUND", "No document to update: \(name(path))")) }
                if !exists, current != nil { return .failure(Self.googleError(409, "ALREADY_EXISTS", "Document already exists: \(name(path))")) }
            }
            if let expected = precondition["updateTime"]?.stringValue, current?.updateTime != expected {
                return .failure(Self.googleError(400, "FAILED_PRECONDITION",
                                                 "the stored version (\(current?.updateTime ?? "none")) does not match the required base version (\(expected))"))
            }
        }
        if isDelete { return .success((path, nil, "delete \(path)")) }
        let fields = write["update"]?["fields"] ?? .object([:])
        guard Self.isTyped(fields), var merged = fields.objectValue else {
            return .failure(Self.googleError(400, "INVALID_ARGUMENT", "Invalid JSON payload received: fields must be typed Firestore values."))
        }
        var log = "set \(path)"
        if let mask = write["updateMask"]?["fieldPaths"]?.arrayValue {
            // Only the masked top-level fields change; the others are kept as stored.
            var kept = current?.fields.objectValue ?? [:]
            for field in mask.compactMap(\.stringValue) { kept[field] = merged[field] }
            merged = kept
            log = "update \(path)"
        }
        if let refusal = Self.sizeRefusal(.object(merged), name: name(path)) { return .failure(refusal) }
        return .success((path, StoredDocument(fields: .object(merged), updateTime: nextVersion()), log))
    }

    /// The documents a commit's body writes (set, update or delete), for faults aimed at one of them.
    func committedPaths(body: String) -> [String] {
        ((try? JSONParser.parse(body))?["writes"]?.arrayValue ?? []).compactMap { write in
            (write["update"]?["name"]?.stringValue ?? write["delete"]?.stringValue).flatMap(documentPath)
        }
    }

    /// `projects/<p>/databases/(default)/documents/<path>` → `<path>` (an even number of segments).
    private func documentPath(_ resource: String) -> String? {
        let prefix = "projects/\(project)/databases/(default)/documents/"
        guard resource.hasPrefix(prefix) else { return nil }
        let path = String(resource.dropFirst(prefix.count))
        let count = path.split(separator: "/", omittingEmptySubsequences: false).count
        return count >= 2 && count % 2 == 0 && !path.contains("//") ? path : nil
    }

    func runQuery(parent: String, body: String) -> HTTPResponse {
        guard let query = (try? JSONParser.parse(body))?["structuredQuery"],
              let collection = query["from"]?.arrayValue?.first?["collectionId"]?.stringValue else {
            return Self.googleError(400, "INVALID_ARGUMENT", "Invalid JSON payload received: no structuredQuery.from.")
        }
        let filter = query["where"]?["fieldFilter"]
        let order = query["orderBy"]?.arrayValue?.first
        let orderField = order?["field"]?["fieldPath"]?.stringValue
        if let filtered = filter?["field"]?["fieldPath"]?.stringValue, let orderField, filtered != orderField {
            return Self.googleError(400, "FAILED_PRECONDITION", "The query requires an index. You can create it here: https://console.firebase.google.com/")
        }
        let prefix = (parent.isEmpty ? "" : parent + "/") + collection + "/"
        var rows = documents.filter { path, _ in path.hasPrefix(prefix) && !path.dropFirst(prefix.count).contains("/") }
            .map { (path: $0.key, document: $0.value) }
        if let filter, let field = filter["field"]?["fieldPath"]?.stringValue, let op = filter["op"]?.stringValue, let value = filter["value"] {
            rows = rows.filter { row in
                guard let stored = row.document.fields[field] else { return false }
                return Self.compare(stored, value).map { Self.passes(op, $0) } ?? false
            }
        }
        if let orderField {
            rows = rows.filter { $0.document.fields[orderField] != nil }
            let descending = order?["direction"]?.stringValue == "DESCENDING"
            rows.sort { left, right in
                let result = Self.compare(left.document.fields[orderField]!, right.document.fields[orderField]!) ?? 0
                return result == 0 ? left.path < right.path : (descending ? result > 0 : result < 0)
            }
        } else {
            rows.sort { $0.path < $1.path }
        }
        if let limit = query["limit"]?.numberValue { rows = Array(rows.prefix(Int(max(0, min(limit, 1e6))))) }
        let readTime = JSONValue.string(nextVersion())
        guard !rows.isEmpty else { return LoopbackServer.json(200, [["readTime": readTime]]) }
        return LoopbackServer.json(200, .array(rows.map { ["document": Self.resource(name($0.path), $0.document), "readTime": readTime] }))
    }

    private static func passes(_ op: String, _ comparison: Int) -> Bool {
        switch op {
        case "EQUAL": comparison == 0
        case "LESS_THAN": comparison < 0
        case "LESS_THAN_OR_EQUAL": comparison <= 0
        case "GREATER_THAN": comparison > 0
        case "GREATER_THAN_OR_EQUAL": comparison >= 0
        case "NOT_EQUAL": comparison != 0
        default: false
        }
    }

    /// Orders two typed values of comparable kinds (numbers with numbers, text with text,
    /// booleans with booleans); nil when the kinds differ (such a document never matches).
    static func compare(_ left: JSONValue, _ right: JSONValue) -> Int? {
        func number(_ value: JSONValue) -> Double? {
            value["integerValue"]?.stringValue.flatMap(Double.init) ?? value["doubleValue"]?.numberValue
        }
        if let a = number(left), let b = number(right) { return a < b ? -1 : (a > b ? 1 : 0) }
        if let a = left["stringValue"]?.stringValue ?? left["timestampValue"]?.stringValue,
           let b = right["stringValue"]?.stringValue ?? right["timestampValue"]?.stringValue {
            return a < b ? -1 : (a > b ? 1 : 0)
        }
        if let a = left["booleanValue"]?.boolValue, let b = right["booleanValue"]?.boolValue { return a == b ? 0 : (a ? 1 : -1) }
        return nil
    }

    /// Google's refusal of a document over 1 MiB (measured here as its typed JSON).
    static func sizeRefusal(_ fields: JSONValue, name: String) -> HTTPResponse? {
        let bytes = JSONWriter.string(fields, pretty: false).utf8.count
        guard bytes > maximumDocumentBytes else { return nil }
        return googleError(400, "INVALID_ARGUMENT", "Document '\(name)' cannot be written because its size (\(bytes) bytes) exceeds the maximum allowed size of 1,048,576 bytes.")
    }
}
