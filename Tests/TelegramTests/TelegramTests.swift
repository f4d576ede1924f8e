import Engine
import Foundation
import Telegram
import Testing
import TestSupport

/// The notifier and bot against the fake Bot API.
struct TelegramTests {
    static func notifier(_ fake: FakeTelegram, budget: Double = 30, language: Config.Language = .en) async -> TelegramNotifier {
        TelegramNotifier(bot: TelegramBot(token: FakeTelegram.testToken, chatId: FakeTelegram.testChatId, baseURL: await fake.baseURL, timeoutSeconds: 5),
                         language: language, retryBudgetSeconds: budget)
    }

    @Test func anAlertArrivesWithThePrefixAsPlainText() async throws {
        let fake = try await FakeTelegram.launch()
        let receipt = await Self.notifier(fake).send("【Trend Buy】\nSOLUSDT & <b>not html</b>")
        #expect(receipt == .sent)
        #expect(await fake.messages == [.init(chatId: FakeTelegram.testChatId, text: "🤖 Binance Quant:\n【Trend Buy】\nSOLUSDT & <b>not html</b>")])
        #expect(await Self.notifier(fake, language: .zh).send("测试") == .sent)
        #expect(await fake.messages.last?.text == "🤖 加密量化助手:\n测试")
        await fake.stop()
    }

    @Test func a6000CharacterMessageArrivesAsTwoMessagesSplitOnLines() async throws {
        let fake = try await FakeTelegram.launch()
        let lines = (0..<100).map { "line \($0) " + String(repeating: "x", count: 52) }
        let text = lines.joined(separator: "\n")
        #expect(text.count >= 6000)
        #expect(await Self.notifier(fake).send(text) == .sent)
        let messages = await fake.messages.map(\.text)
        #expect(messages.count == 2)
        #expect(messages.allSatisfy { $0.utf16.count <= 4096 })
        #expect(messages.joined(separator: "\n") == "🤖 Binance Quant:\n" + text, "nothing lost, cut only between lines")
        await fake.stop()
    }

    @Test func a429IsRetriedAfterRetryAfter() async throws {
        let fake = try await FakeTelegram.launch()
        await fake.inject(.tooManyRequests(retryAfter: 1))
        let started = Date()
        #expect(await Self.notifier(fake).send("hello") == .sent)
        #expect(Date().timeIntervalSince(started) >= 1)
        #expect(await fake.calls == ["sendMessage", "sendMessage"])
        #expect(await fake.messages.count == 1)
        await fake.stop()
    }

    @Test func a429BeyondTheBudgetFailsInsteadOfWaiting() async throws {
        let fake = try await FakeTelegram.launch()
        await fake.inject(.tooManyRequests(retryAfter: 120))
        #expect(await Self.notifier(fake, budget: 10).send("hello") == .failed(errorType: "rate_limited"))
        #expect(await fake.calls.count == 1)
        await fake.stop()
    }

    /// Issue 12: `retry_after: -1` used to trap converting a negative wait to nanoseconds.
    @Test(arguments: [-1, Int.min / 2])
    func aNegativeRetryAfterFailsTheReceiptInsteadOfTrapping(_ retryAfter: Int) async throws {
        let fake = try await FakeTelegram.launch()
        await fake.inject(.tooManyRequests(retryAfter: retryAfter))
        #expect(await Self.notifier(fake).send("hello") == .failed(errorType: "rate_limited"))
        #expect(await fake.calls.count == 1)
        await fake.stop()
    }

    @Test func serverErrorsAndRefusalsAreFailedReceipts() async throws {
        let fake = try await FakeTelegram.launch()
        await fake.inject(.status(502))
        #expect(await Self.notifier(fake).send("a") == .failed(errorType: "http_error"))
        await fake.inject(.notAcknowledged)
        #expect(await Self.notifier(fake).send("b") == .failed(errorType: "telegram_rejected"))
        let wrongToken = TelegramNotifier(bot: TelegramBot(token: "999:wrong", chatId: "1", baseURL: await fake.baseURL), language: .en)
        #expect(await wrongToken.send("c") == .failed(errorType: "http_error"))
        #expect(await fake.messages.isEmpty)
        await fake.stop()
    }

    @Test func getMeNamesTheBotAndFailuresNeverShowTheToken() async throws {
        let fake = try await FakeTelegram.launch()
        let bot = TelegramBot(token: FakeTelegram.testToken, chatId: FakeTelegram.testChatId, baseURL: await fake.baseURL)
        #expect(try await bot.getMe() == "cycle_test_bot")
        await fake.inject(.status(500))
        let failure = try await #require(throws: TelegramBot.Failure.self) { try await bot.getMe() }
        #expect(!failure.description.contains(FakeTelegram.testToken) && !failure.description.contains("TEST-telegram"))
        await fake.stop()
        let unreachable = try await #require(throws: TelegramBot.Failure.self) { try await bot.sendMessage("x") }
        #expect(unreachable.errorType == "transport_error" && !unreachable.description.contains("TEST-telegram"))
    }

    @Test func theSplitterCutsOverlongLinesAndCountsEmojiAsTelegramDoes() {
        let long = String(repeating: "a", count: 9000)
        let pieces = TelegramMessageSplitter.split(long)
        #expect(pieces.map(\.count) == [4096, 4096, 808])
        let emoji = String(repeating: "🤖", count: 3000)
        #expect(TelegramMessageSplitter.split(emoji).map(\.utf16.count) == [4096, 1904], "an emoji is two UTF-16 units")
        #expect(TelegramMessageSplitter.split("short") == ["short"])
    }
}
