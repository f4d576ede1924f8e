import Foundation

/// An in-memory twin of a deployment's store (document, lease, journal, history, kept runs),
/// for tests and replay.
public actor InMemoryStateStore: DeploymentStore {
    public private(set) var document: JSONValue?
    public private(set) var writes: [StateWrite] = []
    public internal(set) var journal: [JournalEntry] = []
    public private(set) var settled: Set<String> = []
    public private(set) var lease: LeaseHolder?
    /// When each settled entry was settled (ISO-8601).
    var settledAt: [String: String] = [:]
    var historyRows: [(row: StateHistoryRow, at: Date)] = []
    var keptRuns: [(run: KeptRun, savedAt: Date)] = []
    var knownEarnProducts: [String: KnownEarnProduct] = [:]
    private let loadError: (any Error)?

    public init(document: JSONValue? = nil, loadError: (any Error)? = nil, lease: LeaseHolder? = nil, journal: [JournalEntry] = []) {
        self.document = document
        self.loadError = loadError
        self.lease = lease
        self.journal = journal
    }

    public func load() async throws -> JSONValue? {
        if let loadError { throw loadError }
        return document
    }

    public func write(_ write: StateWrite) async throws {
        guard LeaseHolder.permitsWrite(lease, runId: write.runId, at: write.at) else { throw LeaseLostError(runId: write.runId, holder: lease) }
        let now = Date()
        historyRows.append((StateHistoryRow(runId: write.runId, reason: write.reason, writtenAt: now.isoWithOffset,
                                            changedKeys: StateHistoryRow.changedKeys(from: document, to: write.document)), now))
        document = write.document
        writes.append(write)
        for id in write.settles where !settled.contains(id) { settledAt[id] = now.isoWithOffset }
        settled.formUnion(write.settles)
    }

    public var writeReasons: [String] { writes.map(\.reason) }

    public func acquireLease(_ request: LeaseRequest) async throws -> LeaseGrant {
        var previous: LeaseHolder?
        if let current = lease, current.runId != request.holder.runId {
            guard current.expiresAt <= request.now else { throw LeaseHeldError(holder: current) }
            previous = current
        }
        lease = request.holder
        return LeaseGrant(tookOverFrom: previous)
    }

    public func renewLease(runId: String, now: Date, until: Date) async throws {
        guard var current = lease, current.runId == runId else { throw LeaseLostError(runId: runId, holder: lease) }
        current.expiresAt = max(current.expiresAt, until)
        lease = current
    }

    /// Lets a test stand in for another process taking the account over.
    public func replaceLease(with holder: LeaseHolder?) {
        lease = holder
    }

    public func currentLease() async throws -> LeaseHolder? { lease }

    public func releaseLease(runId: String) async throws {
        if lease?.runId == runId { lease = nil }
    }

    public func recordIntent(_ entry: JournalEntry) async throws {
        guard !journal.contains(where: { $0.clientOrderId == entry.clientOrderId }) else { throw DuplicateJournalEntryError(clientOrderId: entry.clientOrderId) }
        journal.append(entry)
    }

    public func recordOutcome(_ outcome: JournalOutcome, clientOrderId: String) async throws {
        guard let index = journal.firstIndex(where: { $0.clientOrderId == clientOrderId }) else { return }
        journal[index].outcome = outcome
        if case .rejected = outcome, settledAt[clientOrderId] == nil { settledAt[clientOrderId] = Date().isoWithOffset }
    }

    public func unsettledEntries() async throws -> [JournalEntry] {
        journal.filter { !settled.contains($0.clientOrderId) && !$0.isFinal }
    }

    public func recentEntries(since: Date) async throws -> [JournalEntry] {
        journal.filter { $0.createdAt >= since }.reversed()
    }
}

/// A second intent under a client order id the journal already holds.
public struct DuplicateJournalEntryError: Error, Equatable {
    public let clientOrderId: String
}

extension JournalEntry {
    /// A rejected entry changed nothing and needs no settling.
    public var isFinal: Bool {
        if case .rejected = outcome { return true }
        return false
    }
}
