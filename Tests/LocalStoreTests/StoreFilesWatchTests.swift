import Engine
import Foundation
import GRDB
@testable import LocalStore
import Testing

/// A store whose `-wal` or `-shm` is removed (or replaced) while it is open: the next check
/// throws naming the file and leaves the marker; the rescued copy holds what was written after
/// the removal, which a fresh open of the folder no longer sees.
@Suite struct StoreFilesWatchTests {
    private func openStore() async throws -> (URL, StateDatabase) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("files-\(UUID().uuidString)")
        return (folder, try await StateDatabase.open(directory: folder))
    }

    private func documentCount(_ database: some DatabaseReader) throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM state_document") ?? -1 }
    }

    @Test func filesInPlaceAreNotAProblem() async throws {
        let (folder, database) = try await openStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        try database.requireFilesInPlace(runId: "r")
        try database.refuseIfAnEarlierRunLostFiles()
        #expect(database.filesWatch?.problems() == [])
    }

    @Test func aRemovedWALIsFoundAndWhatWasWrittenAfterItIsRescued() async throws {
        let (folder, database) = try await openStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(atPath: database.path + "-wal")
        try await database.writer.write { db in
            try db.execute(sql: "INSERT INTO state_document (account, document, run_id, updated_at) VALUES ('a', '{}', 'r', 'now')")
        }
        #expect(throws: StoreFilesLostError.self) { try database.requireFilesInPlace(runId: "r") }
        #expect(database.filesWatch?.problems() == ["cycle.sqlite-wal was removed"])
        #expect(throws: StoreFilesLostError.self) { try database.refuseIfAnEarlierRunLostFiles() }

        let copy = try database.rescueCopy(runId: "r")
        #expect(try documentCount(try DatabaseQueue(path: copy.path)) == 1, "the rescued copy holds the write")
        let marker = try String(contentsOf: folder.appendingPathComponent(StateDatabase.filesLostMarkerName), encoding: .utf8)
        #expect(marker.contains("cycle.sqlite-wal was removed") && marker.contains(copy.path))
    }

    @Test func aReplacedSHMIsFound() async throws {
        let (folder, database) = try await openStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shm = database.path + "-shm"
        try FileManager.default.removeItem(atPath: shm)
        try Data(count: 32_768).write(to: URL(fileURLWithPath: shm))
        #expect(database.filesWatch?.problems() == ["cycle.sqlite-shm was replaced by another file"])
    }
}
