import Foundation

/// Misbehaviour the fake Binance can be told to show, on a path (or every path), a number of times.
public enum FakeBinanceFault: Sendable, Equatable {
    /// Answer with this HTTP status and Binance error body, plus `Retry-After` when given.
    case status(Int, code: Int, message: String, retryAfter: Int? = nil)
    /// `-1021 Timestamp for this request is outside of the recvWindow.`
    case timestampOutsideRecvWindow
    /// Wait this long before answering (past the client's timeout, the client sees a timeout).
    case delay(seconds: Double)
    /// Carry out the request (an order is placed), then answer 503 without its result.
    case executeThenFail
    /// Carry out the request, then wait this long before answering.
    case executeThenDelay(seconds: Double)
    /// Answer 200 with a body that is not JSON.
    case malformedJSON
    /// Fill only `share` of a market order's quantity and report it `EXPIRED`.
    case partialFill(share: Decimal)
    /// `-2013 Order does not exist.` for this many lookups even though the order exists.
    case orderNotYetVisible
    /// Answer with a redirect (`status`, e.g. 307) to the same path and query on `origin`, doing nothing.
    case redirect(status: Int, to: URL)
}

/// A fault waiting for its requests.
struct PendingFault: Sendable {
    let fault: FakeBinanceFault
    /// `METHOD /path`, or nil for every request.
    let route: String?
    var remaining: Int
}
