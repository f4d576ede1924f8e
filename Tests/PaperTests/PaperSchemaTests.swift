import Foundation
import GRDB
import LocalStore
@testable import Paper
import Testing

/// The paper wallet's tables are Paper's: a store opened by LocalStore alone has none of them;
/// the wallet creates them when it opens, once, under the step name the store used to record,
/// so a store that already has them is neither migrated again nor changed.
@Suite struct PaperSchemaTests {
    private func tables(_ database: StateDatabase) throws -> Set<String> {
        Set(try database.writer.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") })
    }

    @Test func theStoreAloneHasNoPaperTablesAndTheWalletAddsThemOnce() async throws {
        let database = try StateDatabase.inMemory()
        #expect(try tables(database).isDisjoint(with: ["paper_balance", "paper_earn", "paper_order", "paper_meta"]))
        let wallet = try PaperWallet(database: database)
        #expect(try tables(database).isSuperset(of: ["paper_balance", "paper_earn", "paper_order", "paper_meta"]))
        #expect(try await wallet.fundIfNew(["USDT": 100]))
        let again = try PaperWallet(database: database)
        #expect(try await again.spot()["USDT"]?.free == 100, "opening the wallet again keeps its balances")
        let steps = try await database.writer.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations WHERE identifier = 'v1_paper_wallet'") }
        #expect(steps == ["v1_paper_wallet"])
    }

    @Test func aStoreWhoseWalletTheStoreCreatedKeepsIt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paper-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // What an engine before 0.9.8 left: the wallet's step recorded by the store, with a funded wallet.
        let older = try DatabaseQueue(path: folder.appendingPathComponent(StateDatabase.fileName).path)
        try await older.write { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            for step in PaperSchema.steps {
                try db.execute(sql: step.sql)
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [step.identifier])
            }
            try db.execute(sql: "INSERT INTO paper_balance (asset, free, locked) VALUES ('USDT', '1234.5', '0')")
        }
        try older.close()
        let database = try await StateDatabase.open(directory: folder)
        let wallet = try PaperWallet(database: database)
        #expect(try await wallet.spot()["USDT"]?.free == Decimal(string: "1234.5"))
    }
}
