import Engine
import Firestore
import Foundation
import LocalStore
import Testing
import TestSupport

/// The rest of the deployment's store — journal, write history, kept runs and their call audit,
/// the operator's document change, retention — means the same thing in memory, on SQLite and on
/// Firestore over the fake Firestore (issue 23): every operator command reads through it.
@Suite(.serialized) struct DeploymentStoreContractTests {
    typealias Kind = LeaseContractTests.Kind

    struct Subject {
        let store: any DeploymentStore
        /// Another process's handle on the same deployment.
        let other: any DeploymentStore
        let stop: () async -> Void
    }

    static func subject(_ kind: Kind) async throws -> Subject {
        let stores = try await LeaseContractTests.stores(kind)
        guard let store = stores.a as? any DeploymentStore, let other = stores.b as? any DeploymentStore else {
            throw ContractSetupError(kind: kind)
        }
        return Subject(store: store, other: other, stop: stores.stop)
    }

    struct ContractSetupError: Error { let kind: Kind }

    let now = Date()

    func entry(_ id: String, runId: String = "run-a", at time: Date? = nil) -> JournalEntry {
        JournalEntry(clientOrderId: id, runId: runId, kind: .order, purpose: .trendBuy, symbol: "ETHUSDT", side: .buy, requestedAmount: "150.5",
                     sizeIsQuote: true, decisionPrice: 3000.25, tradeDate: "20261207", createdAt: time ?? now)
    }

    func hold(_ store: any DeploymentStore, _ runId: String = "run-a") async throws {
        let holder = LeaseHolder(runId: runId, host: "host", processId: 1, acquiredAt: now, expiresAt: now.addingTimeInterval(600))
        _ = try await store.acquireLease(LeaseRequest(holder: holder, now: now))
    }

    @Test(arguments: Kind.allCases)
    func aJournalEntryIsPendingUntilTheStateWriteThatBooksItSettlesIt(_ kind: Kind) async throws {
        let subject = try await Self.subject(kind)
        try await hold(subject.store)
        try await subject.store.recordIntent(entry("c-1", at: now.addingTimeInterval(-2)))
        try await subject.store.recordIntent(entry("c-2", at: now.addingTimeInterval(-1)))
        await #expect(throws: (any Error).self, "a second intent under one id is refused") { try await subject.store.recordIntent(entry("c-1")) }
        let fill = OrderFill(orderId: "77", status: .filled, executedQuantity: 0.05, quoteQuantity: 150.25, commissionInBaseAsset: 0.00005)
        try await subject.store.recordOutcome(.answered(fill), clientOrderId: "c-1")
        try await subject.store.recordOutcome(.rejected("-2010 insufficient balance"), clientOrderId: "c-2")
        // Another runner sees the same journal: c-1 answered but not yet in state, c-2 final.
        let pending = try await subject.other.unsettledEntries()
        #expect(pending.map(\.clientOrderId) == ["c-1"])
        #expect(pending.first?.outcome == .answered(fill))
        #expect(pending.first?.requestedAmount == "150.5" && pending.first?.decisionPrice == 3000.25)
        try await subject.store.write(StateWrite(document: ["ETHUSDT": ["is_holding": true]], reason: "trend_buy", runId: "run-a", settles: ["c-1"], at: now))
        #expect(try await subject.other.unsettledEntries().isEmpty)
        let rows = try await subject.other.journalRows(pendingOnly: false, limit: 10)
        #expect(rows.map(\.entry.clientOrderId) == ["c-2", "c-1"], "newest first")
        #expect(rows.allSatisfy { $0.settledAt != nil })
        #expect(try await subject.other.journalRows(pendingOnly: true, limit: 10).isEmpty)
        #expect(try await subject.other.recentEntries(since: now.addingTimeInterval(-1.5)).map(\.clientOrderId) == ["c-2"])
        await subject.stop()
    }

    @Test(arguments: Kind.allCases)
    func everyStateWriteIsInTheHistoryWithItsRunReasonAndChangedKeys(_ kind: Kind) async throws {
        let subject = try await Self.subject(kind)
        try await hold(subject.store)
        try await subject.store.write(StateWrite(document: ["a": 1, "b": 1], reason: "first", runId: "run-a", at: now))
        try await subject.store.write(StateWrite(document: ["a": 1, "b": 2], reason: "second", runId: "run-a", at: now))
        // A run's history is complete once it gave its lease back (Firestore keeps it as one document then).
        try await subject.store.releaseLease(runId: "run-a")
        let all = try await subject.other.history(runId: nil, limit: 10)
        #expect(all.map(\.reason) == ["first", "second"], "oldest first")
        #expect(all.map(\.changedKeys) == ["a,b", "b"])
        #expect(try await subject.other.history(runId: nil, limit: 1).map(\.reason) == ["second"])
        #expect(try await subject.other.history(runId: "run-a", limit: 1).count == 2, "a run's writes are all listed")
        #expect(try await subject.other.history(runId: "run-z", limit: 10).isEmpty)
        await subject.stop()
    }

