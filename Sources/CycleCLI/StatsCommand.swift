import ArgumentParser
import Engine
import Operations
import Foundation
import LocalStore

/// `cycle stats`: the call audit and the kept reports summed up (docs/commands.md#evidence-for-operators), each figure with
/// its verdict; a table for people, JSON for machines, a Prometheus textfile for node_exporter.
struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Per peer and endpoint: requests, error %, p50/p95/p99 latency; cycles by status and pool rung; orders per day."
    )
    @OptionGroup var store: StoreOptions
    @Option(help: "Window: 1h, 24h, 7d… (default 24h).")
    var since = "24h"
    @Flag(help: "JSON instead of a table.")
    var json = false
    @Option(help: "Also write the figures in Prometheus' text format to this file (for node_exporter's textfile collector).")
    var prometheus: String?

    /// The window reaches back at most as far as `CYCLE_RETENTION_DAYS` can keep rows (36,500 days).
    static let longestWindowSeconds = 36_500.0 * 86_400

    func validate() throws {
        guard let seconds = Health.seconds(since) else { throw ValidationError("--since '\(since)' is not a duration such as 1h, 24h or 7d") }
        guard seconds <= Self.longestWindowSeconds else {
            throw ValidationError("--since '\(since)' reaches back further than 36500d (100 years, the longest CYCLE_RETENTION_DAYS keeps); use a shorter window")
        }
        try OperatorFile.check(prometheus, option: "--prometheus")
    }

    func run() async throws {
        let state = try await StateAccess(options: store)
        let start = Date().addingTimeInterval(-(Health.seconds(since) ?? 86_400))
        // Aborted and deadline-stopped cycles are in the report files only: they are counted too.
        // (With Firestore every report is in the store and this runner has no files.)
        let stored = try await state.store.reports(since: start)
        let reports = state.database == nil ? stored : KeptReportFiles(stateDirectory: state.runtime.stateFolder).merged(withStored: stored, since: start)
        let figures = CycleStatistics(
            calls: try await state.store.callRecords(since: start), reports: reports,
            journal: try await state.store.recentEntries(since: start), since: start
        )
        if let prometheus {
            // Written beside it, then renamed: the collector never reads a half-written file.
            try OperatorFile.write(figures.prometheusText, to: prometheus)
        }
        if json {
            print(JSONWriter.string(figures.json))
        } else {
            print(figures.table)
        }
    }
}
