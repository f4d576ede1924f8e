import Engine
import Foundation
import LocalStore

/// The deployment's store as a command opened it: the port every command reads and writes
/// through, and — with the local store only — its SQLite database (files to watch, the paper
/// wallet, report files beside it). With Firestore there is no database and no folder.
struct OpenedStore {
    let store: any DeploymentStore
    let database: StateDatabase?

    /// The folder report files are kept in (under `reports/`): the state folder with the local
    /// store, none with Firestore (the runner keeps nothing).
    func reportFolder(_ stateFolder: URL) -> URL? {
        database == nil ? nil : stateFolder
    }
}
