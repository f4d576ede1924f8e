import Binance
import Engine
import Firestore
import Foundation
import LocalStore
import Paper
import Telegram

/// Every environment variable `cycle` reads, read here, once, when a command starts: the
/// cycle's `Config` and each adapter's own settings. A malformed value is a configuration
/// error naming the variable (exit 64).
struct Settings: Sendable {
    var cycle: Config
    var log: LogSettings
    var binance: BinanceSettings
    var firestore: FirestoreSettings
    var telegram: TelegramSettings
    var store: StoreSettings
    var paper: PaperSettings
    /// `CYCLE_DEADLINE_SECONDS`: the most a whole cycle may take (default 600, below the lease's 900).
    var deadlineSeconds: Int
    /// `CYCLE_RETENTION_DAYS`: reports, write history and settled journal entries older than this are pruned (default 90).
    var retentionDays: Int
    /// `HEALTHCHECK_PING_URL`: requested after each cycle (`/fail` appended unless it ended ok).
    var healthcheckPingURL: String?
    var testHooks: TestHooks

    /// Where cycles trade, decided here and nowhere else: on Binance when its credentials are
    /// set, else on the paper exchange.
    enum Venue: Sendable { case paper, binance }

    var venue: Venue { binance.credentials == nil ? .paper : .binance }

    /// The account a cycle of this venue runs on in the local store (`--account` overrides it).
    var venueAccount: String { venue == .paper ? PaperSession.account : "binance" }

    static func parse(_ environment: [String: String]) throws -> Settings {
        let reader = EnvironmentReader(environment: environment)
        return Settings(
            cycle: try Config.parse(reader), log: try LogSettings.parse(reader), binance: try BinanceSettings.parse(reader),
            firestore: try FirestoreSettings.parse(reader), telegram: try TelegramSettings.parse(reader),
            store: try StoreSettings.parse(reader), paper: try PaperSettings.parse(reader),
            deadlineSeconds: try reader.int("CYCLE_DEADLINE_SECONDS", default: 600, within: 1...86_400),
            retentionDays: try reader.int("CYCLE_RETENTION_DAYS", default: 90, within: 1...36_500),
            healthcheckPingURL: reader.string("HEALTHCHECK_PING_URL") == nil ? nil : try reader.httpURL("HEALTHCHECK_PING_URL", default: "", allowingPath: true),
            testHooks: TestHooks.parse(reader)
        )
    }

    /// The process's settings; a configuration error is printed and exits 64.
    static func load() throws -> Settings {
        do {
            return try parse(ProcessInfo.processInfo.environment)
        } catch let error as ConfigurationError {
            Console.error(error.description)
            throw CycleExit.configuration
        }
    }

    /// What the runtime error alert needs when the settings themselves did not parse: read
    /// leniently, so a malformed variable elsewhere cannot silence the alert.
    static func lenientAlertSettings(_ environment: [String: String]) -> (telegram: TelegramSettings, language: Config.Language,
                                                                          service: String, strategy: String) {
        let reader = EnvironmentReader(environment: environment)
        var telegram = TelegramSettings()
        if let token = reader.string("TG_TOKEN"), let chat = reader.string("GLOBAL_TELEGRAM_CHAT_ID") {
            telegram.target = TelegramSettings.Target(token: token, chatId: chat)
        }
        telegram.baseURL = (try? reader.httpURL("TELEGRAM_BASE_URL", default: telegram.baseURL)) ?? telegram.baseURL
        return (telegram, (try? reader.language("NOTIFY_LANG")) ?? .en,
                reader.string("SERVICE_NAME") ?? Config.defaults.serviceName, reader.string("STRATEGY_PROFILE") ?? "<unset>")
    }
}

/// Switches only the end-to-end tests set (shorter HTTP timeouts and `-2013` backoff, fault
/// injection). Read only by debug builds (`CYCLE_TEST_HOOKS`, Package.swift): a release build
/// has no code that reads `CYCLE_TEST_*`, so these are always off in what operators run.
struct TestHooks: Sendable {
    var httpTimeoutSeconds: Double?
    var shortWaits = false
    var fault: TestFault?
    /// `CYCLE_TEST_DELETE_AFTER_ORDER`: a file to remove right after the first accepted order.
    var deleteAfterOrder: String?

    static func parse(_ reader: EnvironmentReader) -> TestHooks {
        #if CYCLE_TEST_HOOKS
        TestHooks(httpTimeoutSeconds: reader.string("CYCLE_TEST_HTTP_TIMEOUT_SECONDS").flatMap(Double.init),
                  shortWaits: reader.string("CYCLE_TEST_SHORT_WAITS") == "1",
                  fault: reader.string("CYCLE_TEST_FAULT").flatMap(TestFault.init(rawValue:)),
                  deleteAfterOrder: reader.string("CYCLE_TEST_DELETE_AFTER_ORDER"))
        #else
        TestHooks()
        #endif
    }

    /// The exchange, wrapped with the fault injection when a debug build's test asked for it.
    func wrap(_ exchange: any Exchange) -> any Exchange {
        #if CYCLE_TEST_HOOKS
        FaultInjectingExchange.wrap(exchange, fault: fault, deleteAfterOrder: deleteAfterOrder)
        #else
        exchange
        #endif
    }
}

/// `CYCLE_TEST_FAULT` values (debug builds only).
/// - `kill-after-order`: SIGKILL right after the exchange accepted the first order, before the
///   engine records the answer or writes state — the worst moment for a crash.
/// - `slow-market`: reading balances takes 2 s, so a second process meets a held lease.
enum TestFault: String, Sendable {
    case killAfterOrder = "kill-after-order"
    case slowMarket = "slow-market"
    /// Every order's answer comes back 0.5 s after the order was accepted: a window in which an
    /// outside SIGKILL meets the cycle waiting in its effect loop for an order it already sent.
    case slowOrderAnswers = "slow-order-answers"
}
