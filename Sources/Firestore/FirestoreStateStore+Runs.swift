import Engine
import Foundation

/// Kept runs (report and call audit in one document per run), the write history, retention.
extension FirestoreStateStore {
    /// A report larger than this is kept only as its summary fields (Firestore's 1 MiB limit).
    static let largestKeptReport = 900_000

    public func keepRun(_ run: KeptRun) async throws {
        let now = Date()
        var kept = run
        var fields = FirestoreRecords.fields(ofRun: kept, at: now)
        if let report = run.report, report.utf8.count + (run.inputs?.utf8.count ?? 0) > Self.largestKeptReport {
            kept.report = nil
            kept.inputs = nil
            fields = FirestoreRecords.fields(ofRun: kept, at: now)
            fields["report_omitted"] = .string("the report has \(report.utf8.count) bytes, over Firestore's 1 MiB document limit; the runner's report file has it")
        }
        _ = try await client.write(Self.timeKeyed(path, "runs", runId: run.runId, at: now), fields: fields, precondition: .mustNotExist)
    }

    public func lastCycle() async throws -> LastCycle? {
        // The newest runs; an aborted run keeps no report, so the last cycle is the newest with one.
        let query = CollectionQuery(parent: path, collection: "runs", orderBy: "saved_at_unix", descending: true, limit: 50)
        for document in try await client.runQuery(query, operation: "read the last runs of \(path)") where document.fields["report"]?.stringValue != nil {
            let reader = FirestoreRecords.Reader(document)
            return LastCycle(runId: try reader.text("run_id"), status: try reader.text("status"),
                             savedAt: Date(timeIntervalSince1970: try reader.number("saved_at_unix")))
        }
        return nil
    }

    public func reports(since: Date) async throws -> [String] {
        try await runs(since: since).compactMap { $0.fields["report"]?.stringValue }
    }

    public func report(runId: String) async throws -> String? {
        let query = CollectionQuery(parent: path, collection: "runs", filter: FieldFilter("run_id", .equal, .string(runId)))
        let documents = try await client.runQuery(query, operation: "read the report of run \(runId)")
        return documents.filter { $0.fields["report"]?.stringValue != nil }.max { $0.path.document < $1.path.document }?.fields["report"]?.stringValue
    }

    public func recordedRun(runId: String) async throws -> RecordedRun? {
        let query = CollectionQuery(parent: path, collection: "runs", filter: FieldFilter("run_id", .equal, .string(runId)))
        let documents = try await client.runQuery(query, operation: "read the recorded inputs of run \(runId)")
        return documents.sorted { $0.path.document > $1.path.document }.lazy.compactMap(Self.recorded).first
    }

    public func recordedRuns(since: Date) async throws -> [RecordedRun] {
        try await runs(since: since).compactMap(Self.recorded)
    }

    private static func recorded(_ document: NamedDocument) -> RecordedRun? {
        guard let runId = document.fields["run_id"]?.stringValue, let report = document.fields["report"]?.stringValue,
              let inputs = document.fields["inputs"]?.stringValue else { return nil }
        return RecordedRun(runId: runId, report: report, inputs: inputs)
    }

    public func callRecords(since: Date) async throws -> [CallRecord] {
        try await runs(since: since).flatMap(FirestoreRecords.calls).filter { $0.at >= since }
    }

    private func runs(since: Date) async throws -> [NamedDocument] {
        let query = CollectionQuery(parent: path, collection: "runs", filter: FieldFilter("saved_at_unix", .greaterThanOrEqual, .double(since.timeIntervalSince1970)),
                                    orderBy: "saved_at_unix")
        return try await client.runQuery(query, operation: "read the runs of \(path)")
    }

    /// The writes, oldest first: all of `runId`'s, or the newest `limit`. Each run's writes are
    /// one document, kept when the run gave its lease back.
    public func history(runId: String?, limit: Int) async throws -> [StateHistoryRow] {
        let documents: [NamedDocument]
        if let runId {
            let query = CollectionQuery(parent: path, collection: "writes", filter: FieldFilter("run_id", .equal, .string(runId)))
            documents = try await client.runQuery(query, operation: "read the writes of run \(runId)").sorted { $0.path.document < $1.path.document }
        } else {
            let query = CollectionQuery(parent: path, collection: "writes", orderBy: "written_at_unix", descending: true, limit: limit)
            documents = try await client.runQuery(query, operation: "read the write history of \(path)").reversed()
        }
        let rows = try documents.flatMap(FirestoreRecords.historyRows)
        return runId == nil ? Array(rows.suffix(limit)) : rows
    }

    public func prune(before cutoff: Date) async throws -> PruneCounts {
        var counts = PruneCounts()
        let newestWrite = try await client.runQuery(CollectionQuery(parent: path, collection: "writes", orderBy: "written_at_unix", descending: true, limit: 1),
                                                    operation: "read the newest write of \(path)").first?.path
        var stateWrites = 0
        _ = try await deleteOlder(in: "writes", field: "written_at_unix", than: cutoff) { document in
            guard document.path != newestWrite else { return false }
            stateWrites += document.fields["writes"]?.arrayValue?.count ?? 0
            return true
        }
        counts.stateWrites = stateWrites
        var auditRows = 0
        counts.reports = try await deleteOlder(in: "runs", field: "saved_at_unix", than: cutoff) { document in
            auditRows += document.fields["calls"]?.arrayValue?.count ?? 0
            return true
        }
        counts.auditRows = auditRows
        counts.settledJournalEntries = try await deleteOlder(in: "journal", field: "created_at_unix", than: cutoff) {
            $0.fields["settled"]?.boolValue == true
        }
        return counts
    }

    /// Deletes, page by page, the documents of `collection` whose `field` is before `cutoff` and
    /// that `deletable` accepts; returns how many.
    private func deleteOlder(in collection: String, field: String, than cutoff: Date,
                             where deletable: (NamedDocument) -> Bool) async throws -> Int {
        let page = 300
        var deleted = 0
        var seen = Set<DocumentPath>()
        while true {
            let query = CollectionQuery(parent: path, collection: collection, filter: FieldFilter(field, .lessThan, .double(cutoff.timeIntervalSince1970)),
                                        orderBy: field, limit: page + seen.count)
            let documents = try await client.runQuery(query, operation: "read old \(collection) of \(path)").filter { !seen.contains($0.path) }
            let doomed = documents.filter(deletable)
            documents.forEach { seen.insert($0.path) }
            if !doomed.isEmpty {
                try await client.commit(doomed.map { .delete($0.path) }, operation: "prune \(collection) of \(path)")
                deleted += doomed.count
                doomed.forEach { seen.remove($0.path) }
            }
            if documents.count < page { return deleted }
        }
    }
}
