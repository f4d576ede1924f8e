import Engine
import Foundation

/// `cycle halt` / `cycle resume` (docs/commands.md#trading-modes-staged-exposure-version): the trading mode changed in the state document
/// the cycles read, written like a cycle writes — under the lease (refused while a cycle holds
/// it), with who, when and why in the write history. A document that cannot be read is refused
/// and left untouched; an absent one is created only with `createAccount`.
public struct TradingModeChange: Sendable {
    public let mode: TradingMode
    public let reason: String
    public let setBy: String
    public let createAccount: Bool

    public init(mode: TradingMode, reason: String, setBy: String, createAccount: Bool) {
        self.mode = mode
        self.reason = reason
        self.setBy = setBy
        self.createAccount = createAccount
    }

    /// The reason recorded in the write history.
    public var historyReason: String { "operator_control mode=\(mode.rawValue) by=\(setBy) reason=\(reason)" }

    /// Throws `LeaseHeldError` while a cycle runs, `MissingStateDocumentError` when there is no
    /// document to change, the store's or the document's error otherwise; the lease is always given back.
    public func apply(to store: any DeploymentStore, isFirestore: Bool, runId: String, host: String, processId: Int32, now: Date) async throws {
        let holder = LeaseHolder(runId: runId, host: host, processId: processId, acquiredAt: now, expiresAt: now.addingTimeInterval(120))
        _ = try await store.acquireLease(LeaseRequest(holder: holder, now: now))
        do {
            try await write(to: store, isFirestore: isFirestore, runId: runId, now: now)
        } catch {
            try? await store.releaseLease(runId: runId)
            throw error
        }
        try? await store.releaseLease(runId: runId)
    }

    private func write(to store: any DeploymentStore, isFirestore: Bool, runId: String, now: Date) async throws {
        let stored = try await store.load()
        // No document: this is not what any cycle reads. With local state that is a store whose
        // cycles keep their state in Firestore (this shell lacks STATE_BACKEND=firestore), or an
        // account before its first cycle; with Firestore, a mistyped document path.
        if stored == nil, !createAccount {
            throw MissingStateDocumentError(location: isFirestore ? store.location : "state document of account \(store.accountName) in the local store",
                                            firestore: isFirestore)
        }
        _ = try TradeState.normalized(from: stored, universe: [])
        var document = stored?.objectValue ?? [:]
        let control = OperatorControl(mode: mode, reason: reason, setBy: setBy, setAt: now.isoWithOffset)
        document["operator_control"] = .object(control.documentFields)
        try await store.write(StateWrite(document: .object(document), reason: historyReason, runId: runId, at: now))
    }
}

/// The state document the kill switch would change does not exist, so no cycle reads it.
/// Creating it takes `--create-account`.
public struct MissingStateDocumentError: Error, CustomStringConvertible {
    public let location: String
    public let firestore: Bool
    public var description: String {
        "The \(location) does not exist, so no cycle reads it; the trading mode was not changed. "
            + (firestore ? "Check STATE_FIRESTORE_COLLECTION / STATE_FIRESTORE_DOCUMENT"
                : "If cron keeps its state in Firestore, run this with cron's STATE_BACKEND=firestore and Google settings")
            + ", or add --create-account to create it with this mode (an account before its first cycle)."
    }
}
