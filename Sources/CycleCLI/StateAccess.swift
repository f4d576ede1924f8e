import Engine
import Foundation
import LocalStore
import Paper

/// The deployment's store opened for an operator command, the one cron's cycles use: Firestore
/// with `STATE_BACKEND=firestore` (nothing is read from this runner's disk), else the local store
/// and the account cron trades in it (`Runtime.operatorStore`). An unreadable store exits 2
/// untouched; a wrong account or setting exits 64 with the remedy.
struct StateAccess {
    let runtime: Runtime
    let opened: OpenedStore
    /// The peers (alerts), which opening the store already required to be usable.
    let peers: Peers

    init(options: StoreOptions, intent: AccountChoice.Intent = .read, requested: String? = nil) async throws {
        runtime = try Runtime.load(options)
        opened = try await runtime.operatorStore(intent: intent, requested: requested)
        peers = try runtime.peers()
    }

    var store: any DeploymentStore { opened.store }
    /// The local store's database; nil with Firestore.
    var database: StateDatabase? { opened.database }
    var settings: Settings { runtime.settings }

    /// The paper wallet when this is the local store's paper account.
    func paperWallet() throws -> PaperWallet? {
        guard let local = store as? SQLiteStateStore, local.account == PaperSession.account else { return nil }
        return try PaperWallet(database: local.database)
    }

    /// The folder kept report files are in (`reports/` beside the local store); none with Firestore.
    var reportsFolder: URL? {
        opened.reportFolder(runtime.stateFolder)?.appendingPathComponent("reports")
    }

    /// Whether a cycle has left anything for this command to read: with the local store, its file.
    static func storeExists(_ runtime: Runtime) -> Bool {
        runtime.storeIsFirestore || runtime.options.storeExists(runtime.settings)
    }

    func loadOrExit() async throws -> JSONValue? {
        do {
            return try await store.load()
        } catch {
            Console.error("\(error)")
            throw CycleExit.aborted
        }
    }
}
