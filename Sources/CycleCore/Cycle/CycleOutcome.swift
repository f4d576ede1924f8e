import Foundation

/// What one cycle produced: the report and the state document as it stands at the end
/// (persisted in a live run; only returned in a dry run).
public struct CycleOutcome: Sendable {
    public var report: ExecutionReport
    /// nil when the cycle stopped before state was loaded.
    public var state: TradeState?
    /// The state as the document it is persisted as (encoded when asked for: most callers only read the report).
    public var finalState: JSONValue? { state?.document }
    /// What the decisions read, when the shell recorded it (a live or paper cycle that is not a dry run).
    public var recordedInputs: RecordedInputs?

    public init(report: ExecutionReport, state: TradeState?) {
        self.report = report
        self.state = state
    }
}
