import ArgumentParser
import Engine
import Foundation
import LocalStore

/// `cycle health`: for an external monitor — exit 0 when the last cycle finished `ok` within
/// `--max-age`, else 1 with the reason (SPEC §13.3).
struct Health: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Exit 0 when the last cycle ended ok within --max-age (default 2h), else 1 with the reason.")
    @OptionGroup var store: StoreOptions
    @Option(help: "Longest acceptable age of the last cycle: 90m, 2h, 1d…")
    var maxAge = "2h"

    func validate() throws {
        if Self.seconds(maxAge) == nil { throw ValidationError("--max-age '\(maxAge)' is not a duration such as 90m, 2h or 1d") }
    }

    func run() async throws {
        let limit = Self.seconds(maxAge) ?? 7200
        // For a monitor, no store is "no cycle yet": exit 1 with the reason, like any unhealthy state.
        guard StateAccess.storeExists(store, try Settings.load()) else {
            Console.out("unhealthy: no cycle has run here: there is no state store at "
                + "\(store.directory(try Settings.load()).appendingPathComponent(StateDatabase.fileName).path) (is this cron's CYCLE_STATE_DIR?)")
            throw CycleExit.error
        }
        let state = try await StateAccess(options: store)
        let stored = try await state.store.lastCycle()
        // An aborted or deadline-stopped cycle's report is a file only: it counts when it is the newest.
        // With Firestore every report is in the store and this runner has no files.
        let files = state.database == nil ? nil : KeptReportFiles(stateDirectory: store.directory(state.settings))
        let newerFile = await files?.newestMissingFrom(state.store, after: stored?.savedAt)
        let last: (runId: String, status: String, savedAt: Date?)
        if let newerFile {
            last = (newerFile.runId, newerFile.status, newerFile.keptAt)
        } else if let stored {
            last = (stored.runId, stored.status, stored.savedAt)
        } else {
            Console.out("unhealthy: no cycle has finished yet for account \(state.store.accountName)")
            throw CycleExit.error
        }
        let age = last.savedAt.map { Date().timeIntervalSince($0) } ?? .infinity
        let ageText = age.isFinite ? "\(Int(age / 60)) min ago" : "at an unknown time"
        guard last.status == ExecutionReport.Status.ok.rawValue else {
            let reason = newerFile?.firstError.map { ": " + String($0.prefix(300)) } ?? ""
            Console.out("unhealthy: the last cycle (\(last.runId), \(ageText)) ended \(last.status)\(reason); see its report")
            throw CycleExit.error
        }
        guard age <= limit else {
            Console.out("unhealthy: the last cycle (\(last.runId)) ended ok \(ageText), longer ago than \(maxAge); is cron running?")
            throw CycleExit.error
        }
        Console.out("healthy: the last cycle (\(last.runId)) ended ok \(ageText)")
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
