import Engine
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An OS-level lock (`flock`) on `cycle.lock` beside the database, held by the run that holds the
/// account's lease until it gives it back or its process ends (the kernel releases it even after
/// `kill -9`). It does not depend on SQLite's `-wal`/`-shm` files, so deleting those under a
/// running cycle cannot let a second cycle in. The holder's description is written into the file
/// so a refused run can name it.
public final class StoreFileLock: @unchecked Sendable {
    public static let fileName = "cycle.lock"

    public let path: String
    private let guardLock = NSLock()
    private var descriptor: Int32 = -1

    public init(directory: URL) {
        path = directory.appendingPathComponent(Self.fileName).path
    }

    /// Takes the lock and writes `holder` into the file (a no-op when this process already holds
    /// it). Returns the file's current text when another process holds the lock.
    public func acquire(holder: String) throws -> String? {
        try guardLock.withLock {
            if descriptor >= 0 { return nil }
            // Never through a link, never anything but a regular file: the holder is written into it.
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
            guard fd >= 0 else {
                if errno == ELOOP {
                    throw StateDatabaseError(path: path, problem: "is a symbolic link, which the engine never follows",
                                             remedy: "remove the link; the next cycle creates the lock file itself")
                }
                throw StateDatabaseError(path: path, problem: "cannot be opened (\(String(cString: strerror(errno))))",
                                         remedy: "make the state folder writable for the user that runs cron")
            }
            var info = stat()
            if fstat(fd, &info) != 0 || FileKind(mode: UInt32(info.st_mode)) != .regular {
                close(fd)
                throw StateDatabaseError(path: path, problem: "is not a regular file", remedy: "remove it; the next cycle creates the lock file itself")
            }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                close(fd)
                return recordedHolder() ?? ""
            }
            _ = ftruncate(fd, 0)
            let text = Array((holder + "\n").utf8)
            _ = text.withUnsafeBufferPointer { pwrite(fd, $0.baseAddress, $0.count, 0) }
            descriptor = fd
            return nil
        }
    }

    /// What the holder wrote into the file, nil when it is empty.
    public func recordedHolder() -> String? {
        let text = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        return text?.isEmpty == false ? text : nil
    }

    /// Gives the lock back (the file stays, empty of meaning once unlocked).
    public func release() {
        guardLock.withLock {
            guard descriptor >= 0 else { return }
            _ = ftruncate(descriptor, 0)
            _ = flock(descriptor, LOCK_UN)
            close(descriptor)
            descriptor = -1
        }
    }

    deinit { release() }
}
