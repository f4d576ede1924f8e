import Engine
import Foundation

/// The Engine's `Notifier` on Telegram: adds the `🤖 Binance Quant:` prefix (or the Chinese
/// one), splits long messages at line boundaries, waits out 429s within a budget, and turns
/// every outcome into a receipt. A failure never throws: the cycle goes on.
public struct TelegramNotifier: Notifier {
    public let bot: TelegramBot
    public let prefix: String
    /// Total seconds one alert may spend waiting for `retry_after` (all its pieces together).
    public let retryBudgetSeconds: Double

    public init(bot: TelegramBot, language: Config.Language, retryBudgetSeconds: Double = 30) {
        self.bot = bot
        self.prefix = MessageCatalog(language: language).alertPrefix
        self.retryBudgetSeconds = retryBudgetSeconds
    }

    public func send(_ text: String) async -> DeliveryReceipt {
        var waited = 0.0
        for piece in TelegramMessageSplitter.split(prefix + text) {
            while true {
                do {
                    try await bot.sendMessage(piece)
                    break
                } catch let failure as TelegramBot.Failure {
                    if let wait = failure.retryAfter, waited + wait <= retryBudgetSeconds {
                        waited += wait
                        try? await Task.sleep(nanoseconds: UInt64(wait * 1e9))
                        continue
                    }
                    return .failed(errorType: failure.errorType)
                } catch {
                    return .failed(errorType: "transport_error")
                }
            }
        }
        return .sent
    }
}
