import Foundation

/// Runs every job on one thread of its own. A backtest's cycle reads in-memory ports: the child
/// tasks a live cycle starts to overlap network round trips (`async let`) finish in
/// microseconds, and handing each to another thread of the shared pool (a futex wake and a
/// context switch per hop) costs more than the work. Under `withTaskExecutorPreference` the
/// cycle, its child tasks and the default actors it calls all run here, one job after another.
/// Jobs enqueued from other threads (a GRDB write resuming) are picked up in order.
final class SingleThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var next = 0
    private var stopped = false
    private var worker: pthread_t?

    init(name: String) {
        let thread = Thread { [self] in work() }
        thread.name = name
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        condition.lock()
        // After shutdown nothing would run it here: the shared pool does, rather than the task hanging.
        guard !stopped else {
            condition.unlock()
            globalConcurrentExecutor.enqueue(job)
            return
        }
        jobs.append(UnownedJob(job))
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread end once the jobs already enqueued have run.
    func shutdown() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    /// Whether the caller runs on this executor's thread.
    var isCurrent: Bool {
        condition.lock()
        defer { condition.unlock() }
        return worker.map { pthread_equal($0, pthread_self()) != 0 } ?? false
    }

    private func work() {
        condition.lock()
        worker = pthread_self()
        condition.unlock()
        while let job = take() {
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
        condition.lock()
        worker = nil
        condition.unlock()
    }

    private func take() -> UnownedJob? {
        condition.lock()
        defer { condition.unlock() }
        while next == jobs.count {
            if stopped { return nil }
            condition.wait()
        }
        let job = jobs[next]
        next += 1
        // Drop what has run once it is half the queue (tasks that keep waking each other may never drain it).
        if next == jobs.count || next > 1_024 && next * 2 > jobs.count {
            jobs.removeFirst(next)
            next = 0
        }
        return job
    }
}
