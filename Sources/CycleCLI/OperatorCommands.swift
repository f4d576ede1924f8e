import ArgumentParser
import Engine
import Foundation

/// `cycle halt`: the kill switch (SPEC §13.1). Sets the trading mode in the state document
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
        let now = Date()
        let runId = Run.generatedRunId(prefix: "operator")
        let holder = LeaseHolder(runId: runId, host: ProcessInfo.processInfo.hostName, processId: ProcessInfo.processInfo.processIdentifier,
                                 acquiredAt: now, expiresAt: now.addingTimeInterval(120))
        do {
            _ = try await store.acquireLease(LeaseRequest(holder: holder, now: now))
        } catch {
            Console.error("Refused: \(error). The trading mode was not changed; try again when that run has ended.")
            throw CycleExit.aborted
        }
        do {
            try await write(to: store, firestore: access.database == nil, runId: runId, now: now)
        } catch let missing as MissingStateDocumentError {
            try? await store.releaseLease(runId: runId)
            Console.error(missing.description)
            throw CycleExit.configuration
        } catch {
            try? await store.releaseLease(runId: runId)
            Console.error("The trading mode was not changed: \(error)")
            throw CycleExit.aborted
        }
        try? await store.releaseLease(runId: runId)
        let messages = MessageCatalog(language: access.settings.cycle.notifyLanguage)
        _ = await access.peers.notifier.send(messages.text(.tradingModeChanged, [.mode: mode.rawValue, .name: setBy, .detail: reason]))
        let target = access.database == nil ? "the \(store.location)" : "account \(store.accountName)"
        Console.out("Trading mode of \(target) is now \(mode.rawValue) (set by \(setBy): \(reason)).")
    }

    /// The stored document with `operator_control` replaced; a document that cannot be read is
    /// refused (never overwritten), an absent one becomes `{operator_control}`.
    private func write(to store: any DeploymentStore, firestore: Bool, runId: String, now: Date) async throws {
        let stored = try await store.load()
        // No document: this is not what any cycle reads. With local state that is a store whose
        // cycles keep their state in Firestore (this shell lacks STATE_BACKEND=firestore), or an
        // account before its first cycle; with Firestore, a mistyped document path.
        if stored == nil, !createAccount {
            throw MissingStateDocumentError(location: firestore ? store.location : "state document of account \(store.accountName) in the local store",
                                            firestore: firestore)
        }
        _ = try TradeState.normalized(from: stored, universe: [])
        var document = stored?.objectValue ?? [:]
        let control = OperatorControl(mode: mode, reason: reason, setBy: setBy, setAt: now.isoWithOffset)
        document["operator_control"] = .object(control.documentFields)
        let writeReason = "operator_control mode=\(mode.rawValue) by=\(setBy) reason=\(reason)"
        try await store.write(StateWrite(document: .object(document), reason: writeReason, runId: runId, at: now))
    }
}

/// The state document the kill switch would change does not exist, so no cycle reads it.
/// Creating it takes `--create-account`.
struct MissingStateDocumentError: Error, CustomStringConvertible {
    let location: String
    let firestore: Bool
    var description: String {
        "The \(location) does not exist, so no cycle reads it; the trading mode was not changed. "
            + (firestore ? "Check STATE_FIRESTORE_COLLECTION / STATE_FIRESTORE_DOCUMENT"
                : "If cron keeps its state in Firestore, run this with cron's STATE_BACKEND=firestore and Google settings")
            + ", or add --create-account to create it with this mode (an account before its first cycle)."
    }
}
