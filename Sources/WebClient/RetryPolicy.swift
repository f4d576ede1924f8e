/// When an adapter asks a peer again after a failure it may retry, and when it gives up: at
/// most `attempts` tries (the first included), a wait before each retry — the peer's own
/// `Retry-After` when it sent one, else `backoff(failedAttempt)` — and no more than
/// `totalWaitSeconds` of waiting altogether. One rule for Binance reads, Firestore reads and
/// Telegram sends; each adapter keeps its own numbers and decides which failures are retryable.
public struct RetryPolicy: Sendable {
    public var attempts: Int
    public var totalWaitSeconds: Double
    private let backoff: @Sendable (Int) -> Double

    public init(attempts: Int, totalWaitSeconds: Double, backoff: @escaping @Sendable (Int) -> Double) {
        self.attempts = max(1, attempts)
        self.totalWaitSeconds = max(0, totalWaitSeconds)
        self.backoff = backoff
    }

    /// The wait before trying again after `failedAttempt` (1 = the first try) failed, or nil to
    /// give up: out of attempts, or the wait would take `waited` past the budget. A `retryAfter`
    /// from outside that is negative, not finite or absurd is not a wait: it gives up.
    public func delay(afterAttempt failedAttempt: Int, retryAfter: Double?, waited: Double) -> Double? {
        guard failedAttempt < attempts else { return nil }
        let wait = retryAfter ?? backoff(failedAttempt)
        guard wait.isFinite, wait >= 0, waited + wait <= totalWaitSeconds else { return nil }
        return wait
    }
}
