import Engine
import Telegram
import Testing

@Suite struct TelegramSettingsTests {
    func parse(_ environment: [String: String]) throws -> TelegramSettings {
        try TelegramSettings.parse(EnvironmentReader(environment: environment))
    }

    @Test func telegramNeedsBothTokenAndChatAndNeverPrintsTheToken() throws {
        #expect(throws: ConfigurationError.self) { try parse(["TG_TOKEN": "123:secret"]) }
        #expect(throws: ConfigurationError.self) { try parse(["GLOBAL_TELEGRAM_CHAT_ID": "42"]) }
        let settings = try parse(["TG_TOKEN": "123:supersecret", "GLOBAL_TELEGRAM_CHAT_ID": "42"])
        #expect(settings.target?.chatId == "42")
        #expect(!"\(String(describing: settings.target))".contains("supersecret"))
        #expect(!"\(settings)".contains("supersecret"))
        #expect(try parse([:]).target == nil)
    }

    @Test func aMalformedBaseURLNamesTheVariable() {
        #expect(throws: ConfigurationError.self) { try parse(["TELEGRAM_BASE_URL": "ftp://x"]) }
    }
}
