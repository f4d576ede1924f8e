import Foundation

/// What one run of the cycle's decisions is told besides `Config`: the moment it runs at, who
/// runs it, and how much it writes down. A shell fills it in; the decisions read nothing else
/// from their surroundings.
public struct CycleRunSettings: Sendable {
    /// The trading clock's moment: market data, calendar days and cooldowns are of this moment.
    public var now: Date
    /// Host name and process id recorded with the lease, so an operator can find the holder.
    public var host: String
    public var processId: Int32
    /// Mixed into a live run's client order ids so a repeated run id never repeats an id.
    public var runNonce: String
    /// The account key the state belongs to (named in the reconciliation).
    public var account: String
    /// Whether a live cycle ends by reconciling with the exchange.
    public var reconcilesAtEnd: Bool
    /// Whether the report's human-readable `log_lines` are rendered.
    public var rendersLogLines: Bool

    public init(now: Date, host: String, processId: Int32, runNonce: String, account: String = "", reconcilesAtEnd: Bool = false,
                rendersLogLines: Bool = true) {
        self.now = now
        self.host = host
        self.processId = processId
        self.runNonce = runNonce
        self.account = account
        self.reconcilesAtEnd = reconcilesAtEnd
        self.rendersLogLines = rendersLogLines
    }
}
