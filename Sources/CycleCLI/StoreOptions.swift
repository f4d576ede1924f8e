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
