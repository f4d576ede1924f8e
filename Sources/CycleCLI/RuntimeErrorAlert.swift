import Engine
import Foundation
import Telegram

/// The alert sent when a cycle cannot even start (bad configuration, unusable key file, store
/// that cannot be opened), so a cron job that fails before its first step is not silent.
/// It reads the Telegram settings leniently: a configuration error elsewhere must not hide it.
enum RuntimeErrorAlert {
    static let maximumErrorLength = 1200

    static func text(for error: any Error, environment: [String: String]) -> String {
        var detail = "\(type(of: error)): \(error)"
        if detail.count > maximumErrorLength { detail = String(detail.prefix(maximumErrorLength - 3)) + "..." }
        let service = environment["SERVICE_NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? Config.defaults.serviceName
        let strategy = environment["STRATEGY_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "<unset>"
        return ["Binance strategy run failed", "service: \(service)", "strategy: \(strategy)", "error: \(detail)"].joined(separator: "\n")
    }

    /// Sends the alert when Telegram is configured; says on stderr what happened to it.
    static func send(for error: any Error, environment: [String: String] = ProcessInfo.processInfo.environment) async {
        let token = environment["TG_TOKEN"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let chat = environment["GLOBAL_TELEGRAM_CHAT_ID"]?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !token.isEmpty, !chat.isEmpty,
              let bot = Peers.telegramBot(Config.TelegramTarget(token: token, chatId: chat),
                                          baseURL: environment["TELEGRAM_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? Config.defaults.telegramBaseURL) else {
            Console.error("Runtime error alert not sent: Telegram is not configured (TG_TOKEN, GLOBAL_TELEGRAM_CHAT_ID).")
            return
        }
        let language: Config.Language = environment["NOTIFY_LANG"]?.lowercased() == "zh" ? .zh : .en
        let receipt = await TelegramNotifier(bot: bot, language: language, retryBudgetSeconds: 5).send(text(for: error, environment: environment))
        Console.error(receipt == .sent ? "Runtime error alert sent to Telegram." : "Runtime error alert could not be delivered (\(receipt)).")
    }
}
