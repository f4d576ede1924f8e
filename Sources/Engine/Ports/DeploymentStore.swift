import Foundation

/// Everything one deployment remembers, behind one port (docs/architecture.md#ports-one-store-per-deployment-contract-suites): the cycle's store (state
/// document, lease, order journal) and what the operator commands read and retention prunes —
/// the write history, the kept runs (report and call audit) and the journal's listing. The
/// local store (SQLite) and Firestore implement it alike, so every command shows the same
/// account whichever backend holds it.
public protocol DeploymentStore: CycleStore {
    /// Where this is, for people (`account binance in state/state.sqlite`, `Firestore document strategy/X`).
    var location: String { get }
    /// The account's name in messages (`binance`, `paper`, or the Firestore document's id).
    var accountName: String { get }
    /// Keeps a finished run: its report (none for an aborted run) and its call audit, in one write.
    func keepRun(_ run: KeptRun) async throws
    /// The newest run whose report was kept, if any.
    func lastCycle() async throws -> LastCycle?
    /// Journal entries newest first, at most `limit`; only unsettled ones when `pendingOnly`.
    func journalRows(pendingOnly: Bool, limit: Int) async throws -> [JournalRow]
    /// State writes oldest first: every write of `runId` when given, else the newest `limit`.
    func history(runId: String?, limit: Int) async throws -> [StateHistoryRow]
    /// The reports (JSON text) kept at or after `since`, oldest first.
    func reports(since: Date) async throws -> [String]
    /// The report kept for `runId` (the newest when the id was used twice).
    func report(runId: String) async throws -> String?
    /// The cycle of `runId` whose inputs were recorded (the newest when the id was used twice).
    func recordedRun(runId: String) async throws -> RecordedRun?
    /// The cycles kept at or after `since` that recorded their inputs, oldest first.
    func recordedRuns(since: Date) async throws -> [RecordedRun]
    /// The call audit kept at or after `since`, oldest first.
    func callRecords(since: Date) async throws -> [CallRecord]
    /// Deletes what is older than `cutoff`: reports and audit, write history (never the newest
    /// write), lease events and **settled** journal entries. Never the state document or an
    /// unsettled entry.
    func prune(before cutoff: Date) async throws -> PruneCounts
    /// Simple Earn product ids looked up before, per asset (the list costs request weight 150;
    /// a product id changes rarely). Empty when none is known.
    func earnProducts() async throws -> [String: KnownEarnProduct]
    /// Replaces what `earnProducts()` returns.
    func rememberEarnProducts(_ products: [String: KnownEarnProduct]) async throws
}

/// A Simple Earn flexible product id and when it was looked up.
public struct KnownEarnProduct: Sendable, Equatable {
    public var productId: String
    public var lookedUpAt: Date

    public init(productId: String, lookedUpAt: Date) {
        self.productId = productId
        self.lookedUpAt = lookedUpAt
    }

    /// How long a looked-up id is used before it is looked up again.
    public static let maximumAgeSeconds: TimeInterval = 30 * 86_400

    public func isFresh(at now: Date) -> Bool {
        let age = now.timeIntervalSince(lookedUpAt)
        return age >= 0 && age < Self.maximumAgeSeconds
    }
}

/// A finished run as the store keeps it.
public struct KeptRun: Sendable, Equatable {
    public var runId: String
    public var startedAt: String
    public var status: String
    /// The JSON report; nil for an aborted run (its store may be what failed).
    public var report: String?
    public var calls: [CallRecord]
    /// What the cycle's decisions read (`RecordedFixture`'s JSON), for `cycle replay --recorded`;
    /// nil for a dry run or a cycle that recorded nothing.
    public var inputs: String?

    public init(runId: String, startedAt: String, status: String, report: String?, calls: [CallRecord], inputs: String? = nil) {
        self.runId = runId
        self.startedAt = startedAt
        self.status = status
        self.report = report
        self.calls = calls
        self.inputs = inputs
    }
}

/// A kept cycle with its recorded inputs: what `cycle replay --recorded` runs again.
public struct RecordedRun: Sendable, Equatable {
    public var runId: String
    /// The report the cycle wrote then (JSON text).
    public var report: String
    /// Its recorded inputs (JSON text).
    public var inputs: String

    public init(runId: String, report: String, inputs: String) {
        self.runId = runId
        self.report = report
        self.inputs = inputs
    }
}

/// The last cycle's kept report: its run, status, and when it was kept (wall clock).
public struct LastCycle: Sendable, Equatable {
    public var runId: String
    public var status: String
    public var savedAt: Date?

    public init(runId: String, status: String, savedAt: Date?) {
        self.runId = runId
        self.status = status
        self.savedAt = savedAt
    }
}

/// A journal entry with when its effect reached the state document (nil: not yet).
public struct JournalRow: Sendable, Equatable {
    public var entry: JournalEntry
    public var settledAt: String?

    public init(entry: JournalEntry, settledAt: String?) {
        self.entry = entry
        self.settledAt = settledAt
    }
}

/// One write of the state document.
public struct StateHistoryRow: Sendable, Equatable {
    public var runId: String
    public var reason: String
    /// ISO-8601 with offset.
    public var writtenAt: String
    /// Top-level keys that changed with this write, comma-separated.
    public var changedKeys: String

    public init(runId: String, reason: String, writtenAt: String, changedKeys: String) {
        self.runId = runId
        self.reason = reason
        self.writtenAt = writtenAt
        self.changedKeys = changedKeys
    }

    /// Top-level keys whose values differ between two documents, sorted, comma-separated.
    public static func changedKeys(from previous: JSONValue?, to document: JSONValue) -> String {
        let before = previous?.objectValue ?? [:]
        let after = document.objectValue ?? [:]
        return Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted().joined(separator: ",")
    }
}

/// What `prune(before:)` removed, per kind.
public struct PruneCounts: Sendable, Equatable {
    public var reports = 0
    public var stateWrites = 0
    public var leaseEvents = 0
    public var settledJournalEntries = 0
    public var auditRows = 0
    public var total: Int { reports + stateWrites + leaseEvents + settledJournalEntries + auditRows }
    public init() {}
}

extension DeploymentStore {
    /// Replaces the document the way an operator does: under a short lease of its own, with
    /// `prepare` given the stored document (nil when absent or unreadable) and returning the new
    /// one; written with the reason `reason`, the lease given back whatever happens.
    public func replaceDocument<Prepared: Sendable>(reason: String, runId: String, now: Date, host: String, processId: Int32,
                                                    prepare: @Sendable (JSONValue?) throws -> (document: JSONValue, detail: Prepared))
        async throws -> Prepared {
        let holder = LeaseHolder(runId: runId, host: host, processId: processId, acquiredAt: now, expiresAt: now.addingTimeInterval(60))
        _ = try await acquireLease(LeaseRequest(holder: holder, now: now))
        do {
            let prepared = try prepare(try? await load())
            try await write(StateWrite(document: prepared.document, reason: reason, runId: runId, at: now))
            try await releaseLease(runId: runId)
            return prepared.detail
        } catch {
            try? await releaseLease(runId: runId)
            throw error
        }
    }
}
