import ArgumentParser
import Engine
import Foundation
import Replay

/// `cycle replay`: one fixed-input dry run from a fixture folder, or a recorded cycle from the
/// store (`--recorded`); prints the report JSON. `--recorded --since 7d` replays a window and
/// measures the signal divergence (`RecordedReplay`).
struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay one dry-run cycle from fixture files, or a recorded cycle, and print its execution report.",
        discussion: """
            Exit codes: 0 ok, 1 error (or, with --since, a divergence over --max-divergence), 2 aborted, 64 configuration or usage error.
            --recorded --run-id ID: the cycle the store recorded, offline, nothing written; --export DIR writes it as a fixture folder.
            --recorded --since 7d: every recorded cycle of the window, each compared with what was decided then.
            """
    )

    @Option(help: "Run identifier: of the replayed report, or with --recorded the recorded cycle's.")
    var runId: String?

    @Option(help: "Folder with the four replay fixture files.")
    var fixturesDir: String = "Fixtures/cycle_replay"

    @Option(help: "Also write the report JSON to this file.")
    var output: String?

    @Option(help: "The cycle's clock, ISO-8601 (default 2026-03-15T00:00:00Z; a recorded cycle uses its own).")
    var now: String?

    @Option(help: "Write the state document as the cycle would have persisted it to this file.")
    var stateOut: String?

    @Flag(help: "Replay a cycle the store recorded (with --run-id, or every one in --since).")
    var recorded = false

    @Option(help: "With --recorded --run-id: write the recorded cycle as a fixture folder here.")
    var export: String?

    @Option(help: "With --recorded: the window to replay and compare, e.g. 7d, 36h.")
    var since: String?

    @Flag(help: "With --since: print the comparison as JSON.")
    var json = false

    @Option(help: "With --since: the largest signal divergence, in percent, that still exits 0 (default 0).")
    var maxDivergence: Double = 0

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let runId, let problem = RunIdRule.problem(runId) { throw ValidationError(problem) }
        try OperatorFile.check(output, option: "--output")
        try OperatorFile.check(stateOut, option: "--state-out")
        if let now, Date.parseISO8601(now) == nil {
            throw ValidationError("--now '\(now)' is not ISO-8601 (e.g. 2026-03-15T00:00:00Z)")
        }
        if recorded {
            if now != nil { throw ValidationError("--now does not apply to --recorded: a recorded cycle runs at its own moment") }
            if (runId == nil) == (since == nil) { throw ValidationError("--recorded takes --run-id ID (one cycle) or --since WINDOW (a window), not both") }
            if export != nil, runId == nil { throw ValidationError("--export takes one recorded cycle: --recorded --run-id ID --export DIR") }
            if let since, Health.seconds(since) == nil { throw ValidationError("--since '\(since)' is not a window such as 7d, 36h or 90m") }
            guard maxDivergence.isFinite, (0...100).contains(maxDivergence) else { throw ValidationError("--max-divergence is a percentage, 0…100") }
        } else {
            if runId == nil { throw ValidationError("--run-id is required") }
            if export != nil || since != nil || json { throw ValidationError("--export, --since and --json apply to --recorded") }
        }
    }

    func run() async throws {
        let settings = try Settings.load()
        if recorded {
            let replay = RecordedReplay(access: try await StateAccess(options: store), config: settings.cycle)
            if let since, let seconds = Health.seconds(since) {
                try await replay.window(since: Date().addingTimeInterval(-seconds), json: json, maxDivergencePercent: maxDivergence)
            } else if let runId {
                let outcome = try await replay.one(runId: runId, export: export.map { URL(fileURLWithPath: $0, isDirectory: true) })
                try finish(outcome)
            }
            return
        }
        let runner = ReplayRunner(
            config: settings.cycle, fixturesDirectory: URL(fileURLWithPath: fixturesDir), runId: runId ?? "",
            now: now.flatMap(Date.parseISO8601) ?? ReplayRunner.defaultNow
        )
        let outcome: CycleOutcome
        do {
            outcome = try await runner.run()
        } catch {
            FileHandle.standardError.write(Data("Replay aborted: \(error)\n".utf8))
            throw CycleExit.aborted
        }
        try finish(outcome)
    }

    /// Prints (and writes) the report and the state, and exits with the report's status.
    private func finish(_ outcome: CycleOutcome) throws {
        let json = JSONWriter.string(outcome.report.json) + "\n"
        print(json, terminator: "")
        if let output { try write(json, to: output) }
        if let stateOut, let state = outcome.finalState { try write(JSONWriter.string(state, keys: .asStored) + "\n", to: stateOut) }
        let status = outcome.report.status
        if status != .ok { throw CycleExit.code(for: status) }
    }

    private func write(_ text: String, to path: String) throws {
        try OperatorFile.write(text, to: path, creatingFolder: true)
    }
}
