import Engine
import Foundation

/// `cycle health`'s verdict, for a monitor: healthy only when the newest cycle ended `ok` no
/// longer ago than the allowed age. The newest cycle is the store's last kept run, or a report
/// file beside the local store that is newer (an aborted cycle, or one the deadline stopped,
/// leaves only the file).
public struct CycleHealth {
    /// The newest cycle as the store or a report file saw it.
    public struct LastCycle: Sendable, Equatable {
        public var runId: String
        public var status: String
        /// When it was kept; nil when the store does not know (its age is then unknown: too old).
        public var savedAt: Date?
        /// The report's first error, when read from a report file.
        public var firstError: String?

        public init(runId: String, status: String, savedAt: Date?, firstError: String? = nil) {
            self.runId = runId
            self.status = status
            self.savedAt = savedAt
            self.firstError = firstError
        }
    }

    public enum Verdict: Sendable, Equatable {
        case healthy(String)
        case unhealthy(String)

        public var line: String {
            switch self {
            case .healthy(let reason): "healthy: " + reason
            case .unhealthy(let reason): "unhealthy: " + reason
            }
        }
    }

    /// The most a healthy cycle may be old, in seconds, and as the operator spelled it (`2h`).
    public let maxAgeSeconds: Double
    public let maxAgeText: String

    public init(maxAgeSeconds: Double, maxAgeText: String) {
        self.maxAgeSeconds = maxAgeSeconds
        self.maxAgeText = maxAgeText
    }

    /// The newer of the store's last run and the newest report file missing from the store.
    public static func newest(stored: LastCycle?, file: LastCycle?) -> LastCycle? { file ?? stored }

    public func verdict(_ last: LastCycle?, account: String, now: Date) -> Verdict {
        guard let last else { return .unhealthy("no cycle has finished yet for account \(account)") }
        let age = last.savedAt.map { now.timeIntervalSince($0) } ?? .infinity
        let ageText = age.isFinite ? "\(Int(age / 60)) min ago" : "at an unknown time"
        guard last.status == ExecutionReport.Status.ok.rawValue else {
            let reason = last.firstError.map { ": " + String($0.prefix(300)) } ?? ""
            return .unhealthy("the last cycle (\(last.runId), \(ageText)) ended \(last.status)\(reason); see its report")
        }
        guard age <= maxAgeSeconds else {
            return .unhealthy("the last cycle (\(last.runId)) ended ok \(ageText), longer ago than \(maxAgeText); is cron running?")
        }
        return .healthy("the last cycle (\(last.runId)) ended ok \(ageText)")
    }
}
