import Engine
import Foundation

/// The whole cycle ends within `CYCLE_DEADLINE_SECONDS`, whatever the peers do. A Dispatch
/// timer on its own queue — outside Swift concurrency's cooperative pool, so it fires even when
/// every task is stuck — stops a cycle that overran: it releases the lease and sends the alert
/// (each through the cycle's own store and notifier, bounded to 15 s together), writes an `error`
/// report (reports/<run id>.json, and stdout with `--json`), and exits 1. The next cron run
/// then starts on a free lease and settles the journal as after any crash.
/// Once the cycle's report is being kept (`reportKept`) the watchdog can no longer change the
/// outcome: should what follows (retention, the healthcheck ping) still overrun, it only ends the
/// process with the cycle's own exit status — no second report, no alert.
final class CycleDeadline: @unchecked Sendable {
    /// What the watchdog needs to clean up, filled in as the run gets that far.
    struct Context: Sendable {
        var runId: String
        var dryRun: Bool
        var strategyProfile: String
        var serviceName: String
        var reportFolder: URL?
        /// Keeps a report in the deployment's store when it has no folder (Firestore).
        var keepInStore: (@Sendable (String) async -> Void)?
        var printJSON = false
        /// Releases this run's lease (nil before it is taken, and in a dry run).
        var releaseLease: (@Sendable () async -> Void)?
        /// Sends an alert through the run's notifier.
        var alert: (@Sendable (String) async -> DeliveryReceipt)?
    }

    let seconds: Int
    private let queue = DispatchQueue(label: "cycle.deadline")
    private let lock = NSLock()
    private var context: Context
    private var timer: DispatchSourceTimer?
    private let startedAt = Date()
    private var phase = Phase.running

    private enum Phase {
        case running
        /// The cycle is writing its report (`text`): a deadline now keeps that report, not one of its own.
        case keepingReport(exitCode: Int32, text: String)
        /// The cycle's report file is kept; the process ends with this status.
        case reportKept(exitCode: Int32)
        /// The watchdog is stopping the cycle.
        case expiring
    }

    private init(seconds: Int, context: Context) {
        self.seconds = seconds
        self.context = context
    }

    /// Starts the clock for one run.
    static func arm(seconds: Int, context: Context) -> CycleDeadline {
        let deadline = CycleDeadline(seconds: seconds, context: context)
        let timer = DispatchSource.makeTimerSource(queue: deadline.queue)
        timer.schedule(deadline: .now() + .seconds(seconds))
        timer.setEventHandler { [deadline] in deadline.expire() }
        deadline.timer = timer
        timer.resume()
        return deadline
    }

    func update(_ change: (inout Context) -> Void) {
        lock.withLock { change(&context) }
    }

    /// The cycle ended on its own: nothing more to watch.
    func disarm() {
        lock.withLock { timer?.cancel() }
    }

    /// The cycle is about to keep its report (`text`), which decides its outcome. False when the
    /// watchdog is already stopping the cycle: then it keeps its own report and ends the process.
    func willKeepReport(exitCode: Int32, text: String) -> Bool {
        lock.withLock {
            if case .expiring = phase { return false }
            phase = .keepingReport(exitCode: exitCode, text: text)
            return true
        }
    }

    /// The cycle's report file is written (its database row may still be on its way).
    func reportFileKept() {
        lock.withLock {
            if case .keepingReport(let exitCode, _) = phase { phase = .reportKept(exitCode: exitCode) }
        }
    }

    private func expire() {
        let (phaseBefore, context) = lock.withLock { () -> (Phase, Context) in
            let before = phase
            if case .running = before { phase = .expiring }
            return (before, self.context)
        }
        switch phaseBefore {
        case .running: break
        case .expiring: return
        case .reportKept(let exitCode):
            Console.error("The cycle's report was kept; what followed it (retention, healthcheck ping) did not end within "
                + "CYCLE_DEADLINE_SECONDS (\(seconds) s) and was cut short. The cycle's outcome stands.")
            exit(exitCode)
        case .keepingReport(let exitCode, let text):
            Console.error("The deadline of \(seconds) s (CYCLE_DEADLINE_SECONDS) fell while the cycle's own report was being kept "
                + "(the store was slow to take it); the watchdog kept that report as a file. The cycle's outcome stands.")
            keep(text, context: context)
            exit(exitCode)
        }
        let message = "The cycle did not end within its deadline of \(seconds) s (CYCLE_DEADLINE_SECONDS) and was stopped; "
            + "a peer stopped answering. Orders it sent are in the journal and are settled by the next cycle."
        Console.error(message)
        let cleanup = DeadlineCleanup()
        let finished = DispatchSemaphore(value: 0)
        Task.detached {
            await context.releaseLease?()
            cleanup.leaseReleased = context.releaseLease != nil
            if let alert = context.alert {
                let text = MessageCatalog(language: .en).text(.systemCrash) + "\n" + message
                cleanup.alert = (text, await alert(text))
            }
            finished.signal()
        }
        let cleanedUp = finished.wait(timeout: .now() + 15) == .success
        writeReport(message: message, context: context, cleanup: cleanedUp ? cleanup : DeadlineCleanup())
        exit(CycleExit.error.rawValue)
    }

    private func writeReport(message: String, context: Context, cleanup: DeadlineCleanup) {
        var report = ExecutionReport(runId: context.runId, dryRun: context.dryRun, strategyProfile: context.strategyProfile,
                                     serviceName: context.serviceName, startedAt: startedAt.isoWithOffset,
                                     displayName: "", displayNameLocalized: "")
        report.fail(stage: .deadline, message: message, status: .error)
        report.logLines = [cleanup.leaseReleased ? "lease released by the deadline watchdog" : "lease not released (the store did not answer); it expires on its own"]
        if let (text, receipt) = cleanup.alert {
            let record: NotificationRecord = switch receipt {
            case .sent: NotificationRecord(text: text, deliveryStatus: .sent, acknowledged: true)
            case .failed(let errorType): NotificationRecord(text: text, deliveryStatus: .failed, acknowledged: false, errorType: errorType)
            case .logged: NotificationRecord(text: text, deliveryStatus: .logged, acknowledged: false)
            }
            report.notifications.append(record)
        }
        keep(JSONWriter.string(report.json) + "\n", context: context)
    }

    /// A report as the cycle would keep it: printed with `--json`, and a new file in reports/.
    private func keep(_ text: String, context: Context) {
        if context.printJSON { print(text, terminator: "") }
        if let keepInStore = context.keepInStore {
            let kept = DispatchSemaphore(value: 0)
            Task.detached {
                await keepInStore(text)
                kept.signal()
            }
            if kept.wait(timeout: .now() + 10) == .timedOut { Console.error("The deadline report could not be kept in the store within 10 s.") }
        }
        guard let folder = context.reportFolder?.appendingPathComponent("reports") else { return }
        do {
            try OutputFile.createFolder(folder)
            _ = try OutputFile.createNumbered(in: folder, stem: context.runId, extension: "json", with: Data(text.utf8))
        } catch {
            Console.error("The deadline report could not be kept: \(error)")
        }
    }
}

/// What the watchdog's cleanup managed (written from the cleanup task, read after it signalled).
private final class DeadlineCleanup: @unchecked Sendable {
    var leaseReleased = false
    var alert: (String, DeliveryReceipt)?
}
