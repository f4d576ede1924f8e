import ArgumentParser
import Engine
import Foundation
import Replay

/// `cycle replay`: one fixed-input dry run from a fixture folder; prints the report JSON.
struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay one dry-run cycle from fixture files and print its execution report.",
        discussion: "Exit codes: 0 ok, 1 error, 2 aborted, 64 configuration or usage error."
    )

    @Option(help: "Run identifier embedded in the report and client order ids.")
    var runId: String

    @Option(help: "Folder with the four replay fixture files.")
    var fixturesDir: String = "Fixtures/cycle_replay"

    @Option(help: "Also write the report JSON to this file.")
    var output: String?

    @Option(help: "The cycle's clock, ISO-8601 (default 2026-03-15T00:00:00Z).")
    var now: String?

    @Option(help: "Write the state document as the cycle would have persisted it to this file.")
    var stateOut: String?

    func validate() throws {
        if let problem = RunIdRule.problem(runId) { throw ValidationError(problem) }
        try OperatorFile.check(output, option: "--output")
        try OperatorFile.check(stateOut, option: "--state-out")
        if let now, Date.parseISO8601(now) == nil {
            throw ValidationError("--now '\(now)' is not ISO-8601 (e.g. 2026-03-15T00:00:00Z)")
        }
    }

    func run() async throws {
        let settings = try Settings.load()
        let runner = ReplayRunner(
            config: settings.cycle, fixturesDirectory: URL(fileURLWithPath: fixturesDir), runId: runId,
            now: now.flatMap(Date.parseISO8601) ?? ReplayRunner.defaultNow
        )
        let outcome: CycleOutcome
        do {
            outcome = try await runner.run()
        } catch {
            FileHandle.standardError.write(Data("Replay aborted: \(error)\n".utf8))
            throw CycleExit.aborted
        }
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
