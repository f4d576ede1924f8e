import Engine
import Foundation

/// The requests this process made, collected by every `HTTPTransport` and written to the local
/// store once, at the end of the cycle (no write per request slows the cycle). Bounded: past
/// `capacity` records the oldest are dropped.
public actor CallAudit {
    /// The process's audit: one cycle per process, so one collection.
    public static let process = CallAudit()

    public static let capacity = 20_000
    private var records: [CallRecord] = []

    public init() {}

    public func record(_ record: CallRecord) {
        records.append(record)
        if records.count > Self.capacity { records.removeFirst(records.count - Self.capacity) }
    }

    /// Everything collected so far, emptying the collection.
    public func drain() -> [CallRecord] {
        defer { records.removeAll() }
        return records
    }
}
