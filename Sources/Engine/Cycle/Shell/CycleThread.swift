import Foundation

/// A thread the cycle's decisions run on: its own, not one of Swift concurrency's cooperative
/// pool, so the cycle may wait there for each effect (`PortBridge`, `CycleLoop`) while nothing
/// of the pool is held. A live run starts one for its one cycle; a backtest runs its whole
/// simulation on one (`BacktestRunner`), so an hour does not pay for a thread.
public final class CycleThread: @unchecked Sendable {
    /// As deep as a main thread's stack: decoding a state document recurses.
    static let stackBytes = 8 << 20

    private let condition = NSCondition()
    private var work: [@Sendable () -> Void] = []
    private var stopped = false

    public init(name: String = "cycle") {
        let thread = Thread { [self] in serve() }
        thread.name = name
        thread.stackSize = Self.stackBytes
        thread.start()
    }

    /// Runs `body` on this thread after what was handed to it before.
    public func perform(_ body: @escaping @Sendable () -> Void) {
        condition.lock()
        work.append(body)
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread end once what was handed to it has run.
    public func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func serve() {
        while let body = take() { body() }
    }

    private func take() -> (@Sendable () -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        while work.isEmpty {
            if stopped { return nil }
            condition.wait()
        }
        return work.removeFirst()
    }
}
