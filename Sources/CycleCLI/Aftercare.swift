import Engine
import Operations
import Foundation
import Logging
import WebClient
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What a live or paper cycle does after its report is kept (docs/commands.md#evidence-for-operators): prune what is older
/// than `CYCLE_RETENTION_DAYS`, then ping `HEALTHCHECK_PING_URL`. Neither changes the cycle's
/// outcome: a failure is logged and the exit code stays the cycle's.
struct Aftercare {
    let settings: Settings
    let store: any DeploymentStore
    /// The report files' folder; nil with Firestore (the runner keeps no files).
    let reportsFolder: URL?
    let logger = Logger(label: "cycle.aftercare")

    func run(status: ExecutionReport.Status) async {
        await prune(days: settings.retentionDays)
        await ping(ok: status == .ok)
    }

    /// Rows and report files older than `days`; the state document and unsettled journal
    /// entries are never pruned. Returns what was removed.
    @discardableResult
    func prune(days: Int) async -> Retention.Removed {
        do {
            let removed = try await Retention(store: store, reportsFolder: reportsFolder).prune(olderThanDays: days)
            if removed.total > 0 {
                logger.info("retention pruned", metadata: ["retention.days": "\(days)", "retention.rows": "\(removed.rows.total)",
                                                           "retention.report_files": "\(removed.reportFiles)"])
            }
            return removed
        } catch {
            logger.warning("retention failed", metadata: ["error": .string("\(error)")])
            return Retention.Removed()
        }
    }

    /// `URL` after an ok cycle, `URL/fail` otherwise (healthchecks.io's convention; no `/start`
    /// ping: a cycle that never ends is what the check's period and grace time catch). One
    /// attempt, 10 s in all whatever the peer does, at most 4 KB of its answer read.
    private func ping(ok: Bool) async {
        guard let base = settings.healthcheckPingURL else { return }
        let text = ok ? base : (base.hasSuffix("/") ? base + "fail" : base + "/fail")
        guard let url = URL(string: text) else { return }
        let result = await BoundedFetch.get(url, totalSeconds: Self.pingSeconds, maximumBytes: Self.pingAnswerBytes)
        let metadata: Logger.Metadata = ["ping.bytes_read": "\(result.bytesRead)", "ping.cut_short": "\(result.cutShort)"]
        switch result.outcome {
        case .answered(let status) where (200..<300).contains(status):
            logger.info("healthcheck ping answered", metadata: metadata.merging(["http.status": "\(status)"]) { $1 })
        case .answered(let status):
            logger.warning("healthcheck ping refused", metadata: metadata.merging(["http.status": "\(status)"]) { $1 })
        case .timedOut:
            logger.warning("healthcheck ping abandoned", metadata: metadata.merging(["ping.seconds": "\(Int(Self.pingSeconds))"]) { $1 })
        case .failed(let reason):
            logger.warning("healthcheck ping failed", metadata: metadata.merging(["error": .string(reason)]) { $1 })
        }
    }

    static let pingSeconds: Double = 10
    static let pingAnswerBytes = 4096
}
