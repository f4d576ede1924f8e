import Engine
import Foundation
import Logging
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import WebClient

/// A document as read: its fields (decoded to the engine's JSON) and its version.
public struct FirestoreDocument: Sendable, Equatable {
    public let fields: JSONObject
    /// Firestore's `updateTime`, kept verbatim for the next write's precondition.
    public let updateTime: String
}

/// What must hold for a write to be applied.
public enum WritePrecondition: Sendable, Equatable {
    /// The document is still the version that was read.
    case updateTime(String)
    /// The document does not exist yet.
    case mustNotExist
    /// The document exists (any version).
    case mustExist
}

/// Firestore's REST API for single documents: get, and a whole-document write under a
/// precondition. Authenticated with the service account's OAuth token.
public struct FirestoreClient: Sendable {
    public let project: String
    public let database: String
    public let baseURL: URL
    public let tokens: GoogleAccessTokens
    private let transport: HTTPTransport
    let timeoutSeconds: Double
    private let retryDelaySeconds: Double
    let logger: Logger

    public init(key: ServiceAccountKey, project: String? = nil, database: String = "(default)",
                baseURL: URL = URL(string: "https://firestore.googleapis.com")!, timeoutSeconds: Double = 20, retryDelaySeconds: Double = 1,
                logger: Logger = CycleLogContext.silent) {
        self.logger = logger
        let transport = HTTPTransport(timeoutSeconds: timeoutSeconds, peer: "firestore")
        self.project = project ?? key.projectId
        self.database = database
        self.baseURL = baseURL
        self.transport = transport
        self.timeoutSeconds = timeoutSeconds
        self.retryDelaySeconds = retryDelaySeconds
        self.tokens = GoogleAccessTokens(key: key, transport: transport, timeoutSeconds: timeoutSeconds)
    }

    /// The document, or nil when it does not exist. A transient failure is retried once.
    public func get(_ path: DocumentPath) async throws -> FirestoreDocument? {
        let operation = "read \(path)"
        return try await retryingOnce(operation) { try await getOnce(path, operation: operation) }
    }

    /// Runs a read; a transient failure (unavailable, timeout, transport) is tried once more.
    func retryingOnce<T>(_ operation: String, _ read: () async throws -> T) async throws -> T {
        let delay = retryDelaySeconds
        let retry = RetryPolicy(attempts: 2, totalWaitSeconds: delay) { _ in delay }
        var attempt = 0
        var waited = 0.0
        while true {
            attempt += 1
            do {
                return try await read()
            } catch let error as FirestoreError where error.isTransient {
                guard let wait = retry.delay(afterAttempt: attempt, retryAfter: nil, waited: waited) else { throw error }
                logger.notice("firestore read failed, retrying once", metadata: [
                    "http.endpoint": .string(operation), "http.status": "\(error.httpStatus.map(String.init) ?? "none")", "retry.after_s": "\(wait)",
                ])
                waited += wait
                try await SystemClock().sleep(seconds: wait)
            }
        }
    }

    /// Replaces the whole document with `fields` if `precondition` holds; returns the new `updateTime`.
    /// Never retried: a lost answer could hide an applied write.
    public func write(_ path: DocumentPath, fields: JSONObject, precondition: WritePrecondition) async throws -> String {
        let operation = "write \(path)"
        let query: URLQueryItem
        switch precondition {
        case .updateTime(let time): query = URLQueryItem(name: "currentDocument.updateTime", value: time)
        case .mustNotExist: query = URLQueryItem(name: "currentDocument.exists", value: "false")
        case .mustExist: query = URLQueryItem(name: "currentDocument.exists", value: "true")
        }
        var request = URLRequest(url: try url(path, query: [query], operation: operation), timeoutInterval: timeoutSeconds)
        request.httpMethod = "PATCH"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(JSONWriter.string(["fields": FirestoreValue.fields(fields)], pretty: false).utf8)
        let response = try await send(request, operation: operation)
        guard (200..<300).contains(response.status) else { throw Self.error(from: response, operation: operation, isWrite: true) }
        guard let updateTime = (try? JSONParser.parse(response.body))?["updateTime"]?.stringValue else {
            throw FirestoreError(kind: .malformedAnswer, operation: operation, httpStatus: response.status, message: "the answer has no updateTime")
        }
        return updateTime
    }

