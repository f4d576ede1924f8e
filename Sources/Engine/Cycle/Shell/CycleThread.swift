import Foundation

/// The thread a cycle's decisions run on: its own, not one of Swift concurrency's cooperative
/// pool, so the cycle may wait there for each effect (`PortBridge`) while the ports' tasks run
/// on the pool.
enum CycleThread {
    /// As deep as a main thread's stack: decoding a state document recurses.
    static let stackBytes = 8 << 20

    static func start(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.name = "cycle"
        thread.stackSize = stackBytes
        thread.start()
    }
}
