import Engine
import FlyingFox
import Foundation

/// A FlyingFox server on 127.0.0.1 with a system-chosen port, answering every request
/// through one handler (the fake peers route by path themselves).
final class LoopbackServer: Sendable {
    private let server: HTTPServer
    private let task: Task<Void, Error>
    let port: UInt16

    init(handler: @Sendable @escaping (HTTPRequest) async -> HTTPResponse) async throws {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 60, logger: .disabled)
        await server.appendRoute("*") { request in await handler(request) }
        self.server = server
        task = Task { try await server.run() }
        try await server.waitUntilListening()
        guard case .ip4(_, let port)? = await server.listeningAddress else { throw FakeServerError.notListening }
        self.port = port
    }

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    func stop() async {
        await server.stop(timeout: 0)
        task.cancel()
    }

    static func json(_ status: Int, _ body: JSONValue, headers extra: [String: String] = [:]) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers[HTTPHeader("Content-Type")] = "application/json; charset=UTF-8"
        for (name, value) in extra { headers[HTTPHeader(name)] = value }
        return HTTPResponse(statusCode: HTTPStatusCode(status, phrase: "Status \(status)"), headers: headers, body: Data(JSONWriter.string(body, pretty: false).utf8))
    }
}
