import Foundation

/// What the operator commands read, and retention, on the in-memory store.
extension InMemoryStateStore {
    public nonisolated var location: String { "the in-memory store" }
    public nonisolated var accountName: String { "memory" }

    public func keepRun(_ run: KeptRun) async throws {
        keptRuns.append((run, Date()))
    }

    public func lastCycle() async throws -> LastCycle? {
        keptRuns.last { $0.run.report != nil }.map { LastCycle(runId: $0.run.runId, status: $0.run.status, savedAt: $0.savedAt) }
    }

    public func journalRows(pendingOnly: Bool, limit: Int) async throws -> [JournalRow] {
        let rows = journal.reversed().map { JournalRow(entry: $0, settledAt: settledAt[$0.clientOrderId]) }
        return Array(rows.filter { !pendingOnly || $0.settledAt == nil }.prefix(limit))
    }

    public func history(runId: String?, limit: Int) async throws -> [StateHistoryRow] {
        guard let runId else { return historyRows.suffix(limit).map(\.row) }
        return historyRows.filter { $0.row.runId == runId }.map(\.row)
    }

    public func reports(since: Date) async throws -> [String] {
        keptRuns.filter { $0.savedAt >= since }.compactMap(\.run.report)
    }

    public func report(runId: String) async throws -> String? {
        keptRuns.last { $0.run.runId == runId && $0.run.report != nil }?.run.report
    }

    public func recordedRun(runId: String) async throws -> RecordedRun? {
        keptRuns.last { $0.run.runId == runId && $0.run.report != nil && $0.run.inputs != nil }
            .flatMap { RecordedRun(runId: $0.run.runId, report: $0.run.report ?? "", inputs: $0.run.inputs ?? "") }
    }

    public func recordedRuns(since: Date) async throws -> [RecordedRun] {
        keptRuns.filter { $0.savedAt >= since }.compactMap { kept in
            guard let report = kept.run.report, let inputs = kept.run.inputs else { return nil }
            return RecordedRun(runId: kept.run.runId, report: report, inputs: inputs)
        }
    }

    public func callRecords(since: Date) async throws -> [CallRecord] {
        keptRuns.filter { $0.savedAt >= since }.flatMap(\.run.calls).filter { $0.at >= since }
    }

    public func prune(before cutoff: Date) async throws -> PruneCounts {
        var counts = PruneCounts()
        let old = keptRuns.filter { $0.savedAt < cutoff }
        counts.reports = old.count
        counts.auditRows = old.reduce(0) { $0 + $1.run.calls.count }
        keptRuns.removeAll { $0.savedAt < cutoff }
        let newest = historyRows.count - 1
        let keptHistory = historyRows.enumerated().filter { $0.element.at >= cutoff || $0.offset == newest }.map(\.element)
        counts.stateWrites = historyRows.count - keptHistory.count
        historyRows = keptHistory
        let doomed = Set(journal.filter { $0.createdAt < cutoff && settledAt[$0.clientOrderId] != nil }.map(\.clientOrderId))
        journal.removeAll { doomed.contains($0.clientOrderId) }
        counts.settledJournalEntries = doomed.count
        return counts
    }

    public func earnProducts() async throws -> [String: KnownEarnProduct] { knownEarnProducts }

    public func rememberEarnProducts(_ products: [String: KnownEarnProduct]) async throws { knownEarnProducts = products }
}
