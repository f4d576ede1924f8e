import Engine
import Foundation

/// Retention: the store's old rows and the report files beside it.
public struct Retention {
    public struct Removed: Sendable {
        public var rows = PruneCounts()
        public var reportFiles = 0
        public var total: Int { rows.total + reportFiles }
        public init() {}
    }

    public let store: any DeploymentStore
    /// The report files' folder beside the local store; nil with Firestore (no files).
    public let reportsFolder: URL?

    public init(store: any DeploymentStore, reportsFolder: URL?) {
        self.store = store
        self.reportsFolder = reportsFolder
    }

    /// Rows (or documents) and report files older than `days`; never the state document, an
    /// unsettled journal entry or the newest state write.
    public func prune(olderThanDays days: Int, now: Date = Date()) async throws -> Removed {
        let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
        var removed = Removed()
        removed.rows = try await store.prune(before: cutoff)
        guard let reportsFolder else { return removed }
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: reportsFolder.path)) ?? [] where name.hasSuffix(".json") {
            let url = reportsFolder.appendingPathComponent(name)
            guard let modified = (try? manager.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date, modified < cutoff else { continue }
            if (try? manager.removeItem(at: url)) != nil { removed.reportFiles += 1 }
        }
        return removed
    }
}
