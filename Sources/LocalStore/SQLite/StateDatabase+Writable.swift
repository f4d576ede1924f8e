import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StateDatabase {
    /// nil when a cycle can write everything it keeps here: the folder, the database and its
    /// `-wal`/`-shm` files, the lock and `reports/`. SQLite opens a write-protected file
    /// read-only without a word, and the first write would then fail mid-cycle, so a cycle
    /// checks before it does anything (`access(2)`: also a read-only mount or an immutable file).
    public func writeProblem() -> StateDatabaseError? {
        guard path != ":memory:" else { return nil }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let candidates = [folder.path, path, path + "-wal", path + "-shm", folder.appendingPathComponent(StoreFileLock.fileName).path,
                          folder.appendingPathComponent("reports").path]
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate) || candidate == folder.path {
            guard access(candidate, W_OK) != 0 else { continue }
            let reason = String(cString: strerror(errno))
            return StateDatabaseError(path: path, problem: "cannot be opened for writing (\(candidate): \(reason))",
                                      remedy: "the file is fine and was not changed; make the state folder and file writable for the user cron runs as")
        }
        return nil
    }
}
