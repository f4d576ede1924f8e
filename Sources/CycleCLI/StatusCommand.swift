import ArgumentParser
import Engine
import Foundation
import Operations

/// `cycle status --html FILE`: the account at a glance, as one self-contained page
/// (`StatusPage`), from what the deployment's store keeps.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a self-contained HTML status page: equity, allocation, mode, version, last cycles, endpoints, reconciliation, divergence.",
        discussion: "Exit codes: 0 written, 2 the store could not be read, 64 configuration or usage error."
    )
    @OptionGroup var store: StoreOptions
    @Option(help: "Write the page to this file (folders are created; an existing file is replaced).")
    var html: String
    @Option(help: "How far back the page looks: 30d (default), 7d, 48h…")
    var since = "30d"

    func validate() throws {
        guard let seconds = Health.seconds(since), seconds <= Stats.longestWindowSeconds else {
            throw ValidationError("--since '\(since)' is not a window such as 30d, 7d or 48h (at most 36500d)")
        }
        try OperatorFile.check(html, option: "--html")
    }

    func run() async throws {
        let state = try await StateAccess(options: store)
        let start = Date().addingTimeInterval(-(Health.seconds(since) ?? 30 * 86_400))
        let page: String
        do {
            let stored = try await state.store.reports(since: start)
            // As `cycle stats`: aborted and deadline-stopped cycles are in the report files only.
            let reports = state.database == nil ? stored : KeptReportFiles(stateDirectory: state.runtime.stateFolder).merged(withStored: stored, since: start)
            let statistics = CycleStatistics(calls: try await state.store.callRecords(since: start), reports: reports,
                                             journal: try await state.store.recentEntries(since: start), since: start)
            let differences = try await RecordedReplay(access: state, config: state.settings.cycle).differences(since: start)
            page = StatusPage.render(StatusPage.Inputs(
                account: state.store.accountName, engineVersion: EngineVersion.full, generatedAt: Date(), since: start,
                reports: reports, state: try await state.store.load(), statistics: statistics, divergence: differences
            ))
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Console.error("The status page could not be made: \(state.store.location) could not be read (\(error)). Nothing was written.")
            throw CycleExit.aborted
        }
        try OperatorFile.write(page, to: html, creatingFolder: true)
        Console.out("Wrote the status page of \(state.store.location) to \(html)")
    }
}
