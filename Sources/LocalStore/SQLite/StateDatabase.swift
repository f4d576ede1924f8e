import Engine
import Foundation
import Logging
import GRDB

/// The embedded store's SQLite file (WAL mode, named migrations; `sqlTrace` logs every statement). One file holds the state
/// document per account, its write history, execution reports, the order journal, the lease,
/// and the paper exchange's wallet.
public struct StateDatabase: Sendable {
    public static let fileName = "cycle.sqlite"

    public let writer: any DatabaseWriter
    /// Where the file lives (":memory:" for tests).
    public let path: String
    /// The OS-level lock beside an on-disk store (nil in memory and for read-only copies).
    public let fileLock: StoreFileLock?
    /// The files SQLite opened for an on-disk store, to notice them removed under a running cycle (nil in memory and for copies).
    public let filesWatch: StoreFilesWatch?

    /// Opens (creating when absent) `directory/cycle.sqlite`. A file that is not a readable
    /// SQLite database throws `StateDatabaseError` and is not modified. SQLite's busy wait
    /// blocks its thread, so each attempt runs on a Dispatch thread, never on the cooperative
    /// pool; the pause between attempts is a cancellable `Task.sleep`.
    public static func open(directory: URL, sqlTrace trace: Bool = false) async throws -> StateDatabase {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StateDatabaseError(path: directory.path, problem: "the folder cannot be created (\(error.localizedDescription))",
                                     remedy: "point CYCLE_STATE_DIR (or --state-dir) at a writable folder")
        }
        let path = directory.appendingPathComponent(fileName).path
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                if trace {
                    let logger = Logger(label: "cycle.sql")
                    db.trace { logger.trace("sql", metadata: ["sql.statement": .string("\($0)")]) }
                }
                // A no-op on a database already in WAL mode; fails (writing nothing) on a file that is not one.
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
            // A queue, not a pool: opening a pool writes to the file (GRDB's WAL set-up), and a
            // store that turns out to be unreadable must stay byte-identical. Other processes
            // are serialized by SQLite's locks and the busy timeout.
            let finalConfiguration = configuration
            return try await openRetryingWhileBusy {
                try StateDatabase(writer: try DatabaseQueue(path: path, configuration: finalConfiguration), path: path,
                                  fileLock: StoreFileLock(directory: directory), checkIntegrity: true, watchFiles: true)
            }
        } catch let error as StateDatabaseError {
            throw error
        } catch {
            throw StateDatabaseError.opening(path: path, error)
        }
    }

    /// Another process opening the same file at the same moment can make the WAL switch answer
    /// SQLITE_BUSY without waiting (the schema itself is applied atomically, see `StoreSchema`).
    /// That is contention, not corruption, so the open is retried for up to 10 s before it is
    /// reported.
    private static func openRetryingWhileBusy(_ open: @escaping @Sendable () throws -> StateDatabase) async throws -> StateDatabase {
        let deadline = Date().addingTimeInterval(10)
        while true {
            do {
                return try await offThePool(open)
            } catch let error as DatabaseError where isContention(error) && Date() < deadline {
                try await Task.sleep(nanoseconds: 100_000_000)
            }
        }
    }

    /// Runs blocking work on a Dispatch thread and resumes with its result.
    private static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    private static func isContention(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    /// A private in-memory copy of `directory/cycle.sqlite` for runs that must write nothing (a
    /// dry run, `validate-only`, `backtest --compare-paper`). The store runs in WAL mode and a
    /// cycle's last writes usually sit in `cycle.sqlite-wal` when it exits, so the database and
    /// its WAL are copied (read only) into a private temporary folder, opened there (SQLite
    /// replays the committed WAL frames; a half-written last frame is ignored by its checksum),
    /// and copied into memory; the temporary folder is removed. Nothing is created, locked or
    /// changed in `directory`; a missing file gives an empty store.
    public static func readOnlySnapshot(directory: URL) throws -> StateDatabase {
        let path = directory.appendingPathComponent(fileName).path
        let copy = try DatabaseQueue()
        if FileManager.default.fileExists(atPath: path) {
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cycle-snapshot-\(UUID().uuidString)", isDirectory: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            do {
                try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
                let scratchPath = scratch.appendingPathComponent(fileName).path
                // The WAL first: frames appended after this copy are simply not in the snapshot.
                if FileManager.default.fileExists(atPath: path + "-wal") {
                    try FileManager.default.copyItem(atPath: path + "-wal", toPath: scratchPath + "-wal")
                }
                try FileManager.default.copyItem(atPath: path, toPath: scratchPath)
                let source = try DatabaseQueue(path: scratchPath)
                try source.backup(to: copy)
                try source.close()
            } catch {
                throw StateDatabaseError(path: path, problem: "cannot be read (\(error))",
                                         remedy: "the file was left untouched; check its permissions, or restore it from a backup")
            }
        }
        return try StateDatabase(writer: copy, path: path + " (read-only copy)")
    }

    /// Whether a cycle could create or write the store in `directory`, without creating anything:
    /// the folder (or its nearest existing parent) must be a writable folder. nil when it could.
    public static func folderProblem(_ directory: URL) -> String? {
        let files = FileManager.default
        var candidate = directory.standardizedFileURL
        while true {
            var isDirectory: ObjCBool = false
            if files.fileExists(atPath: candidate.path, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else { return "\(candidate.path) is a file, not a folder" }
                return files.isWritableFile(atPath: candidate.path) ? nil : "\(candidate.path) is not writable"
            }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path { return "no part of \(directory.path) exists" }
            candidate = parent
        }
    }

    /// An in-memory database with the same schema, for tests.
    /// Applies another module's schema steps to this store (once; later calls only read), in
    /// one transaction, the way the store's own are applied.
    public func ensureSchema(_ steps: [SchemaMigration]) throws {
        try StoreSchema.apply(steps, to: writer)
    }

    public static func inMemory() throws -> StateDatabase {
        try StateDatabase(writer: DatabaseQueue(), path: ":memory:")
    }

    init(writer: any DatabaseWriter, path: String, fileLock: StoreFileLock? = nil, checkIntegrity: Bool = false, watchFiles: Bool = false) throws {
        self.writer = writer
        self.path = path
        self.fileLock = fileLock
        try writer.read { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
        if checkIntegrity { try Self.checkIntegrity(writer, path: path) }
        try StoreSchema.apply(to: writer)
        // After the first read the -wal and -shm exist (in WAL mode): the files are recorded as opened.
        if watchFiles {
            let mode = try writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            filesWatch = StoreFilesWatch(databasePath: path, walMode: mode?.lowercased() == "wal")
        } else {
            filesWatch = nil
        }
    }

    /// `PRAGMA quick_check` (milliseconds on a store this size): a damaged page in any table is
    /// refused at open, before anything reads or writes on top of it.
    static func checkIntegrity(_ writer: any DatabaseWriter, path: String) throws {
        let findings = try writer.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
        guard findings != ["ok"] else { return }
        throw StateDatabaseError(
            path: path, problem: "is damaged (SQLite quick_check: \(findings.prefix(3).joined(separator: "; ")))",
            remedy: "the file was left untouched; copy it aside, then restore the last good state with `cycle state import FILE` "
                + "from an export or backup (the exchange's balances are re-read by the next cycle)"
        )
    }
}

