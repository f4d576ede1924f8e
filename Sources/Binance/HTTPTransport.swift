import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange over URLSession (libcurl on Linux). Errors are reduced to a kind and a
/// short reason: Foundation's own error text quotes the URL, which holds the signature.
struct HTTPTransport: Sendable {
    struct Response: Sendable {
        let status: Int
        let headers: [String: String]
        let body: Data
        func header(_ name: String) -> String? {
            headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    enum Failure: Error {
        case timeout
        case connection(String)
    }

    private let session: URLSession

    init(timeoutSeconds: Double, maxConnections: Int) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeoutSeconds
        configuration.timeoutIntervalForResource = timeoutSeconds
        configuration.httpMaximumConnectionsPerHost = maxConnections
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration)
    }

    func send(_ request: URLRequest) async throws -> Response {
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
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
