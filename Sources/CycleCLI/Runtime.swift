import Binance
import Engine
import Foundation
import LocalStore
import Logging
import Signing

/// The composition root. A command builds one `Runtime` from the process's settings and its
/// `--state-dir` / `--account` options, and takes every part from it: where cycles trade
/// (`venue`), the Binance client, the peers (Firestore, Telegram) and the deployment's store,
/// opened as the command needs it (a cycle's, a dry run's private copy, an operator's, a
/// pre-flight's). "Paper or Binance" and "local store or Firestore" are decided here and in
/// `Settings`, nowhere else.
struct Runtime {
    let settings: Settings
    let options: StoreOptions
    /// The peers the settings name, configured once; a Google key that cannot be used is kept
    /// as the error, so only the commands that need the peers fail on it (a paper cycle does not).
    private let configuredPeers: Result<Peers, any Error>

    init(settings: Settings, options: StoreOptions) {
        self.settings = settings
        self.options = options
        configuredPeers = Result { try Peers.configured(settings) }
    }

    /// The process's settings (exit 64 naming the variable when one is malformed).
    static func load(_ options: StoreOptions) throws -> Runtime {
        Runtime(settings: try Settings.load(), options: options)
    }

    var venue: Settings.Venue { settings.venue }
    /// The local store's folder: `--state-dir`, else `CYCLE_STATE_DIR`, else `./state`.
    var stateFolder: URL { options.directory(settings) }
    /// The account a cycle runs on: `--account`, else the venue's.
    var account: String { options.accountKey(settings) }
    /// Whether the deployment's store is Firestore (`STATE_BACKEND=firestore`): nothing on this runner's disk.
    var storeIsFirestore: Bool { settings.firestore.stateBackend == .firestore }

    /// Throws `GoogleAuthError` when the Google key file cannot be used.
    func peers() throws -> Peers { try configuredPeers.get() }

    /// The signed Binance client the settings describe (unsigned without credentials: public
    /// market data); a key file that cannot be used is a configuration error.
    func binanceClient() throws -> BinanceClient {
        var configuration = BinanceClientConfiguration(baseURL: URL(string: settings.binance.baseURL)!,
                                                       recvWindowMilliseconds: settings.binance.recvWindowMilliseconds)
        if let timeout = settings.testHooks.httpTimeoutSeconds { configuration.timeoutSeconds = timeout }
        if settings.testHooks.shortWaits { configuration.orderLookupDelays = [0.05, 0.1] }
        if let credentials = settings.binance.credentials {
            configuration.apiKey = credentials.apiKey
            if let secret = credentials.apiSecret {
                configuration.signer = .hmac(secret: secret)
            } else if let path = credentials.privateKeyFile {
                configuration.signer = .privateKey(try PrivateKey.load(path: path))
            }
        }
        return BinanceClient(configuration: configuration, logger: Logger(label: "cycle.binance"))
    }

    /// The store a Binance cycle runs on: Firestore with `STATE_BACKEND=firestore` (the runner's
    /// disk is neither read nor written), else the local store — for a dry run a private
    /// read-only copy of it. Throws the problem, with its remedy, when the store cannot be opened.
    func binanceCycleStore(dryRun: Bool) async throws -> OpenedStore {
        if let firestore = try peers().firestoreStore { return OpenedStore(store: firestore, database: nil) }
        do {
            let database = try await localDatabase(dryRun: dryRun)
            return OpenedStore(store: SQLiteStateStore(database: database, account: account), database: database)
        } catch {
            throw StateDatabase.openingProblem(error, directory: stateFolder)
        }
    }

    /// The local store a cycle writes (checked writable), or for a dry run a private read-only copy.
    func localDatabase(dryRun: Bool) async throws -> StateDatabase {
        if dryRun { return try StateDatabase.readOnlySnapshot(directory: stateFolder) }
        let database = try await StateDatabase.open(directory: stateFolder, sqlTrace: settings.store.sqlTrace)
        if let problem = database.writeProblem() { throw problem }
        return database
    }

    /// The store and account an operator command acts on: Firestore's document, or the local
    /// store's account cron trades (`AccountChoice`). Exits 64 for a wrong account or setting,
    /// 2 for an unreadable store, untouched.
    func operatorStore(intent: AccountChoice.Intent, requested: String?) async throws -> OpenedStore {
        let peers: Peers
        do {
            peers = try self.peers()
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
            return OpenedStore(store: firestore, database: nil)
        }
        let local = try await localOperatorStore(intent: intent, requested: requested)
        return OpenedStore(store: local, database: local.database)
    }

    /// The local store's account an operator command acts on (`AccountChoice`): the account cron
    /// trades, or exit 64 naming the accounts present. `requested` overrides `--account`.
    private func localOperatorStore(intent: AccountChoice.Intent, requested: String?) async throws -> SQLiteStateStore {
        // An operator command never creates a store by accident: a mistyped or missing folder
        // would otherwise be a new, empty store that nobody trades.
        let file = stateFolder.appendingPathComponent(StateDatabase.fileName)
        if intent != .write(creating: true), !FileManager.default.fileExists(atPath: file.path) {
            Console.error(StoreOptions.noStoreMessage(file) + (intent == .read ? "" : " To act on an account before its first cycle, add --create-account."))
            throw CycleExit.configuration
        }
        let database: StateDatabase
        do {
            database = try await StateDatabase.open(directory: stateFolder, sqlTrace: settings.store.sqlTrace)
        } catch {
            Console.error("\(error)")
            throw CycleExit.aborted
        }
        let present: [String]
        do {
            present = try await database.accounts()
        } catch {
            Console.error("The store \(database.path) cannot be read (\(error)); nothing was done.")
            throw CycleExit.aborted
        }
        do {
            let choice = try AccountChoice.resolve(requested: requested ?? options.account, present: present, environmentDefault: settings.venueAccount,
                                                   environmentIsExplicit: venue == .binance, intent: intent, storePath: database.path)
            return SQLiteStateStore(database: database, account: choice.account)
        } catch {
            Console.error(error.description)
            throw CycleExit.configuration
        }
    }

    /// What `validate-only` reads: Firestore, or a private read-only copy of the local store
    /// (nothing in the folder is created or changed).
    func inspectionStore() throws -> any DeploymentStore {
        if let firestore = try peers().firestoreStore { return firestore }
        return SQLiteStateStore(database: try StateDatabase.readOnlySnapshot(directory: stateFolder), account: account)
    }

    /// Where the deployment's store is, as the operator would look for it.
    var storeLocation: String {
        storeIsFirestore ? "Firestore \(settings.firestore.statePath)" : stateFolder.appendingPathComponent(StateDatabase.fileName).path
    }
}
