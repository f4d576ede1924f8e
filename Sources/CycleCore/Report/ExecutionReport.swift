/// The JSON execution report (docs/report.md): every trade and every no-trade of one cycle, explained.
public struct ExecutionReport: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        case ok, error, aborted
    }

    public var status: Status = .ok
    /// The kill switch as this cycle found it (docs/commands.md#trading-modes-staged-exposure-version); nil when the cycle stopped before
    /// reading it (an aborted or deadline-stopped run), written `unknown`.
    public var tradingMode: TradingMode?
    /// `EXPOSURE_CAP` of this cycle (docs/commands.md#trading-modes-staged-exposure-version).
    public var exposureCap: Double = 1
    /// The runtime target this cycle ran under (`RUNTIME_TARGET_JSON` or the variables).
    public var runtimeTarget: RuntimeTarget?
    /// State vs the account at the end of a live or paper cycle (docs/commands.md#evidence-for-operators); nil otherwise.
    public var reconciliation: Reconciliation?
    public var runId: String
    public var dryRun: Bool
    public var strategyProfile: String
    public var serviceName: String
    /// ISO-8601 with `+00:00`.
    public var startedAt: String
    public var activeTrendPool: [String] = []
    public var selectedCandidates: [String] = []
    public var tradeIntents: [TradeIntent] = []
    public var dcaIntents: [DCAIntent] = []
    public var earnIntents: [EarnIntent] = []
    public var notifications: [NotificationRecord] = []
    public var stateWriteReasons: [String] = []
    public var executedCallCount = 0
    public var suppressedCallCount = 0
    public var gatingEvents: [GatingEvent] = []
    public var errors: [ReportError] = []
    public var logLines: [String] = []
    /// USDT.
    public var totalEquity: Double?
    public var trendEquity: Double?
    public var circuitBreakerTriggered = false
    public var degradedModeLevel: String?
    public var upstreamPoolSymbols: [String] = []
    public var displayName: String
    public var displayNameLocalized: String
    /// The operator's language, in which the report names sell reasons.
    public var language: Config.Language
    public var diagnostics: CycleDiagnostics = CycleDiagnostics()
    /// Unfinished orders of earlier runs resolved before this cycle decided anything.
    public var journalResolutions: [JournalResolution] = []

    public init(runId: String, dryRun: Bool, strategyProfile: String, serviceName: String, startedAt: String,
                displayName: String, displayNameLocalized: String, language: Config.Language = .en,
                exposureCap: Double = 1, runtimeTarget: RuntimeTarget? = nil) {
        self.exposureCap = exposureCap
        self.runtimeTarget = runtimeTarget
        self.runId = runId
        self.dryRun = dryRun
        self.strategyProfile = strategyProfile
        self.serviceName = serviceName
        self.startedAt = startedAt
        self.displayName = displayName
        self.displayNameLocalized = displayNameLocalized
        self.language = language
    }

    public mutating func gate(_ event: GatingEvent) {
        gatingEvents.append(event)
    }

    public mutating func fail(stage: ErrorStage, message: String, status: Status) {
        errors.append(ReportError(stage: stage, message: message))
        self.status = status
    }

    /// Real (not suppressed) alerts whose delivery failed.
    public var undeliveredNotificationCount: Int {
        notifications.filter { $0.deliveryStatus == .failed }.count
    }

    /// docs/strategy.md#the-cycle-step-by-step step 15: an unacknowledged real alert is an error of its own stage.
    public mutating func finalizeNotificationDelivery() {
        guard undeliveredNotificationCount > 0 else { return }
        if !errors.contains(where: { $0.stage == .notificationDelivery }) {
            errors.append(ReportError(stage: .notificationDelivery, message: "Telegram delivery was not acknowledged."))
        }
        if status == .ok { status = .error }
    }

    public var gatingSummary: [String: Int] {
        gatingEvents.reduce(into: [:]) { counts, event in counts[event.gate.wireName, default: 0] += 1 }
    }
}
