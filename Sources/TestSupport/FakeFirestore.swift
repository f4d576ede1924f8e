import Engine
import FlyingFox
import Foundation
import Signing
import WebClient

/// Google's OAuth token endpoint and the Firestore REST document API on 127.0.0.1, for one
/// project and its `(default)` database. The token endpoint checks the service account's JWT
/// (RS256 signature against the key's public half, issuer, audience, scope, times); documents
/// are kept in Firestore's typed wire form exactly as written, with `updateTime` preconditions.
public actor FakeFirestore {
    public enum Operation: Sendable { case token, read, write }

    public enum Fault: Sendable, Equatable {
        /// Answers with Google's error envelope.
        case status(Int, status: String, message: String)
        /// `PERMISSION_DENIED` because the Firestore API is disabled for the project.
        case apiDisabled
        /// Waits before answering normally.
        case delay(Double)
        /// Carries the request out, then answers 504 `DEADLINE_EXCEEDED` instead of the result:
        /// the write is applied but its answer is lost on the way back.
        case appliedButAnswerLost
    }

    /// What a matching fault does to one request.
    private enum FaultEffect {
        case none
        case answerInstead(HTTPResponse)
        case loseTheAnswer
    }

    public struct StoredDocument: Sendable, Equatable {
        /// The typed `fields` object as written (`{"name": {"stringValue": …}}`).
        public var fields: JSONValue
        public var updateTime: String
    }

    public let project: String
    public let clientEmail: String
    public let keyId = "fake-key-0001"
    public internal(set) var documents: [String: StoredDocument] = [:]
    /// Every request: `"POST /token"`, `"GET strategy/MULTI_ASSET_STATE"`, `"PATCH strategy/…"`,
    /// `"COMMIT "` (a `documents:commit`), `"RUNQUERY strategy/MULTI_ASSET_STATE"` (a query under it).
    public private(set) var requests: [String] = []
    public private(set) var tokenExchanges = 0
    /// Every document write applied, in order (`"set a/b"`, `"update a/b/c/d"`, `"delete …"`), from
    /// PATCH and commits alike: what Firestore bills as document writes.
    public internal(set) var documentWrites: [String] = []
    private let signingKey: PrivateKey
    private let publicKey: PublicKey
    private var tokens: Set<String> = []
    private var faults: [(operation: Operation?, path: String?, fault: Fault, remaining: Int)] = []
    var versionCounter = 0
    private var server: LoopbackServer?

    public init(project: String = "fake-project") throws {
        self.project = project
        self.clientEmail = "cycle-runner@\(project).iam.gserviceaccount.com"
        signingKey = try PrivateKey.generate(.rsa)
        publicKey = try PublicKey(pem: try signingKey.publicKeyPEM())
    }

    public static func launch(project: String = "fake-project") async throws -> FakeFirestore {
        let fake = try FakeFirestore(project: project)
        try await fake.start()
        return fake
    }

    public func start() async throws {
        server = try await LoopbackServer { [weak self] request in
            guard let self else { return HTTPResponse(statusCode: .serviceUnavailable) }
            return await self.answer(request)
        }
    }

    public var baseURL: URL { server!.baseURL }
    public var tokenURI: URL { server!.baseURL.appendingPathComponent("token") }
    public func stop() async { await server?.stop() }

    // MARK: Test controls

    /// A service-account key file for this fake (its token_uri points here); returns its path.
    public func writeKeyFile(in directory: URL, project: String? = nil) throws -> String {
        let key: JSONValue = [
            "type": "service_account", "project_id": .string(project ?? self.project), "private_key_id": .string(keyId),
            "private_key": .string(try signingKey.pkcs8PEM()), "client_email": .string(clientEmail),
            "client_id": "100000000000000000001", "token_uri": .string(tokenURI.absoluteString),
        ]
        let path = directory.appendingPathComponent("service-account.json").path
        try Data(JSONWriter.string(key).utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Stores a document given in Firestore's typed wire form (`fields`).
    public func putDocument(_ path: String, typedFields: JSONValue) {
        documents[path] = StoredDocument(fields: typedFields, updateTime: nextVersion())
    }

    public func removeDocument(_ path: String) { documents[path] = nil }

    public func document(_ path: String) -> StoredDocument? { documents[path] }

    /// The next `times` requests of `operation` (on `path`, if given: a request on that document or
    /// a commit that writes it) answer with `fault`.
    public func inject(_ fault: Fault, on operation: Operation? = nil, path: String? = nil, times: Int = 1) {
        faults.append((operation, path, fault, times))
    }

    /// Invalidates every issued access token (the client must sign in again).
    public func revokeTokens() { tokens.removeAll() }

    public func requestCount(_ prefix: String) -> Int { requests.filter { $0.hasPrefix(prefix) }.count }

    // MARK: Answers

    func answer(_ request: HTTPRequest) async -> HTTPResponse {
        let body = String(decoding: (try? await request.bodyData) ?? Data(), as: UTF8.self)
        if request.path == "/token" {
            requests.append("POST /token")
            if case .answerInstead(let response) = await applyFault(.token, paths: []) { return response }
            return exchangeToken(form: FormEncoding.decode(body))
        }
        let prefix = "/v1/projects/"
        guard request.path.hasPrefix(prefix) else { return Self.googleError(404, "NOT_FOUND", "Unknown path \(request.path)") }
        var segments = request.path.dropFirst(prefix.count).split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        // `…/documents:commit`, `…/<document>:runQuery`: the method rides on the last segment.
        var verb: String?
        if let last = segments.last, let colon = last.firstIndex(of: ":") {
            verb = String(last[last.index(after: colon)...])
            segments[segments.count - 1] = String(last[..<colon])
        }
        guard segments.count >= 4, segments[1] == "databases", segments[3] == "documents",
              verb != nil ? segments.count % 2 == 0 : segments.count >= 6 && segments.count % 2 == 0 else {
            return Self.googleError(400, "INVALID_ARGUMENT", "Unsupported document path \(request.path)")
        }
        let path = segments.dropFirst(4).joined(separator: "/")
        let method = request.method.rawValue
        let operation: Operation = method == "GET" || verb == "runQuery" ? .read : .write
        requests.append(verb.map { "\($0.uppercased()) \(path)" } ?? "\(method) \(path)")
        // A fault aimed at a document matches a plain request on it, or a commit that writes it.
        let effect = await applyFault(operation, paths: verb == nil ? [path] : verb == "commit" ? committedPaths(body: body) : [])
        if case .answerInstead(let response) = effect { return response }
        guard let bearer = request.headers[HTTPHeader("Authorization")], bearer.hasPrefix("Bearer "), tokens.contains(String(bearer.dropFirst(7))) else {
            return Self.googleError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access token.")
        }
        guard segments[0] == project else {
            return Self.googleError(403, "PERMISSION_DENIED", "Permission denied on resource project \(segments[0]).")
        }
        guard segments[2] == "(default)" else {
            return Self.googleError(404, "NOT_FOUND", "The database \(segments[2]) does not exist for project \(project)")
        }
        let response: HTTPResponse
        switch (method, verb) {
        case ("POST", "commit"?): response = commit(body: body)
        case ("POST", "runQuery"?): response = runQuery(parent: path, body: body)
        case ("GET", nil): response = read(path)
        case ("PATCH", nil): response = patch(path, query: Dictionary(request.query.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 }), body: body)
        default: response = Self.googleError(405, "INVALID_ARGUMENT", "Method \(method) \(verb ?? "") not supported by the fake")
        }
        if case .loseTheAnswer = effect { return Self.googleError(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.") }
        return response
    }

    private func read(_ path: String) -> HTTPResponse {
        guard let document = documents[path] else { return Self.googleError(404, "NOT_FOUND", "Document \"\(name(path))\" not found.") }
        return LoopbackServer.json(200, Self.resource(name(path), document))
    }

    private func patch(_ path: String, query: [String: String], body: String) -> HTTPResponse {
        let current = documents[path]
        if let expected = query["currentDocument.updateTime"] {
            guard let current else { return Self.googleError(404, "NOT_FOUND", "No document to update: \(name(path))") }
            guard current.updateTime == expected else {
                return Self.googleError(400, "FAILED_PRECONDITION", "the stored version (\(current.updateTime)) does not match the required base version (\(expected))")
            }
        }
        if query["currentDocument.exists"] == "false", current != nil {
            return Self.googleError(409, "ALREADY_EXISTS", "Document already exists: \(name(path))")
        }
        if query["currentDocument.exists"] == "true", current == nil {
            return Self.googleError(404, "NOT_FOUND", "No document to update: \(name(path))")
        }
        guard let fields = (try? JSONParser.parse(body))?["fields"], fields.objectValue != nil, Self.isTyped(fields) else {
            return Self.googleError(400, "INVALID_ARGUMENT", "Invalid JSON payload received: fields must be typed Firestore values.")
        }
        if let refusal = Self.sizeRefusal(fields, name: name(path)) { return refusal }
        let stored = StoredDocument(fields: fields, updateTime: nextVersion())
        documents[path] = stored
        documentWrites.append("set \(path)")
        return LoopbackServer.json(200, Self.resource(name(path), stored))
    }

    func name(_ path: String) -> String { "projects/\(project)/databases/(default)/documents/\(path)" }

    private func applyFault(_ operation: Operation, paths: [String]) async -> FaultEffect {
        guard let index = faults.firstIndex(where: { fault in
            (fault.operation == nil || fault.operation == operation) && (fault.path.map { paths.contains($0) } ?? true)
        }) else {
            return .none
        }
        let fault = faults[index].fault
        faults[index].remaining -= 1
        if faults[index].remaining == 0 { faults.remove(at: index) }
        switch fault {
        case .status(let code, let status, let message): return .answerInstead(Self.googleError(code, status, message))
        case .apiDisabled:
            return .answerInstead(LoopbackServer.json(403, ["error": [
                "code": 403, "status": "PERMISSION_DENIED",
                "message": .string("Cloud Firestore API has not been used in project \(project) before or it is disabled."),
                "details": [["@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "SERVICE_DISABLED"]],
            ]]))
        case .delay(let seconds):
            try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
            return .none
        case .appliedButAnswerLost:
            return .loseTheAnswer
        }
    }

    /// Google's JWT-bearer grant: the assertion must be signed by this fake's key for its token URI.
    private func exchangeToken(form: [String: String]) -> HTTPResponse {
        func refuse(_ error: String, _ detail: String) -> HTTPResponse {
            LoopbackServer.json(400, ["error": .string(error), "error_description": .string(detail)])
        }
        guard form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer" else { return refuse("unsupported_grant_type", "Invalid grant_type") }
        let parts = (form["assertion"] ?? "").split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let headerBytes = ByteText.bytes(base64URL: parts[0]), let claimBytes = ByteText.bytes(base64URL: parts[1]),
              let signature = ByteText.bytes(base64URL: parts[2]),
              let header = try? JSONParser.parse(Data(headerBytes)), let claims = try? JSONParser.parse(Data(claimBytes)) else {
            return refuse("invalid_grant", "Invalid JWT: not three base64url JSON segments")
        }
        guard header["alg"]?.stringValue == "RS256", header["kid"]?.stringValue == keyId else { return refuse("invalid_grant", "Invalid JWT header") }
        guard publicKey.verify(signature: signature, message: Array((parts[0] + "." + parts[1]).utf8)) else {
            return refuse("invalid_grant", "Invalid JWT Signature.")
        }
        let now = Date().timeIntervalSince1970
        guard claims["iss"]?.stringValue == clientEmail else { return refuse("invalid_grant", "Invalid issuer") }
        guard claims["aud"]?.stringValue == tokenURI.absoluteString else { return refuse("invalid_grant", "Invalid audience") }
        guard (claims["scope"]?.stringValue ?? "").split(separator: " ").contains("https://www.googleapis.com/auth/datastore") else {
            return refuse("invalid_scope", "Missing the datastore scope")
        }
        guard let issued = claims["iat"]?.numberValue, let expires = claims["exp"]?.numberValue,
              abs(issued - now) < 300, expires > now, expires - issued <= 3600 else {
            return refuse("invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.")
        }
        tokenExchanges += 1
        let token = "ya29.fake-\(UUID().uuidString)"
        tokens.insert(token)
        return LoopbackServer.json(200, ["access_token": .string(token), "expires_in": 3599, "token_type": "Bearer"])
    }

    func nextVersion() -> String {
        versionCounter += 1
        let seconds = Int(Date().timeIntervalSince1970)
        let base = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(seconds))).replacingOccurrences(of: "Z", with: "")
        return base + String(format: ".%06dZ", versionCounter % 1_000_000)
    }

    /// Every value in `fields` is a one-key typed wrapper with a known kind, recursively.
    static func isTyped(_ fields: JSONValue) -> Bool {
        guard let members = fields.objectValue else { return false }
        return members.values.allSatisfy(isTypedValue)
    }

    static func isTypedValue(_ value: JSONValue) -> Bool {
        guard let wrapper = value.objectValue, wrapper.count == 1, let (kind, payload) = wrapper.elements.first else { return false }
        switch kind {
        case "nullValue", "booleanValue", "doubleValue", "stringValue": return true
        // As Firestore does: a timestamp is RFC 3339 text, bytes base64, a reference a document
        // name, a geo point two numbers.
        case "timestampValue": return payload.stringValue.map { $0.count >= 20 && $0.hasSuffix("Z") } ?? false
        case "bytesValue": return payload.stringValue.map { Data(base64Encoded: $0) != nil } ?? false
        case "referenceValue": return payload.stringValue?.hasPrefix("projects/") ?? false
        case "geoPointValue": return payload["latitude"]?.numberValue != nil && payload["longitude"]?.numberValue != nil
        case "integerValue": return payload.stringValue.flatMap { Int64($0) } != nil
        case "arrayValue": return (payload["values"]?.arrayValue ?? []).allSatisfy(isTypedValue)
        case "mapValue": return payload["fields"].map(isTyped) ?? true
        default: return false
        }
    }

    static func resource(_ name: String, _ document: StoredDocument) -> JSONValue {
        ["name": .string(name), "fields": document.fields, "createTime": .string(document.updateTime), "updateTime": .string(document.updateTime)]
    }

    static func googleError(_ code: Int, _ status: String, _ message: String) -> HTTPResponse {
        LoopbackServer.json(code, ["error": ["code": .int(Int64(code)), "message": .string(message), "status": .string(status)]])
    }
}
