import Engine
import Foundation

/// Telegram settings: the bot and chat (`TG_TOKEN` + `GLOBAL_TELEGRAM_CHAT_ID`, both or neither)
/// and `TELEGRAM_BASE_URL`. The token is a secret and never printed.
public struct TelegramSettings: Sendable, Equatable {
    public struct Target: Sendable, Equatable, CustomStringConvertible {
        public var token: String
        public var chatId: String
        public var description: String { "Telegram(chat: \(chatId), token: <redacted>)" }

        public init(token: String, chatId: String) {
            self.token = token
            self.chatId = chatId
        }
    }

    /// nil: alerts stay in the report's log.
    public var target: Target?
    public var baseURL = "https://api.telegram.org"

    public static let defaults = TelegramSettings()

    public init() {}

    public static func parse(_ reader: EnvironmentReader) throws -> TelegramSettings {
        var settings = TelegramSettings()
        settings.baseURL = try reader.httpURL("TELEGRAM_BASE_URL", default: settings.baseURL)
        switch (reader.string("TG_TOKEN"), reader.string("GLOBAL_TELEGRAM_CHAT_ID")) {
        case (nil, nil): settings.target = nil
        case (let token?, let chat?): settings.target = Target(token: token, chatId: chat)
        case (nil, let chat?):
            throw ConfigurationError(variable: "TG_TOKEN", value: "", expected: "a bot token, since GLOBAL_TELEGRAM_CHAT_ID=\(chat) is set")
        case (_?, nil):
            throw ConfigurationError(variable: "GLOBAL_TELEGRAM_CHAT_ID", value: "", expected: "a chat id, since TG_TOKEN is set")
        }
        return settings
    }

    /// The bot, when a target is configured and the base URL is usable.
    public var bot: TelegramBot? {
        guard let target, let url = URL(string: baseURL) else { return nil }
        return TelegramBot(token: target.token, chatId: target.chatId, baseURL: url)
    }
}
