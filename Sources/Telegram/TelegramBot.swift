import Engine
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import WebClient

/// The two Bot API methods the engine uses, `sendMessage` and `getMe`. The token is part of
/// every URL, so no URL, request or transport error text ever leaves this type.
public struct TelegramBot: Sendable {
    /// Why a call was not acknowledged; `errorType` is what the report records.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let errorType: String
        public let detail: String
        /// Seconds Telegram asked to wait (429 `parameters.retry_after`).
        public let retryAfter: Double?

        public var description: String { "Telegram \(errorType): \(detail)" }
    }

    public let chatId: String
    private let token: String
    private let baseURL: URL
    private let transport: HTTPTransport
    private let timeoutSeconds: Double

    public init(token: String, chatId: String, baseURL: URL = URL(string: "https://api.telegram.org")!, timeoutSeconds: Double = 10) {
        self.token = token
        self.chatId = chatId
        self.baseURL = baseURL
        self.timeoutSeconds = timeoutSeconds
        self.transport = HTTPTransport(timeoutSeconds: timeoutSeconds, maxConnections: 2, peer: "telegram", auditPath: Self.pathWithoutToken)
    }

    /// `/bot<token>/sendMessage` as the call audit keeps it: `/bot…/sendMessage`.
    @Sendable static func pathWithoutToken(_ path: String) -> String {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for index in parts.indices where parts[index].hasPrefix("bot") { parts[index] = "bot…" }
        return parts.joined(separator: "/")
    }

    /// Sends one piece of text (≤ 4,096 characters) to the chat, as plain text.
    public func sendMessage(_ text: String) async throws {
        _ = try await call("sendMessage", [("chat_id", chatId), ("text", text)])
    }

    /// The bot's username: proves the token works (validate-only).
    public func getMe() async throws -> String {
        let result = try await call("getMe", [])
        return result["username"]?.stringValue ?? "unknown"
    }

    /// One Bot API call; acknowledged only when HTTP is 2xx and the body says `"ok": true`.
    private func call(_ method: String, _ fields: [(String, String)]) async throws -> JSONValue {
        let url = baseURL.appendingPathComponent("bot\(token)").appendingPathComponent(method)
        let response: HTTPTransport.Response
        do {
            response = try await transport.send(URLRequest.form(url, fields, timeoutSeconds: timeoutSeconds))
        } catch HTTPTransport.Failure.timeout {
            throw Failure(errorType: "timeout", detail: "no answer within \(timeoutSeconds) s", retryAfter: nil)
        } catch {
            throw Failure(errorType: "transport_error", detail: "\(error)", retryAfter: nil)
        }
        let body = try? JSONParser.parse(response.body)
        let description = String((body?["description"]?.stringValue ?? "no description").prefix(200))
        if response.status == 429 {
            let wait = body?["parameters"]?["retry_after"]?.numberValue ?? response.header("Retry-After").flatMap(Double.init) ?? 1
            throw Failure(errorType: "rate_limited", detail: description, retryAfter: wait)
        }
        guard (200..<300).contains(response.status) else {
            throw Failure(errorType: "http_error", detail: "HTTP \(response.status): \(description)", retryAfter: nil)
        }
        guard case .bool(true)? = body?["ok"] else {
            throw Failure(errorType: "telegram_rejected", detail: description, retryAfter: nil)
        }
        return body?["result"] ?? .null
    }
}
