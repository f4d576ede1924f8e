import Foundation
@testable import Backtest
import Testing

/// The backtest's loop runs with this executor as its task executor preference: the cycle's
/// child tasks and the default actors it awaits must run on the executor's one thread, and a
/// job enqueued from another thread (a GRDB write resuming) must still be run.
@Suite struct SingleThreadExecutorTests {
    @Test func childTasksAndActorsRunOnTheExecutorsThread() async throws {
        let executor = SingleThreadExecutor(name: "test-executor")
        defer { executor.shutdown() }
        let counter = Counter()
        let onExecutor = await withTaskExecutorPreference(executor) {
            await withTaskGroup(of: Placement.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        await counter.increment()
                        return Placement(executor.isCurrent)
                    }
                }
                async let another = Placement(executor.isCurrent)
                var placements: [Bool] = []
                for await placement in group { placements.append(placement.onExecutor) }
                placements.append(await another.onExecutor)
                placements.append(await counter.runs(on: executor))
                return placements
            }
        }
        #expect(onExecutor.count == 52)
        #expect(onExecutor.allSatisfy { $0 })
        #expect(await counter.value == 50)
        #expect(!executor.isCurrent)
    }

    @Test func aContinuationResumedFromAnotherThreadRunsOnTheExecutor() async throws {
        let executor = SingleThreadExecutor(name: "test-executor")
        defer { executor.shutdown() }
        let placements = await withTaskExecutorPreference(executor) {
            let resumer = await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: executor.isCurrent) }
            }
            return [resumer, executor.isCurrent]
        }
        #expect(placements == [false, true])
    }
}

private actor Counter {
    private(set) var value = 0
    func increment() { value += 1 }
    func runs(on executor: SingleThreadExecutor) -> Bool { executor.isCurrent }
}

/// Whether a child ran on the executor (a struct, not a tuple, out of a task group's child).
private struct Placement: Sendable {
    let onExecutor: Bool
    init(_ onExecutor: Bool) { self.onExecutor = onExecutor }
}
