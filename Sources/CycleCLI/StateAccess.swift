import Engine
import Foundation
import LocalStore
import Paper

/// Opens the deployment's store for an operator command, the one cron's cycles use: Firestore
/// with `STATE_BACKEND=firestore` (nothing is read from this runner's disk), else the local store
/// and the account cron trades in it (`StoreOptions.operatorStore`). An unreadable store exits 2
/// untouched; a wrong account or setting exits 64 with the remedy.
struct StateAccess {
    let store: any DeploymentStore
    /// The local store's database; nil with Firestore.
    let database: StateDatabase?
    let settings: Settings
    let peers: Peers

    init(options: StoreOptions, intent: AccountChoice.Intent = .read, requested: String? = nil) async throws {
        settings = try Settings.load()
        do {
            peers = try Peers.configured(settings)
        } catch {
            Console.error("\(error) Nothing was done.")
            throw CycleExit.configuration
        }
        if let firestore = peers.firestoreStore {
            if let account = requested ?? options.account {
                Console.error("--account \(account) names an account of the local store; with STATE_BACKEND=firestore the account is the document "
                    + "\(firestore.path) (STATE_FIRESTORE_COLLECTION / STATE_FIRESTORE_DOCUMENT). Nothing was done.")
                throw CycleExit.configuration
            }
            store = firestore
            database = nil
        } else {
            let local = try await options.operatorStore(settings, intent: intent, requested: requested)
            store = local
            database = local.database
        }
    }

    /// The paper wallet when this is the local store's paper account.
    var paperWallet: PaperWallet? {
        guard let local = store as? SQLiteStateStore, local.account == PaperSession.account else { return nil }
        return PaperWallet(database: local.database)
    }

    /// Whether a cycle has left anything for this command to read: with the local store, its file.
    static func storeExists(_ options: StoreOptions, _ settings: Settings) -> Bool {
        settings.firestore.stateBackend == .firestore || options.storeExists(settings)
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
