import Foundation
import LocalStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 21 item 5 (the same rule for the lock file): `cycle.lock` is truncated and written by
/// the lease holder, so a link or a FIFO planted at its name is refused, never followed.
@Suite struct StoreFileLockTests {
    @Test func aLinkOrAFIFOAtTheLockNameIsRefusedAndItsTargetUntouched() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let victim = folder.appendingPathComponent("victim.txt")
        try Data("precious\n".utf8).write(to: victim)
        let lockPath = folder.appendingPathComponent(StoreFileLock.fileName).path
        try FileManager.default.createSymbolicLink(atPath: lockPath, withDestinationPath: victim.path)
        let linked = #expect(throws: StateDatabaseError.self) { try StoreFileLock(directory: folder).acquire(holder: "run r1") }
        #expect(linked?.description.contains("is a symbolic link") == true)
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")

        try FileManager.default.removeItem(atPath: lockPath)
        #expect(mkfifo(lockPath, 0o644) == 0)
        let fifo = #expect(throws: StateDatabaseError.self) { try StoreFileLock(directory: folder).acquire(holder: "run r1") }
        #expect(fifo?.description.contains("is not a regular file") == true)

        try FileManager.default.removeItem(atPath: lockPath)
        let lock = StoreFileLock(directory: folder)
        #expect(try lock.acquire(holder: "run r1") == nil)
        #expect(lock.recordedHolder() == "run r1")
        lock.release()
    }
}
