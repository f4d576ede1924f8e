import ArgumentParser
import Binance
import Engine
import Foundation
import LocalStore
import Paper

/// `cycle reconcile`: what the state believes vs the account, never trading (docs/commands.md#evidence-for-operators).
/// Exit 0 only when every check agrees.
struct Reconcile: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare the state with the exchange (positions, untracked coins, the last day's journaled orders); exit 0 only when they agree."
    )
    @OptionGroup var store: StoreOptions
    @Flag(help: "Print {is_ok, checked_at, account, failures, checks} as JSON.")
    var json = false
    @Option(help: "Paper clock, ISO-8601 (default: noon UTC of the bundled data's last day, as `cycle run`).")
    var now: String?

    func validate() throws {
        if let now, Date.parseISO8601(now) == nil { throw ValidationError("--now '\(now)' is not ISO-8601") }
    }

    func run() async throws {
        let access = try await StateAccess(options: store)
        let settings = access.settings
        let paperWallet = try access.paperWallet()
        let account = access.store.accountName
        if paperWallet == nil, settings.venue == .paper {
            Console.error("Account \(account) trades on Binance: reconciling it needs BINANCE_API_KEY and its secret or key file "
                + "(read-only permission is enough). Nothing was checked.")
            throw CycleExit.configuration
        }
        let exchange: any Exchange
        do {
            if let paperWallet {
                let market = try PaperSession.locateMarket(settings.paper)
                let clock = now.flatMap(Date.parseISO8601) ?? market.lastDay?.addingTimeInterval(PaperSession.defaultHourOfLastDay) ?? Date()
                exchange = PaperExchange(wallet: paperWallet, market: market, now: clock)
            } else {
                let binance = BinanceExchange(client: try access.runtime.binanceClient())
                try await binance.connect()
                exchange = binance
            }
        } catch {
            Console.error("\(error) Nothing was checked.")
            throw CycleExit.configuration
        }
        let document = try await access.store.load()
        let entries = try await access.store.recentEntries(since: Date().addingTimeInterval(-Reconciler.journalWindowSeconds))
        // A full check: everything read afresh, and (on Binance) the LD… mirrors cycles read compared with Simple Earn's own list.
        var full = Reconciler.KnownReads()
        full.checksEarnMirror = paperWallet == nil
        let result = await Reconciler(exchange: exchange).reconcile(document: document, recentEntries: entries, account: account, now: Date(), known: full)
        if json {
            print(JSONWriter.string(result.json))
        } else {
            Console.out("Reconciliation of account \(account): \(result.isOk ? "OK" : "\(result.failures.count) failure(s)")")
            for check in result.checks { Console.out("  \(check.name): \(check.checked) checked, \(check.failures) failed") }
            for failure in result.failures { Console.out("  ✗ \(failure.kind.rawValue) \(failure.symbol ?? ""): \(failure.detail)") }
        }
        if !result.isOk { throw CycleExit.error }
    }
}
