import FlyingFox
import Foundation

/// A peer on 127.0.0.1 that answers every request with a redirect (`307` by default) to the
/// same path and query on another origin, and keeps what it was asked. With no target it is
/// the other origin: it answers `200 {}` and keeps what reached it (issue 21 #4: nothing may).
public actor RedirectingPeer {
    /// One request as it arrived.
    public struct Request: Sendable {
        public let method: String
        public let path: String
        /// The `X-MBX-APIKEY` header, when it carried one.
        public let apiKey: String?
        public var route: String { "\(method) \(path)" }
    }

    public private(set) var requests: [Request] = []
    private let target: URL?
    private let status: Int
    private var server: LoopbackServer?

    /// `target`: the origin redirected to (nil: answer `200 {}`); `status`: 301, 302, 303, 307 or 308.
    public init(redirectingTo target: URL?, status: Int = 307) {
        self.target = target
        self.status = status
    }

    public static func launch(redirectingTo target: URL?, status: Int = 307) async throws -> RedirectingPeer {
        let peer = RedirectingPeer(redirectingTo: target, status: status)
        try await peer.start()
        return peer
    }

    public func start() async throws {
        server = try await LoopbackServer { [weak self] request in
            guard let self else { return HTTPResponse(statusCode: .serviceUnavailable) }
            return await self.answer(request)
        }
    }

    public var baseURL: URL { server!.baseURL }
    public func stop() async { await server?.stop() }

    private func answer(_ http: HTTPRequest) -> HTTPResponse {
        requests.append(Request(method: http.method.rawValue, path: http.path, apiKey: http.headers[HTTPHeader("X-MBX-APIKEY")]))
        guard let target else { return LoopbackServer.json(200, .object([:])) }
        let query = http.target.query(percentEncoded: true)
        var origin = target.absoluteString
        if origin.hasSuffix("/") { origin.removeLast() }
        let location = origin + http.path + (query.isEmpty ? "" : "?" + query)
        return LoopbackServer.json(status, .object(["moved": .string("elsewhere")]), headers: ["Location": location])
    }
}
