import Foundation

/// The kill switch (docs/commands.md#trading-modes-staged-exposure-version), checked under the lease before anything touches the exchange.
extension CycleDecisions {
    /// Records the mode in the report; in `halt`, stops the cycle here: gate `trading_halted`
    /// (detail: the operator's reason), one reminder alert per UTC day, no exchange call at all.
    /// Returns true when the cycle must stop.
    mutating func stopIfHalted(_ stored: StoredState) throws -> Bool {
        let control = stored.operatorControl
        report.tradingMode = control?.mode ?? .run
        guard let control, control.mode == .halt else { return false }
        report.gate(GatingEvent(gate: .tradingHalted, category: .operatorControl, detail: .text(control.reason)))
        world.note(.haltedByOperator(setBy: control.setBy, reason: control.reason))
        guard control.remindedOn != today.iso else { return true }
        notify(.tradingHalted(reason: control.reason, setBy: control.setBy))
        try recordReminder(in: stored)
        return true
    }

    /// Writes today's date into `operator_control.reminded_on`, leaving the rest of the stored
    /// document exactly as it was (a halted cycle decides nothing else).
    private mutating func recordReminder(in stored: StoredState) throws {
        guard var document = stored.document?.objectValue, var control = document["operator_control"]?.objectValue else { return }
        control["reminded_on"] = .string(today.iso)
        document["operator_control"] = .object(control)
        report.stateWriteReasons.append("operator_control_reminder")
        if dryRun {
            report.suppressedCallCount += 1
            return
        }
        try world.writeState(StateWriteRequest(content: .document(.object(document)), reason: "operator_control_reminder", runId: runId, settles: [],
                                                           at: world.wallNow()))
        report.executedCallCount += 1
    }
}
