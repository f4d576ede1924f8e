import Foundation

/// One request to a peer, as the call audit keeps it (docs/commands.md#evidence-for-operators): never the query string, a
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
