import Engine
import Foundation

/// The cycle's store in a backtest: the state document carried from one cycle to the next in
/// memory (as a `JSONValue`, never as text), the lease, and the order journal's entries until a
/// state write settles them. Unlike `InMemoryStateStore` it keeps no history of writes, so a
/// run of 70,000 cycles holds one document, not 70,000.
public actor BacktestStore: CycleStore {
    public private(set) var document: JSONValue?
    private var lease: LeaseHolder?
    private var open: [JournalEntry] = []

    public init(document: JSONValue? = nil) {
        self.document = document
    }

    public func load() async throws -> JSONValue? { document }

    public func write(_ write: StateWrite) async throws {
        guard LeaseHolder.permitsWrite(lease, runId: write.runId, at: write.at) else { throw LeaseLostError(runId: write.runId, holder: lease) }
        document = write.document
        if !write.settles.isEmpty {
            let settled = Set(write.settles)
            open.removeAll { settled.contains($0.clientOrderId) }
        }
    }

    public func acquireLease(_ request: LeaseRequest) async throws -> LeaseGrant {
        if let current = lease, current.runId != request.holder.runId, current.expiresAt > request.now {
            throw LeaseHeldError(holder: current)
        }
        lease = request.holder
        return LeaseGrant(tookOverFrom: nil)
    }

    public func renewLease(runId: String, now: Date, until: Date) async throws {
        guard var current = lease, current.runId == runId else { throw LeaseLostError(runId: runId, holder: lease) }
        current.expiresAt = max(current.expiresAt, until)
        lease = current
    }

    public func releaseLease(runId: String) async throws {
        if lease?.runId == runId { lease = nil }
    }

    public func currentLease() async throws -> LeaseHolder? { lease }

    public func recordIntent(_ entry: JournalEntry) async throws {
        open.append(entry)
    }

    public func recordOutcome(_ outcome: JournalOutcome, clientOrderId: String) async throws {
        guard let index = open.firstIndex(where: { $0.clientOrderId == clientOrderId }) else { return }
        open[index].outcome = outcome
        if open[index].isFinal { open.remove(at: index) }
    }

    public func unsettledEntries() async throws -> [JournalEntry] { open }

    public func recentEntries(since: Date) async throws -> [JournalEntry] {
        open.filter { $0.createdAt >= since }.reversed()
    }
}
