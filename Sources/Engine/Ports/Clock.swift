import Foundation

/// The source of "now" and of waits, so tests and replay control time.
public protocol Clock: Sendable {
    func now() -> Date
    /// Waits `seconds` (live retries, polls); throws `CancellationError` when the task is cancelled.
    func sleep(seconds: Double) async throws
}

/// Wall-clock time.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(seconds: Double) async throws {
        try await Task.sleep(nanoseconds: Self.nanoseconds(seconds))
    }

    /// A wait in nanoseconds that never traps: not finite or negative is 0, at most one day.
    public static func nanoseconds(_ seconds: Double) -> UInt64 {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        return UInt64(min(seconds, 86_400) * 1_000_000_000)
    }
}

/// A clock stopped at one instant; sleeps are recorded, not waited.
public final class FixedClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private let instant: Date
    private var slept: [Double] = []

    public init(_ instant: Date) {
        self.instant = instant
    }

    public func now() -> Date { instant }

    public func sleep(seconds: Double) async throws {
        try Task.checkCancellation()
        lock.withLock { slept.append(seconds) }
    }

    public var sleeps: [Double] { lock.withLock { slept } }
}
