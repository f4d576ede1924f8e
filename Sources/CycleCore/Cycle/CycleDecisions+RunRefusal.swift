import Foundation

/// The exchange refusing the run as a whole (an IP ban, a rate limit not waited out) ends the
/// cycle in `error` with the System Crash alert wherever it is met — also in a step that goes
/// on without its answer (Simple Earn reads, the cash buffer, an order's trades).
extension CycleDecisions {
    /// Stops the cycle here when the exchange has refused the run (called where a failed read or
    /// move would otherwise be alerted and passed over).
    mutating func stopIfTheExchangeRefusedTheRun() throws {
        if let cause = world.runRefusal() { throw ExchangeRefusedRunError(cause: cause, stoppedEarly: true) }
    }

    /// At the end of a cycle that would be `ok` (a refusal a step passed over), or where the
    /// cycle stops at once (`stage` `client`: the first request met it): the cycle ends `error`
    /// with the alert. True when it did.
    @discardableResult
    mutating func failIfTheExchangeRefusedTheRun(stage: ErrorStage = .executeCycle) -> Bool {
        guard report.status == .ok, let cause = world.runRefusal() else { return false }
        let message = "\(ExchangeRefusedRunError(cause: cause, stoppedEarly: stage == .client))"
        report.fail(stage: stage, message: message, status: .error)
        notify(.systemCrash(detail: String(message.prefix(300))))
        return true
    }
}

/// The exchange refused this run as a whole: nothing the cycle still had to do can be trusted to
/// get through, and the operator must find the cause before the next run.
struct ExchangeRefusedRunError: Error, CustomStringConvertible {
    let cause: String
    /// True when the cycle stopped where it met it; false when a step went on without the answer.
    let stoppedEarly: Bool

    var description: String {
        "The exchange refused this run: \(cause.trimmingCharacters(in: CharacterSet(charactersIn: ". "))). "
            + (stoppedEarly ? "The cycle stopped there" : "The steps that needed the exchange's answer were skipped")
            + "; fix the cause before the next run."
    }
}
