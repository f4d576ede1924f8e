import Foundation

/// One request to a peer, as the call audit keeps it (SPEC §13.3): never the query string, a
/// header value or a body, so no signature, key or token can end up in it.
public struct CallRecord: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        /// An HTTP answer below 300.
        case ok
        /// An HTTP answer of 400 or more, or a redirect (3xx, refused: never followed).
        case error
        /// No answer within the timeout.
        case timeout
        /// The connection failed.
        case transport
    }

    public var at: Date
    /// `binance`, `firestore`, `google`, `telegram`.
    public var peer: String
    public var method: String
    /// The URL's path only.
    public var path: String
    public var status: Int?
    /// The peer's own error code when its error answer carries one (`{"code": -1003}`).
    public var code: Int?
    public var latencyMilliseconds: Double
    /// Binance's `X-MBX-USED-WEIGHT-1M` after this request.
    public var usedWeight: Int?
    public var outcome: Outcome

    public init(at: Date, peer: String, method: String, path: String, status: Int?, code: Int?, latencyMilliseconds: Double,
                usedWeight: Int?, outcome: Outcome) {
        self.at = at
        self.peer = peer
        self.method = method
        self.path = path
        self.status = status
        self.code = code
        self.latencyMilliseconds = latencyMilliseconds
        self.usedWeight = usedWeight
        self.outcome = outcome
    }
}

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
