import Engine
import Foundation

/// Where a finished cycle's report is kept: in the deployment's store with the run's call
/// audit (one write), and beside the local store also as `reports/<run id>.json` — numbered
/// `<run id>.2.json`, `.3`, … when that run id was used before, so an earlier run's report is
/// never overwritten. With Firestore there is no folder: the store is the only copy.
public struct ReportArchive {
    /// What was kept, and where an operator finds it.
    public struct Kept: Sendable {
        /// The report file's path, else the store's location.
        public var location: String
        /// Set when the file has the report but the store did not take the run (local store only:
        /// the audit and the store's copy are missing; nothing else is).
        public var storeProblem: String?
    }

    public let store: any DeploymentStore
    /// `reports/` beside the local store; nil with Firestore.
    public let reportsFolder: URL?

    public init(store: any DeploymentStore, reportsFolder: URL?) {
        self.store = store
        self.reportsFolder = reportsFolder
    }

    /// Keeps the report. `fileKept` is called once the report is safe somewhere (the file, or
    /// the store's copy), so a watchdog knows it need not keep its own. Throws when the report
    /// is kept nowhere: the caller must then print it rather than lose it.
    public func keep(_ run: KeptRun, fileKept: () -> Void) async throws -> Kept {
        var kept = Kept(location: store.location)
        if let reportsFolder, let text = run.report {
            try OutputFile.createFolder(reportsFolder)
            kept.location = try OutputFile.createNumbered(in: reportsFolder, stem: run.runId, extension: "json", with: Data(text.utf8)).path
            fileKept()
        }
        do {
            try await store.keepRun(run)
        } catch where reportsFolder != nil {
            kept.storeProblem = "\(error)"
            return kept
        }
        fileKept()
        return kept
    }
}
