import Engine
import Foundation
import Operations
import Testing

@Suite struct RetentionAndImportTests {
    let now = Date()

    @Test func retentionPrunesTheStoreAndOnlyOldReportFiles() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("retention-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("old-run.json"), recent = folder.appendingPathComponent("recent-run.json")
        try Data("{}".utf8).write(to: old)
        try Data("{}".utf8).write(to: recent)
        try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-40 * 86_400)], ofItemAtPath: old.path)
        let store = InMemoryStateStore()
        try await store.keepRun(KeptRun(runId: "r", startedAt: now.isoWithOffset, status: "ok", report: "{}", calls: []))

        let removed = try await Retention(store: store, reportsFolder: folder).prune(olderThanDays: 30, now: now)
        #expect(removed.reportFiles == 1 && removed.rows.reports == 0, "the store's run is recent")
        #expect(!FileManager.default.fileExists(atPath: old.path) && FileManager.default.fileExists(atPath: recent.path))
        let later = try await Retention(store: store, reportsFolder: nil).prune(olderThanDays: 1, now: now.addingTimeInterval(3 * 86_400))
        #expect(later.rows.reports == 1 && later.reportFiles == 0, "no folder with Firestore: only the store is pruned")
    }

    @Test func anImportThatDropsAHeldPositionOrAPaperCoinIsNamed() async throws {
        let holding: JSONValue = ["ETHUSDT": ["is_holding": true, "entry_price": 3000.0]]
        let store = InMemoryStateStore(document: holding)
        let empty: JSONValue = [:]
        let live = try await ImportCheck(store: store, paperHoldings: nil).contradictions(importing: empty)
        #expect(live == ["the current state holds ETHUSDT but the document does not"])
        #expect(try await ImportCheck(store: store, paperHoldings: nil).contradictions(importing: holding).isEmpty)
        let paper = try await ImportCheck(store: InMemoryStateStore(), paperHoldings: ["SOL": 2, "USDT": 100, "BNB": 1])
            .contradictions(importing: empty)
        #expect(paper == ["the paper wallet holds SOLUSDT but the document does not"], "USDT, BNB and BTC are outside the trend sleeve")
    }
}
