import Engine
import Foundation
import Logging

/// The Engine's `Notifier` on Telegram: adds the `🤖 Binance Quant:` prefix (or the Chinese
/// one), splits long messages at line boundaries, waits out 429s within a budget, and turns
/// every outcome into a receipt. A failure never throws: the cycle goes on.
public struct TelegramNotifier: Notifier {
    public let bot: TelegramBot
    public let prefix: String
    /// Total seconds one alert may spend waiting for `retry_after` (all its pieces together).
    public let retryBudgetSeconds: Double
    let logger: Logger

    public init(bot: TelegramBot, language: Config.Language, retryBudgetSeconds: Double = 30, logger: Logger = CycleLogContext.silent) {
        self.bot = bot
        self.prefix = MessageCatalog(language: language).alertPrefix
        self.retryBudgetSeconds = retryBudgetSeconds
        self.logger = logger
    }

    public func send(_ text: String) async -> DeliveryReceipt {
        var waited = 0.0
        for piece in TelegramMessageSplitter.split(prefix + text) {
            while true {
                do {
                    try await bot.sendMessage(piece)
                    break
                } catch let failure as TelegramBot.Failure {
                    // retry_after comes from outside: only a finite, non-negative wait within the budget is waited out.
                    if let wait = failure.retryAfter, wait.isFinite, wait >= 0, waited + wait <= retryBudgetSeconds {
                        waited += wait
                        logger.notice("telegram rate limited, waiting", metadata: ["retry.after_s": "\(wait)"])
                        do { try await SystemClock().sleep(seconds: wait) } catch { return .failed(errorType: "cancelled") }
                        continue
                    }
                    logger.warning("telegram delivery failed", metadata: ["telegram.error_type": .string(failure.errorType)])
                    return .failed(errorType: failure.errorType)
                } catch {
                    logger.warning("telegram delivery failed", metadata: ["telegram.error_type": "transport_error"])
                    return .failed(errorType: "transport_error")
                }
            }
        }
        return .sent
    }
}
