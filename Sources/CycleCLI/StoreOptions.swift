import ArgumentParser
import Engine
import Foundation
import Logging
import LocalStore

/// Where the embedded store lives and which account in it; shared by `run` and `state`.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("state-dir"), help: "Folder of the local store (default: $CYCLE_STATE_DIR, else ./state).")
    var stateDirectory: String?

    @Option(help: "Account in the store. A cycle: paper without Binance credentials, else binance. Operator commands: the store's only account; required when it holds several.")
    var account: String?

    /// `--state-dir`, else `CYCLE_STATE_DIR`, else `./state`.
    func directory(_ settings: Settings) -> URL {
        URL(fileURLWithPath: stateDirectory ?? settings.store.directory ?? "state", isDirectory: true)
    }

    /// The account a cycle runs on: `--account`, else the one the environment implies.
    func accountKey(_ settings: Settings) -> String {
        account ?? environmentAccount(settings)
    }

    /// paper without Binance credentials, else binance.
    func environmentAccount(_ settings: Settings) -> String {
        settings.venueAccount
    }

    /// The store and the account an operator command acts on (`AccountChoice`): the account cron
    /// trades, or exit 64 naming the accounts present. `requested` overrides `--account`.
    func operatorStore(_ settings: Settings, intent: AccountChoice.Intent, requested: String? = nil) async throws -> SQLiteStateStore {
        // An operator command never creates a store by accident: a mistyped or missing folder
        // would otherwise be a new, empty store that nobody trades.
        let file = directory(settings).appendingPathComponent(StateDatabase.fileName)
        if intent != .write(creating: true), !FileManager.default.fileExists(atPath: file.path) {
            Console.error(Self.noStoreMessage(file) + (intent == .read ? "" : " To act on an account before its first cycle, add --create-account."))
            throw CycleExit.configuration
        }
        let database = try await openDatabase(settings)
        let present: [String]
        do {
            present = try await database.accounts()
        } catch {
            Console.error("The store \(database.path) cannot be read (\(error)); nothing was done.")
            throw CycleExit.aborted
        }
        do {
            let choice = try AccountChoice.resolve(requested: requested ?? account, present: present, environmentDefault: environmentAccount(settings),
                                                   environmentIsExplicit: settings.venue == .binance, intent: intent, storePath: database.path)
            return SQLiteStateStore(database: database, account: choice.account)
        } catch {
            Console.error(error.description)
            throw CycleExit.configuration
        }
    }

    static func noStoreMessage(_ file: URL) -> String {
        "There is no state store at \(file.path); nothing was done. Is this the folder cron uses (CYCLE_STATE_DIR or --state-dir)? "
            + "If cron keeps its state in Firestore, run this with cron's STATE_BACKEND=firestore and Google settings (no folder is needed then)."
    }

    /// Whether the store's file exists (an operator command never creates it by accident).
    func storeExists(_ settings: Settings) -> Bool {
        FileManager.default.fileExists(atPath: directory(settings).appendingPathComponent(StateDatabase.fileName).path)
    }

    /// A private in-memory copy of the store (dry run, validate-only); the folder is not touched.
    func snapshotDatabase(_ settings: Settings) throws -> StateDatabase {
        do {
            return try StateDatabase.readOnlySnapshot(directory: directory(settings))
        } catch {
            Console.error("\(error)")
            throw CycleExit.aborted
        }
    }

    /// Opens the database; a store that cannot be opened exits 2 with the remedy, untouched.
    /// `forCycle`: also one that cannot be written (a cycle would fail at its first write).
    func openDatabase(_ settings: Settings, forCycle: Bool = false) async throws -> StateDatabase {
        do {
            let database = try await StateDatabase.open(directory: directory(settings), sqlTrace: settings.store.sqlTrace)
            if forCycle, let problem = database.writeProblem() { throw problem }
            return database
        } catch {
            Console.error("\(forCycle ? StateDatabase.openingProblem(error, directory: directory(settings)) : error)")
            throw CycleExit.aborted
        }
    }
}

/// Writes to the terminal; stdout for results, stderr for problems.
/// What the CLI says to the operator on stderr and stdout. Stderr goes through the log handler,
/// so with CYCLE_LOG_FORMAT=json it is JSON lines too (the text as `msg`).
enum Console {
    static func error(_ text: String) {
        Logger(label: CycleLogHandler.consoleLabel).notice("\(text)")
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
