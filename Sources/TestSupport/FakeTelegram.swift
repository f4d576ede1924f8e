import Engine
import FlyingFox
import Foundation
import WebClient

/// The Telegram Bot API on 127.0.0.1: `sendMessage` and `getMe` for one bot token, Telegram's
/// 4,096-character limit, and injected 429 (`retry_after`), 5xx or `"ok": false` answers.
/// Every accepted message is kept in `messages`.
public actor FakeTelegram {
    public enum Fault: Sendable, Equatable {
        case tooManyRequests(retryAfter: Int)
        case status(Int)
        case notAcknowledged
    }

    public struct Message: Sendable, Equatable {
        public let chatId: String
        public let text: String

        public init(chatId: String, text: String) {
            self.chatId = chatId
            self.text = text
        }
    }

    public static let testToken = "123456:TEST-telegram-token-never-printed"
    public static let testChatId = "-1001234567890"

    public private(set) var messages: [Message] = []
    /// Every call that reached the fake (`sendMessage`, `getMe`), faults included.
    public private(set) var calls: [String] = []
    private var faults: [Fault] = []
    private let token: String
    private var server: LoopbackServer?

    public init(token: String = FakeTelegram.testToken) {
        self.token = token
    }

    public static func launch() async throws -> FakeTelegram {
        let fake = FakeTelegram()
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
    public func stop() async { await server?.stop() }

    /// The next `times` calls answer with `fault`.
    public func inject(_ fault: Fault, times: Int = 1) {
        faults += Array(repeating: fault, count: times)
    }

    func answer(_ request: HTTPRequest) async -> HTTPResponse {
        let parts = request.path.split(separator: "/").map(String.init)
        guard parts.count == 2, parts[0].hasPrefix("bot") else { return Self.failure(404, "Not Found") }
        let method = parts[1]
        calls.append(method)
        guard String(parts[0].dropFirst(3)) == token else { return Self.failure(401, "Unauthorized") }
        if !faults.isEmpty {
            switch faults.removeFirst() {
            case .tooManyRequests(let seconds):
                return LoopbackServer.json(429, [
                    "ok": false, "error_code": 429, "description": .string("Too Many Requests: retry after \(seconds)"),
                    "parameters": ["retry_after": .int(Int64(seconds))],
                ])
            case .status(let status): return Self.failure(status, "Internal Server Error")
            case .notAcknowledged: return LoopbackServer.json(200, ["ok": false, "description": "not delivered"])
            }
        }
        let body = String(decoding: (try? await request.bodyData) ?? Data(), as: UTF8.self)
        var fields = FormEncoding.decode(body)
        for item in request.query { fields[item.name] = item.value }
        switch method {
        case "getMe":
            return LoopbackServer.json(200, ["ok": true, "result": ["id": 123456, "is_bot": true, "username": "cycle_test_bot"]])
        case "sendMessage":
            guard let chat = fields["chat_id"], !chat.isEmpty else { return Self.failure(400, "Bad Request: chat_id is empty") }
            guard let text = fields["text"], !text.isEmpty else { return Self.failure(400, "Bad Request: message text is empty") }
            guard text.utf16.count <= 4096 else { return Self.failure(400, "Bad Request: message is too long") }
            messages.append(Message(chatId: chat, text: text))
            return LoopbackServer.json(200, ["ok": true, "result": ["message_id": .int(Int64(messages.count)), "text": .string(text)]])
        default:
            return Self.failure(404, "Not Found")
        }
    }

    static func failure(_ status: Int, _ description: String) -> HTTPResponse {
        LoopbackServer.json(status, ["ok": false, "error_code": .int(Int64(status)), "description": .string(description)])
    }
}