    /// Issue #24: a run's recorded inputs are kept with it, and only runs that recorded some are listed.
    @Test(arguments: Kind.allCases)
    func recordedInputsAreKeptWithTheirRunAndListedByWindow(_ kind: Kind) async throws {
        let subject = try await Self.subject(kind)
        try await subject.store.keepRun(KeptRun(runId: "dry", startedAt: now.isoWithOffset, status: "ok", report: #"{"run_id":"dry"}"#, calls: []))
        try await subject.store.keepRun(KeptRun(runId: "live", startedAt: now.isoWithOffset, status: "ok", report: #"{"run_id":"live"}"#, calls: [],
                                                inputs: #"{"format":1}"#))
        #expect(try await subject.other.recordedRun(runId: "live") == RecordedRun(runId: "live", report: #"{"run_id":"live"}"#, inputs: #"{"format":1}"#))
        #expect(try await subject.other.recordedRun(runId: "dry") == nil, "a run without inputs has none to replay")
        #expect(try await subject.other.recordedRuns(since: now.addingTimeInterval(-60)).map(\.runId) == ["live"])
        #expect(try await subject.other.recordedRuns(since: now.addingTimeInterval(3600)).isEmpty)
        await subject.stop()
    }

    @Test(arguments: Kind.allCases)
    func aKeptRunIsTheLastCycleAndItsCallsAreCounted(_ kind: Kind) async throws {
        let subject = try await Self.subject(kind)
        #expect(try await subject.other.lastCycle() == nil)
        let call = CallRecord(at: now, peer: "binance", method: "GET", path: "/api/v3/account", status: 200, code: nil, latencyMilliseconds: 12.5,
                              usedWeight: 20, outcome: .ok)
        let refused = CallRecord(at: now, peer: "binance", method: "POST", path: "/api/v3/order", status: 400, code: -2010, latencyMilliseconds: 8,
                                 usedWeight: nil, outcome: .error)
        try await subject.store.keepRun(KeptRun(runId: "run-1", startedAt: now.isoWithOffset, status: "ok", report: #"{"run_id":"run-1"}"#, calls: [call]))
        try await subject.store.keepRun(KeptRun(runId: "run-2", startedAt: now.isoWithOffset, status: "error", report: #"{"run_id":"run-2"}"#,
                                                calls: [refused]))
        let last = try #require(try await subject.other.lastCycle())
        #expect(last.runId == "run-2" && last.status == "error")
        #expect(abs((last.savedAt ?? .distantPast).timeIntervalSinceNow) < 60)
        let since = now.addingTimeInterval(-60)
        #expect(try await subject.other.reports(since: since) == [#"{"run_id":"run-1"}"#, #"{"run_id":"run-2"}"#])
        #expect(try await subject.other.report(runId: "run-1") == #"{"run_id":"run-1"}"#)
        #expect(try await subject.other.callRecords(since: since).map(\.path) == ["/api/v3/account", "/api/v3/order"])
        let kept = try await subject.other.callRecords(since: since)
        #expect(kept.last?.code == -2010 && kept.last?.status == 400 && kept.first?.usedWeight == 20 && kept.first?.latencyMilliseconds == 12.5)
        #expect(try await subject.other.reports(since: now.addingTimeInterval(3600)).isEmpty)
        await subject.stop()
    }

    @Test(arguments: Kind.allCases)
    func theOperatorsChangeWaitsForTheLeaseAndIsInTheHistory(_ kind: Kind) async throws {
        let subject = try await Self.subject(kind)
        try await hold(subject.store, "cycle-run")
        await #expect(throws: LeaseHeldError.self) {
            try await subject.other.replaceDocument(reason: "operator_control mode=halt", runId: "operator-1", now: now, host: "ops", processId: 2) { _ in
                (["operator_control": ["mode": "halt"]], ())
            }
        }
        try await subject.store.releaseLease(runId: "cycle-run")
        try await subject.other.replaceDocument(reason: "operator_control mode=halt", runId: "operator-1", now: now, host: "ops", processId: 2) { stored in
            var document = stored?.objectValue ?? [:]
            document["operator_control"] = ["mode": "halt", "reason": "drill"]
            return (.object(document), ())
        }
        #expect(try await subject.store.load()?["operator_control"]?["mode"] == "halt")
        #expect(try await subject.store.history(runId: "operator-1", limit: 10).map(\.reason) == ["operator_control mode=halt"])
        let grant = try await subject.store.acquireLease(LeaseRequest(holder: LeaseHolder(runId: "cycle-2", host: "h", processId: 3, acquiredAt: now,
                                                                                            expiresAt: now.addingTimeInterval(600)), now: now))
        #expect(grant.tookOverFrom == nil, "the operator gave the lease back")
        await subject.stop()
    }

    @Test(arguments: Kind.allCases)
    func retentionRemovesOldSettledThingsButNeverThePendingOrTheNewestWrite(_ kind: Kind) async throws {
        let subject = try await Self.subject(kind)
        try await hold(subject.store)
        let old = now.addingTimeInterval(-10 * 86_400)
        try await subject.store.recordIntent(entry("old-settled", at: old))
        try await subject.store.recordIntent(entry("old-pending", at: old))
        try await subject.store.write(StateWrite(document: ["a": 1], reason: "first", runId: "run-a", settles: ["old-settled"], at: now))
        try await subject.store.write(StateWrite(document: ["a": 2], reason: "second", runId: "run-a", at: now))
        try await subject.store.releaseLease(runId: "run-a")
        try await hold(subject.store, "run-b")
        try await subject.store.write(StateWrite(document: ["a": 3], reason: "third", runId: "run-b", at: now))
        try await subject.store.releaseLease(runId: "run-b")
        try await subject.store.keepRun(KeptRun(runId: "run-1", startedAt: now.isoWithOffset, status: "ok", report: "{}",
                                                calls: [CallRecord(at: now, peer: "binance", method: "GET", path: "/api/v3/time", status: 200, code: nil,
                                                                   latencyMilliseconds: 1, usedWeight: 1, outcome: .ok)]))
        // A cutoff in the future makes everything "old".
        let counts = try await subject.other.prune(before: now.addingTimeInterval(3600))
        #expect(counts.reports == 1 && counts.stateWrites == 2 && counts.settledJournalEntries == 1 && counts.auditRows == 1, "\(counts)")
        #expect(try await subject.other.unsettledEntries().map(\.clientOrderId) == ["old-pending"])
        #expect(try await subject.other.history(runId: nil, limit: 10).map(\.reason) == ["third"], "the newest write is kept")
        #expect(try await subject.other.lastCycle() == nil)
        #expect(try await subject.store.load() == ["a": 3], "the state document is never pruned")
        await subject.stop()
    }

    /// A write the cycle lets wait reaches the store in time: a derived value before the next
    /// order is journaled, a journaled fill at the latest when the run gives its lease back.
    @Test(arguments: Kind.allCases)
    func aDeferrableWriteIsInTheStoreWhenTheRunGivesTheLeaseBack(_ kind: Kind) async throws {
        let subject = try await Self.subject(kind)
        try await hold(subject.store)
        try await subject.store.write(StateWrite(document: ["day": "2026-12-07"], reason: "daily_reset", runId: "run-a", at: now, durability: .beforeNextSend))
        try await subject.store.recordIntent(entry("c-1"))
        #expect(try await subject.other.load() == ["day": "2026-12-07"], "what an order was decided on is stored before the order is journaled")
        try await subject.store.recordOutcome(.answered(OrderFill(orderId: "1", status: .filled, executedQuantity: 1, quoteQuantity: 10)), clientOrderId: "c-1")
        try await subject.store.write(StateWrite(document: ["ETHUSDT": 1], reason: "trend_buy:ETHUSDT", runId: "run-a", settles: ["c-1"], at: now,
                                                 durability: .withNextWrite))
        try await subject.store.releaseLease(runId: "run-a")
        #expect(try await subject.other.load() == ["ETHUSDT": 1])
        #expect(try await subject.other.unsettledEntries().isEmpty)
        #expect(try await subject.other.history(runId: "run-a", limit: 10).map(\.reason) == ["daily_reset", "trend_buy:ETHUSDT"])
        await subject.stop()
    }
}
