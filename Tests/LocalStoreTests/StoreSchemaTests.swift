import Foundation
import GRDB
@testable import LocalStore
import Testing

/// Cron can start two cycles on a fresh state folder at the same second (a manual run beside the
/// hourly one): both open the file and find the schema missing. Whichever applies it, both must
/// open the store; the loser of the race must never see its own migration fail.
@Suite struct StoreSchemaTests {
    private func freshFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    private func columns(of table: String, in database: StateDatabase) throws -> [String] {
        try database.writer.read { db in try db.columns(in: table).map(\.name) }
    }

    @Test(arguments: 0..<5) func manyOpensRacingOnAFreshFolderAllSucceed(round: Int) async throws {
        let folder = try freshFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let opened = try await withThrowingTaskGroup(of: OpenedStore.self) { group in
            for _ in 0..<6 {
                group.addTask { OpenedStore(database: try await StateDatabase.open(directory: folder)) }
            }
            var all: [OpenedStore] = []
            for try await store in group { all.append(store) }
            return all
        }
        #expect(opened.count == 6)
        let applied = try await opened[0].database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
        #expect(applied == StoreSchema.migrations.map(\.identifier).sorted())
        #expect(try columns(of: "execution_report", in: opened[0].database).contains("saved_at"))
    }

    @Test func aStoreWrittenBeforeTheLaterMigrationsGainsThemAndKeepsItsReports() async throws {
        let folder = try freshFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(StateDatabase.fileName).path
        let older = try DatabaseQueue(path: path)
        let earlier = StoreSchema.migrations.prefix { $0.identifier != "v3_report_saved_at" }
        #expect(earlier.count == 4, "v1 state, journal and lease, then v2 (the paper wallet's v1 is Paper's own)")
        try await older.write { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            for step in earlier {
                try db.execute(sql: step.sql)
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [step.identifier])
            }
            try db.execute(sql: """
                INSERT INTO execution_report (run_id, account, started_at, status, report)
                VALUES ('r1', 'paper', '2026-01-01T00:00:00Z', 'ok', '{}')
                """)
        }
        try older.close()

        let database = try await StateDatabase.open(directory: folder)
        #expect(try columns(of: "execution_report", in: database).contains("saved_at"))
        #expect(try columns(of: "call_audit", in: database).contains("peer"))
        let runs = try await database.writer.read { db in try String.fetchAll(db, sql: "SELECT run_id FROM execution_report") }
        #expect(runs == ["r1"])
    }

    @Test func openingAStoreWhoseSchemaIsCompleteWritesNothing() async throws {
        let folder = try freshFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(StateDatabase.fileName)
        let first = try await StateDatabase.open(directory: folder)
        try first.writer.close()
        let bytes = try Data(contentsOf: file)
        let walBefore = try? Data(contentsOf: URL(fileURLWithPath: file.path + "-wal"))
        let again = try await StateDatabase.open(directory: folder)
        let walAfter = try? Data(contentsOf: URL(fileURLWithPath: file.path + "-wal"))
        #expect(try Data(contentsOf: file) == bytes)
        #expect((walAfter ?? Data()).count <= (walBefore ?? Data()).count, "no frame appended to the WAL")
        withExtendedLifetime(again) {}
    }

    @Test func aStoreFromANewerVersionKeepsItsUnknownMigrations() async throws {
        let folder = try freshFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try await StateDatabase.open(directory: folder)
        try await first.writer.write { db in
            try db.execute(sql: "CREATE TABLE later_feature (x TEXT)")
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9_later_feature')")
        }
        let again = try await StateDatabase.open(directory: folder)
        let applied = try await again.writer.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied.contains("v9_later_feature"))
        #expect(applied.count == StoreSchema.migrations.count + 1)
    }
}

/// A task group's child returns a struct (docs/testing.md#the-release-gate: release builds and tuples).
private struct OpenedStore: Sendable {
    let database: StateDatabase
}