/// The state database cannot be used; nothing was traded and the file was not changed.
public struct StateDatabaseError: Error, CustomStringConvertible {
    public let path: String
    public let problem: String
    public let remedy: String
    public var description: String { "State database \(path) \(problem). Nothing was traded; \(remedy)." }
}

extension StateDatabaseError {
    /// Three different causes, three different remedies; none of them tells an operator to throw
    /// a good database away.
    static func opening(path: String, _ error: any Error) -> StateDatabaseError {
        let code = (error as? DatabaseError)?.resultCode
        switch code {
        case .SQLITE_READONLY?, .SQLITE_PERM?, .SQLITE_CANTOPEN?, .SQLITE_AUTH?:
            return StateDatabaseError(path: path, problem: "cannot be opened for writing (\(error))",
                                      remedy: "the file is fine and was not changed; make the state folder and file writable for the user cron runs as")
        case .SQLITE_FULL?, .SQLITE_IOERR?:
            return StateDatabaseError(path: path, problem: "cannot be written: the disk is full or failing (\(error))",
                                      remedy: "nothing was lost; free space on the disk (or fix the disk), then let the next cycle run")
        default:
            return StateDatabaseError(path: path, problem: "is not a readable state database (\(error))",
                                      remedy: "the file was left untouched; copy it aside and restore the last good state with `cycle state import FILE` "
                                        + "from an export or backup (moving it away instead starts over without state or order journal)")
        }
    }
}
