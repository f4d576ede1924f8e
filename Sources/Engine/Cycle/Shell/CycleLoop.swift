import Foundation

/// The cycle thread's own executor: the live shell's port calls run as tasks that prefer it, and
/// the cycle thread runs their jobs itself while it waits for an answer (`run(until:)`), one
/// job after another — an event loop on the thread that needs the answers. Nothing waits on
/// Swift concurrency's cooperative pool, and an in-memory port answers without a thread hop.
/// Work that resumes from elsewhere (a network answer, a database queue) is enqueued here and
/// picked up in order. Once the cycle is over (`close`), anything still arriving runs on the
/// shared pool rather than waiting for a loop that is gone.
final class CycleLoop: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var next = 0
    private var closed = false

    func enqueue(_ job: consuming ExecutorJob) {
        condition.lock()
        guard !closed else {
            condition.unlock()
            globalConcurrentExecutor.enqueue(job)
            return
        }
        jobs.append(UnownedJob(job))
        condition.signal()
        condition.unlock()
    }

    /// Runs jobs on the calling thread (the cycle's) until `done` holds; `done` is checked
    /// after every job and whenever the queue is empty.
    func run(until done: () -> Bool) {
        while !done() {
            guard let job = take(orStopIf: done) else { return }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    /// The cycle is over: jobs still queued, and any that arrive later, go to the shared pool.
    func close() {
        condition.lock()
        closed = true
        let left = jobs[next...]
        jobs = []
        next = 0
        condition.unlock()
        for job in left { globalConcurrentExecutor.enqueue(job) }
    }

    private func take(orStopIf done: () -> Bool) -> UnownedJob? {
        condition.lock()
        defer { condition.unlock() }
        while next == jobs.count {
            // `done` is set by a job on this thread, or by a task on another executor before it
            // enqueues nothing more: then the wait below is woken by the signal that follows.
            if done() { return nil }
            condition.wait(until: Date().addingTimeInterval(0.05))
        }
        let job = jobs[next]
        next += 1
        if next == jobs.count || next > 1_024 && next * 2 > jobs.count {
            jobs.removeFirst(next)
            next = 0
        }
        return job
    }
}
