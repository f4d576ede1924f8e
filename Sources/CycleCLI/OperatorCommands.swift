import ArgumentParser
import Engine
import Operations
import Foundation

/// `cycle halt`: the kill switch (docs/commands.md#trading-modes-staged-exposure-version). Sets the trading mode in the state document
/// (local store or Firestore, wherever the cycles keep it) under the lease, records who, when
/// and why in the write history, alerts, and prints the new mode.
struct Halt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stop trading: halt (no exchange call at all), no_new_entries (sells only) or exit_only (sell every trend position).",
        discussion: "Refused (exit 2, naming the holder) while a cycle holds the lease; try again when it ends."
    )
    @OptionGroup var store: StoreOptions
    @Option(help: "halt (default), no_new_entries or exit_only.")
    var mode = TradingMode.halt.rawValue
    @Option(help: "Why trading stops; recorded in the state history and in the alert.")
    var reason: String
    @Option(help: "Who stops it (default: $USER).")
    var by: String?
    @Flag(help: "Act on --account even though the store has no document and no cycle for it yet (halt an account before its first cycle).")
    var createAccount = false

    func validate() throws {
        guard let chosen = TradingMode(rawValue: mode), chosen != .run else {
            throw ValidationError("--mode must be halt, no_new_entries or exit_only (use `cycle resume` to trade again)")
        }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--reason must say why") }
    }

    func run() async throws {
        let setBy = by ?? ProcessInfo.processInfo.environment["USER"] ?? "operator"
        try await OperatorControlChange(mode: TradingMode(rawValue: mode) ?? .halt, reason: reason, setBy: setBy, createAccount: createAccount).apply(store)
    }
}

/// `cycle resume`: back to `run`, on an operator's name.
struct Resume: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Trade again after `cycle halt` (mode run); the name is recorded.")
    @OptionGroup var store: StoreOptions
    @Option(help: "Who authorizes trading again; recorded in the state history and in the alert.")
    var authorizedBy: String
    @Option(help: "Why (default: resumed).")
    var reason = "resumed"
    @Flag(help: "Act on --account even though the store has no document and no cycle for it yet.")
    var createAccount = false

    func validate() throws {
        guard !authorizedBy.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--authorized-by must name someone") }
    }

    func run() async throws {
        try await OperatorControlChange(mode: .run, reason: reason, setBy: authorizedBy, createAccount: createAccount).apply(store)
    }
}

/// One change of the trading mode, written like a cycle writes: under the lease, on the account
/// cron trades (`AccountChoice`; with Firestore state, the Firestore document, which must exist).
struct OperatorControlChange {
    let mode: TradingMode
    let reason: String
    let setBy: String
    let createAccount: Bool

    func apply(_ options: StoreOptions) async throws {
        let access = try await StateAccess(options: options, intent: .write(creating: createAccount))
        let store = access.store
        let change = TradingModeChange(mode: mode, reason: reason, setBy: setBy, createAccount: createAccount)
        do {
            try await change.apply(to: store, isFirestore: access.database == nil, runId: Run.generatedRunId(prefix: "operator"),
                                   host: ProcessInfo.processInfo.hostName, processId: ProcessInfo.processInfo.processIdentifier, now: Date())
        } catch let held as LeaseHeldError {
            Console.error("Refused: \(held). The trading mode was not changed; try again when that run has ended.")
            throw CycleExit.aborted
        } catch let missing as MissingStateDocumentError {
            Console.error(missing.description)
            throw CycleExit.configuration
        } catch {
            Console.error("The trading mode was not changed: \(error)")
            throw CycleExit.aborted
        }
        let messages = MessageCatalog(language: access.settings.cycle.notifyLanguage)
        _ = await access.peers.notifier.send(messages.text(.tradingModeChanged, [.mode: mode.rawValue, .name: setBy, .detail: reason]))
        let target = access.database == nil ? "the \(store.location)" : "account \(store.accountName)"
        Console.out("Trading mode of \(target) is now \(mode.rawValue) (set by \(setBy): \(reason)).")
    }
}

