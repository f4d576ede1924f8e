import Foundation

/// Carries the synchronous cycle's calls to the async ports. The cycle runs on a thread of its
/// own (`CycleThread`), outside Swift concurrency's cooperative pool; each call runs as a task
/// that prefers that thread's `CycleLoop`, which the thread drives until the answer is in, so
/// waiting never holds a thread the answer needs. One call at a time, in the order the cycle
/// makes them; each task carries the cycle's run id in its log context.
final class PortBridge: @unchecked Sendable {
    private let runId: String
    private let loop = CycleLoop()
    private let lock = NSLock()
    private var inFlight: Task<Void, Never>?
    private var cancelled = false

    init(runId: String) {
        self.runId = runId
    }

    /// Runs `call` to its end and returns its answer (or throws its error) on the calling thread.
    func run<Answer: Sendable>(_ call: @escaping @Sendable () async throws -> Answer) throws -> Answer {
        let answer = AnswerBox<Answer>()
        let runId = runId
        lock.withLock {
            let task = Task(executorPreference: loop) {
                await CycleLogContext.$runId.withValue(runId) {
                    do { answer.set(.success(try await call())) } catch { answer.set(.failure(error)) }
                }
            }
            inFlight = task
            if cancelled { task.cancel() }
        }
        loop.run { answer.isSet }
        lock.withLock { inFlight = nil }
        return try answer.get().get()
    }

    /// Starts `work` beside the calls that follow (the indicators' klines while the account is
    /// read); the caller waits for it through `run` when it needs it.
    func start(_ work: @escaping @Sendable () async -> Void) -> Task<Void, Never> {
        let runId = runId
        return Task(executorPreference: loop) { await CycleLogContext.$runId.withValue(runId) { await work() } }
    }

    /// The cycle is over: what its tasks still enqueue runs on the shared pool.
    func close() {
        loop.close()
    }

    /// The cycle's caller was cancelled: the call in flight and every later one see it.
    func cancel() {
        lock.withLock {
            cancelled = true
            inFlight?.cancel()
        }
    }
}

/// A call's answer, handed from the task that produced it to the waiting thread (a class: the
/// waiting thread reads it once the task has set it). Until then it holds
/// a cancellation, which is what a call that never ran would answer.
private final class AnswerBox<Answer: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Answer, any Error> = .failure(CancellationError())
    private var answered = false

    var isSet: Bool { lock.withLock { answered } }
    func set(_ value: Result<Answer, any Error>) {
        lock.withLock {
            result = value
            answered = true
        }
    }
    func get() -> Result<Answer, any Error> { lock.withLock { result } }
}
