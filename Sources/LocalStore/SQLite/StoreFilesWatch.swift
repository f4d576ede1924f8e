import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The files SQLite holds open for an on-disk store — `cycle.sqlite`, `cycle.sqlite-wal`,
/// `cycle.sqlite-shm` — as they were when this process opened them (device and inode of each).
///
/// A cleanup or backup script that deletes or moves the `-wal` under a running cycle does not
/// stop SQLite: the connection keeps writing into the unlinked file, and everything in it
/// (this run's state, journal and report, and any earlier write not yet checkpointed) vanishes
/// when the process exits. A removed `-shm` lets the next process build a second, different
/// index of the same WAL. SQLite does not report either, so the store compares each path with
/// what it opened before every order (the fence), after every state write and before the
/// report is kept. Only `stat` is used (it follows a symbolic link to the file SQLite opened):
/// opening and closing one of these files here would drop SQLite's POSIX locks on it. While
/// SQLite holds a file open its inode cannot be reused, so a different device/inode (or none)
/// at the path means the file was removed or replaced.
public struct StoreFilesWatch: Sendable {
    struct Identity: Equatable, Sendable {
        var device: UInt64
        var inode: UInt64
    }

    /// Path → identity when opened (nil: already gone then).
    let opened: [(path: String, identity: Identity?)]

    /// Records the database file and, in WAL mode, its `-wal` and `-shm`: SQLite keeps both
    /// while a connection is open, so one missing already was removed between SQLite's open and this.
    public init(databasePath: String, walMode: Bool) {
        let paths = walMode ? [databasePath, databasePath + "-wal", databasePath + "-shm"] : [databasePath]
        opened = paths.map { ($0, Self.identity(of: $0)) }
    }

    /// What happened to each file that is no longer the one opened, e.g. `cycle.sqlite-wal was removed`; empty when all are in place.
    public func problems() -> [String] {
        opened.compactMap { file in
            let name = (file.path as NSString).lastPathComponent
            guard let then = file.identity, let now = Self.identity(of: file.path) else { return "\(name) was removed" }
            return now == then ? nil : "\(name) was replaced by another file"
        }
    }

    static func identity(of path: String) -> Identity? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Identity(device: UInt64(truncatingIfNeeded: status.st_dev), inode: UInt64(truncatingIfNeeded: status.st_ino))
    }
}