    private func getOnce(_ path: DocumentPath, operation: String) async throws -> FirestoreDocument? {
        var request = URLRequest(url: try url(path, query: [], operation: operation), timeoutInterval: timeoutSeconds)
        request.httpMethod = "GET"
        let response = try await send(request, operation: operation)
        if response.status == 404, !Self.isMissingDatabase(response) { return nil }
        guard (200..<300).contains(response.status) else { throw Self.error(from: response, operation: operation, isWrite: false) }
        guard let body = try? JSONParser.parse(response.body), let updateTime = body["updateTime"]?.stringValue else {
            throw FirestoreError(kind: .malformedAnswer, operation: operation, httpStatus: response.status, message: "the answer is not a document")
        }
        do {
            return FirestoreDocument(fields: try FirestoreValue.decode(fields: body["fields"]), updateTime: updateTime)
        } catch {
            throw FirestoreError(kind: .malformedAnswer, operation: operation, httpStatus: response.status, message: "\(error)")
        }
    }

    /// Sends with a bearer token; a 401 (token revoked or expired early) fetches a new token once.
    func send(_ request: URLRequest, operation: String) async throws -> HTTPTransport.Response {
        var request = request
        for attempt in 1...2 {
            request.setValue("Bearer \(try await tokens.token())", forHTTPHeaderField: "Authorization")
            let response: HTTPTransport.Response
            do { response = try await transport.send(request) } catch HTTPTransport.Failure.timeout {
                throw FirestoreError(kind: .timeout, operation: operation, message: "no answer within \(timeoutSeconds) s")
            } catch {
                throw FirestoreError(kind: .transport, operation: operation, message: "\(error)")
            }
            if response.status == 401, attempt == 1 { await tokens.discard(); continue }
            return response
        }
        preconditionFailure("unreachable: the loop returns or continues")
    }

    private func url(_ path: DocumentPath, query: [URLQueryItem], operation: String) throws -> URL {
        try url(documentSegments: path.segments, suffix: "", query: query, operation: operation)
    }

    /// `…/documents/<segments><suffix>`; `suffix` is a method such as `:commit` or `:runQuery`.
    func url(documentSegments: [String], suffix: String, query: [URLQueryItem] = [], operation: String) throws -> URL {
        let segments = (["v1", "projects", project, "databases", database, "documents"] + documentSegments)
            .map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? $0 }
        guard var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) else {
            throw FirestoreError(kind: .other, operation: operation, message: "FIRESTORE_BASE_URL does not form a URL")
        }
        components.percentEncodedPath = components.percentEncodedPath.trimmingSuffix("/") + "/" + segments.joined(separator: "/") + suffix
        if !query.isEmpty {
            components.percentEncodedQueryItems = query.map {
                URLQueryItem(name: $0.name, value: $0.value.map(FormEncoding.encode))
            }
        }
        guard let url = components.url else { throw FirestoreError(kind: .other, operation: operation, message: "the document path does not form a URL") }
        return url
    }

    /// Google's 404 for a missing project or database ("The database (default) does not exist
    /// for project p …"), not for a missing document (whose message names the document's path,
    /// which contains "/databases/").
    static func isMissingDatabase(_ response: HTTPTransport.Response) -> Bool {
        let message = (try? JSONParser.parse(response.body))?["error"]?["message"]?.stringValue ?? ""
        return message.localizedCaseInsensitiveContains("database") && message.localizedCaseInsensitiveContains("does not exist")
            && !message.contains("/documents/")
    }

    /// Google's error envelope `{"error": {"code", "message", "status", "details"}}` as a typed error.
    static func error(from response: HTTPTransport.Response, operation: String, isWrite: Bool) -> FirestoreError {
        let envelope = (try? JSONParser.parse(response.body))?["error"]
        let status = envelope?["status"]?.stringValue
        let message = String((envelope?["message"]?.stringValue ?? String(decoding: response.body.prefix(200), as: UTF8.self)).prefix(300))
        let reasons = (envelope?["details"]?.arrayValue ?? []).compactMap { $0["reason"]?.stringValue }
        let kind: FirestoreError.Kind
        switch (response.status, status) {
        case (401, _): kind = .unauthenticated
        case (403, _) where reasons.contains("SERVICE_DISABLED") || message.contains("has not been used") || message.contains("is disabled"):
            kind = .apiDisabled
        case (403, _): kind = .permissionDenied
        case (404, _) where isMissingDatabase(response): kind = .projectOrDatabaseNotFound
        case (_, "ABORTED"?): kind = .unavailable
        case (_, "FAILED_PRECONDITION"?) where isWrite, (_, "ALREADY_EXISTS"?), (409, _): kind = .preconditionFailed
        case (404, _) where isWrite: kind = .preconditionFailed
        case (429, _), (500...599, _): kind = .unavailable
        default: kind = .other
        }
        return FirestoreError(kind: kind, operation: operation, httpStatus: response.status, status: status, message: message)
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
