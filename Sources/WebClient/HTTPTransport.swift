import Engine
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange over URLSession (libcurl on Linux), shared by the Binance, Google and
/// Telegram adapters. Errors are reduced to a kind and a short reason: Foundation's own error
/// text quotes the URL, which can hold a signature or a bot token. Redirects are never followed
/// (`RedirectRefusal`): a 3xx answer is a `Failure.redirected`.
public struct HTTPTransport: Sendable {
    public struct Response: Sendable {
        public let status: Int
        public let headers: [String: String]
        public let body: Data

        public init(status: Int, headers: [String: String], body: Data) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        public func header(_ name: String) -> String? {
            headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case timeout
        case connection(String)
        /// The peer answered with a redirect (`status` 3xx), which was not followed. `host`: the
        /// host its `Location` names (never the whole URL, which may carry a query), nil when it
        /// names none.
        case redirected(status: Int, host: String?)

        public var description: String {
            switch self {
            case .timeout: return "no answer in time"
            case .connection(let reason): return reason
            case .redirected(let status, let host):
                return "redirected (HTTP \(status)\(host.map { " to host \($0)" } ?? "")); not followed: API endpoints never redirect, "
                    + "so nothing was sent there. Check the base URL setting"
            }
        }
    }

    private let session: URLSession
    /// The peer's name in the call audit (`binance`, `firestore`, `google`, `telegram`).
    private let peer: String
    private let audit: CallAudit?
    private let auditPath: @Sendable (String) -> String

    /// `audit`: where each request is recorded (the process's call audit unless a test gives its own; nil: nowhere).
    /// `auditPath`: the path as the audit may keep it — a peer whose paths carry a secret (Telegram's
    /// `/bot<token>/…`) masks it here.
    public init(timeoutSeconds: Double, maxConnections: Int = 4, peer: String = "other", audit: CallAudit? = CallAudit.process,
                auditPath: @escaping @Sendable (String) -> String = { $0 }) {
        self.peer = peer
        self.audit = audit
        self.auditPath = auditPath
        let configuration = URLSessionConfiguration.peerCalls(timeoutSeconds: timeoutSeconds)
        configuration.httpMaximumConnectionsPerHost = maxConnections
        session = URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
    }

    /// Sends `request` and waits for its answer or its own timeout. A cancelled caller does
    /// **not** cancel the transfer: in swift-corelibs-foundation (Swift 6.3.1) cancelling an
    /// in-flight URLSession task while another completes can deadlock the session (issue 5412),
    /// so the task is left to finish or time out (`timeoutSeconds`), and the caller gets its
    /// answer then. The cycle's own bound is the deadline watchdog.
    public func send(_ request: URLRequest) async throws -> Response {
        let started = Date()
        let response: Response
        do {
            response = try await exchange(request)
        } catch let failure as Failure {
            if case .timeout = failure {
                await record(request, started: started, response: nil, outcome: .timeout)
            } else {
                await record(request, started: started, response: nil, outcome: .transport)
            }
            throw failure
        }
        await record(request, started: started, response: response, outcome: response.status < 300 ? .ok : .error)
        if (300..<400).contains(response.status) {
            throw Failure.redirected(status: response.status, host: Self.host(ofLocation: response.header("Location")))
        }
        return response
    }

    /// The host a `Location` header names, cut to 100 characters; nil for a relative one.
    static func host(ofLocation location: String?) -> String? {
        guard let location, let host = URL(string: location)?.host, !host.isEmpty else { return nil }
        return String(host.prefix(100))
    }

    private func record(_ request: URLRequest, started: Date, response: Response?, outcome: CallRecord.Outcome) async {
        guard let audit else { return }
        let code = response.flatMap { $0.status >= 400 ? (try? JSONDecoder().decode(ErrorCode.self, from: $0.body))?.code : nil }
        await audit.record(CallRecord(
            at: started, peer: peer, method: request.httpMethod ?? "GET", path: auditPath(request.url?.path ?? ""), status: response?.status, code: code,
            latencyMilliseconds: Date().timeIntervalSince(started) * 1000,
            usedWeight: response?.header("X-MBX-USED-WEIGHT-1M").flatMap { Int($0) }, outcome: outcome
        ))
    }

    /// `{"code": …}` of an error answer (Binance's shape); other peers' bodies give nil.
    private struct ErrorCode: Decodable { let code: Int? }

    private func exchange(_ request: URLRequest) async throws -> Response {
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await withCheckedThrowingContinuation { continuation in
                session.dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let response {
                        continuation.resume(returning: (data ?? Data(), response))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }.resume()
            }
        } catch let error as URLError {
            if error.code == .timedOut { throw Failure.timeout }
            throw Failure.connection(Self.name(of: error.code))
        } catch {
            throw Failure.connection("request failed")
        }
        guard let http = response as? HTTPURLResponse else { throw Failure.connection("not an HTTP response") }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key] = value }
        }
        return Response(status: http.statusCode, headers: headers, body: data)
    }

    private static func name(of code: URLError.Code) -> String {
        switch code {
        case .cannotConnectToHost: return "cannot connect to host"
        case .cannotFindHost, .dnsLookupFailed: return "host not found"
        case .networkConnectionLost: return "connection lost"
        case .notConnectedToInternet: return "not connected to the internet"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid:
            return "TLS failure"
        case .badServerResponse: return "bad server response"
        default: return "URL error \(code.rawValue)"
        }
    }
}

/// Binance, Google, Telegram and healthchecks.io never redirect an API call: a redirect means
/// the base URL leads somewhere else, and following it would hand the API key, the bearer token
/// or a signed order to whatever its `Location` names. Every redirect is refused, so the 3xx
/// answer itself comes back (and `send` fails it). URLSession consults the session's delegate
/// for tasks made with a completion handler too (swift-corelibs-foundation: `task.delegate`
/// falls back to it in `_HTTPURLProtocol.redirectFor`).
final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}

extension URLSessionConfiguration {
    /// What every call to a peer uses: no cache, no cookies, nothing kept between calls, and one
    /// timeout for the request and the whole transfer.
    static func peerCalls(timeoutSeconds: Double) -> URLSessionConfiguration {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeoutSeconds
        configuration.timeoutIntervalForResource = timeoutSeconds
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        return configuration
    }
}

extension URLRequest {
    /// A POST of `application/x-www-form-urlencoded` fields, each value percent-encoded.
    public static func form(_ url: URL, _ fields: [(String, String)], timeoutSeconds: Double) -> URLRequest {
        var request = URLRequest(url: url, timeoutInterval: timeoutSeconds)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(fields.map { "\(FormEncoding.encode($0.0))=\(FormEncoding.encode($0.1))" }.joined(separator: "&").utf8)
        return request
    }
}

/// Percent-encoding for form bodies: everything but RFC 3986 unreserved characters.
public enum FormEncoding {
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    public static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// The fields of a form body (the fake peers read them).
    public static func decode(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            let name = parts[0].replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? parts[0]
            let value = parts.count > 1 ? (parts[1].replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? parts[1]) : ""
            fields[name] = value
        }
        return fields
    }
}
