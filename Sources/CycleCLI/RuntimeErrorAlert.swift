import Engine
import Foundation
import Telegram

/// The alert sent when a cycle cannot even start (bad configuration, unusable key file, store
/// that cannot be opened), so a cron job that fails before its first step is not silent.
/// It reads the Telegram settings leniently: a configuration error elsewhere must not hide it.
/// A paper cycle (no Binance credential variable set) never sends it: paper never messages Telegram.
enum RuntimeErrorAlert {
    /// Any of these set means the operator meant a Binance cycle; none set means paper.
    static let binanceCredentialVariables = ["BINANCE_API_KEY", "BINANCE_API_SECRET", "BINANCE_PRIVATE_KEY_FILE"]

    static let maximumErrorLength = 1200

    static func text(for error: any Error, service: String, strategy: String) -> String {
        var detail = "\(type(of: error)): \(error)"
        if detail.count > maximumErrorLength { detail = String(detail.prefix(maximumErrorLength - 3)) + "..." }
        return ["Binance strategy run failed", "service: \(service)", "strategy: \(strategy)", "error: \(detail)"].joined(separator: "\n")
    }

    /// Sends the alert when Telegram is configured; says on stderr what happened to it.
    static func send(for error: any Error, environment: [String: String] = ProcessInfo.processInfo.environment) async {
        guard isForBinance(environment) else {
            Console.error("Runtime error alert not sent: a paper cycle (no BINANCE_API_KEY) never messages Telegram.")
            return
        }
        let alert = Settings.lenientAlertSettings(environment)
        guard let bot = alert.telegram.bot else {
            Console.error("Runtime error alert not sent: Telegram is not configured (TG_TOKEN, GLOBAL_TELEGRAM_CHAT_ID).")
            return
        }
        let notifier = TelegramNotifier(bot: bot, language: alert.language, retryBudgetSeconds: 5)
        let receipt = await notifier.send(text(for: error, service: alert.service, strategy: alert.strategy))
        Console.error(receipt == .sent ? "Runtime error alert sent to Telegram." : "Runtime error alert could not be delivered (\(receipt)).")
    }

    /// Whether the environment describes a Binance cycle (a credential variable is set, even if malformed).
    static func isForBinance(_ environment: [String: String]) -> Bool {
        let reader = EnvironmentReader(environment: environment)
        return binanceCredentialVariables.contains { reader.string($0) != nil }
    }
}
