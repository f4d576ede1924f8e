import Engine
import Foundation
import Operations
import Testing

@Suite struct HealthAndArchiveTests {
    let now = Date(timeIntervalSince1970: 1_773_532_800)
    let health = CycleHealth(maxAgeSeconds: 7_200, maxAgeText: "2h")

    @Test func healthyOnlyWhenTheNewestCycleEndedOkWithinTheAge() {
        let recentOk = CycleHealth.LastCycle(runId: "a", status: "ok", savedAt: now.addingTimeInterval(-600))
        #expect(health.verdict(recentOk, account: "binance", now: now) == .healthy("the last cycle (a) ended ok 10 min ago"))
        let oldOk = CycleHealth.LastCycle(runId: "b", status: "ok", savedAt: now.addingTimeInterval(-3 * 3_600))
        #expect(health.verdict(oldOk, account: "binance", now: now)
            == .unhealthy("the last cycle (b) ended ok 180 min ago, longer ago than 2h; is cron running?"))
        let unknownAge = CycleHealth.LastCycle(runId: "c", status: "ok", savedAt: nil)
        #expect(health.verdict(unknownAge, account: "binance", now: now).line.hasPrefix("unhealthy: the last cycle (c) ended ok at an unknown time"))
        #expect(health.verdict(nil, account: "binance", now: now) == .unhealthy("no cycle has finished yet for account binance"))
    }

    @Test func aFailedCycleIsNamedWithItsFirstError() {
        let aborted = CycleHealth.LastCycle(runId: "d", status: "aborted", savedAt: now.addingTimeInterval(-60), firstError: "lease held by e")
        #expect(health.verdict(aborted, account: "binance", now: now)
            == .unhealthy("the last cycle (d, 1 min ago) ended aborted: lease held by e; see its report"))
    }

    @Test func aNewerReportFileWinsOverTheStoresLastRun() {
        let stored = CycleHealth.LastCycle(runId: "s", status: "ok", savedAt: now.addingTimeInterval(-3_600))
        let file = CycleHealth.LastCycle(runId: "f", status: "aborted", savedAt: now.addingTimeInterval(-60))
        #expect(CycleHealth.newest(stored: stored, file: file) == file)
        #expect(CycleHealth.newest(stored: stored, file: nil) == stored)
    }

    @Test func theLocalStoreKeepsAFileBesideTheStoreAndNeverOverwritesOne() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("archive-\(UUID().uuidString)/reports")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let store = InMemoryStateStore()
        let archive = ReportArchive(store: store, reportsFolder: folder)
        var keptCalls = 0
        let first = try await archive.keep(KeptRun(runId: "r1", startedAt: now.isoWithOffset, status: "ok", report: "{\"n\":1}", calls: [])) { keptCalls += 1 }
        let again = try await archive.keep(KeptRun(runId: "r1", startedAt: now.isoWithOffset, status: "ok", report: "{\"n\":2}", calls: [])) { keptCalls += 1 }
        #expect(first.location == folder.appendingPathComponent("r1.json").path && again.location == folder.appendingPathComponent("r1.2.json").path)
        #expect(try String(contentsOfFile: first.location, encoding: .utf8) == "{\"n\":1}", "the earlier report is untouched")
        #expect(first.storeProblem == nil && keptCalls == 4, "once for the file, once for the store's copy, per run")
        #expect(try await store.report(runId: "r1") != nil)
    }

    @Test func withoutAFolderTheStoreIsTheOnlyCopy() async throws {
        let store = InMemoryStateStore()
        var keptCalls = 0
        let kept = try await ReportArchive(store: store, reportsFolder: nil)
            .keep(KeptRun(runId: "r2", startedAt: now.isoWithOffset, status: "error", report: "{}", calls: [])) { keptCalls += 1 }
        #expect(kept.location == store.location && keptCalls == 1)
        #expect(try await store.lastCycle()?.runId == "r2")
    }
}
