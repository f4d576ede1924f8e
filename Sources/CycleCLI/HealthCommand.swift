import ArgumentParser
import Engine
import Foundation
import LocalStore
import Operations

/// `cycle health`: for an external monitor — exit 0 when the last cycle finished `ok` within
/// `--max-age`, else 1 with the reason (docs/commands.md#evidence-for-operators).
struct Health: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Exit 0 when the last cycle ended ok within --max-age (default 2h), else 1 with the reason.")
    @OptionGroup var store: StoreOptions
    @Option(help: "Longest acceptable age of the last cycle: 90m, 2h, 1d…")
    var maxAge = "2h"

    func validate() throws {
        if Self.seconds(maxAge) == nil { throw ValidationError("--max-age '\(maxAge)' is not a duration such as 90m, 2h or 1d") }
    }

    func run() async throws {
        let runtime = try Runtime.load(store)
        // For a monitor, no store is "no cycle yet": exit 1 with the reason, like any unhealthy state.
        guard StateAccess.storeExists(runtime) else {
            Console.out("unhealthy: no cycle has run here: there is no state store at \(runtime.storeLocation) (is this cron's CYCLE_STATE_DIR?)")
            throw CycleExit.error
        }
        let state = try await StateAccess(options: store)
        let stored = try await state.store.lastCycle()
        // An aborted or deadline-stopped cycle's report is a file only: it counts when it is the newest.
        // With Firestore every report is in the store and this runner has no files.
        let files = state.database == nil ? nil : KeptReportFiles(stateDirectory: runtime.stateFolder)
        let newerFile = await files?.newestMissingFrom(state.store, after: stored?.savedAt)
        let last = CycleHealth.newest(
            stored: stored.map { CycleHealth.LastCycle(runId: $0.runId, status: $0.status, savedAt: $0.savedAt) },
            file: newerFile.map { CycleHealth.LastCycle(runId: $0.runId, status: $0.status, savedAt: $0.keptAt, firstError: $0.firstError) }
        )
        let verdict = CycleHealth(maxAgeSeconds: Self.seconds(maxAge) ?? 7200, maxAgeText: maxAge)
            .verdict(last, account: state.store.accountName, now: Date())
        Console.out(verdict.line)
        if case .unhealthy = verdict { throw CycleExit.error }
    }

    /// `90m`, `2h`, `1d`, `45s` in seconds; nil when it is not one of those.
    static func seconds(_ text: String) -> Double? {
        guard let unit = text.last, let value = Double(text.dropLast()), value.isFinite, value > 0, text.dropLast().allSatisfy(\.isNumber) else { return nil }
        switch unit {
        case "s": return value
        case "m": return value * 60
        case "h": return value * 3600
        case "d": return value * 86_400
        default: return nil
        }
    }
}
