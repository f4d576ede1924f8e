import Engine
import Foundation
import Logging
import WebClient

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
        // Only a 429's retry_after is waited out (from outside: a negative, infinite or absurd
        // one gives up), within one budget for the whole alert.
        let retry = RetryPolicy(attempts: .max, totalWaitSeconds: retryBudgetSeconds) { _ in .infinity }
        var waited = 0.0
        for piece in TelegramMessageSplitter.split(prefix + text) {
            var attempt = 0
            while true {
                attempt += 1
                do {
                    try await bot.sendMessage(piece)
                    break
                } catch let failure as TelegramBot.Failure {
                    if let retryAfter = failure.retryAfter, let wait = retry.delay(afterAttempt: attempt, retryAfter: retryAfter, waited: waited) {
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
