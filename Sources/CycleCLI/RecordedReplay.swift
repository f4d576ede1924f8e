import Engine
import Foundation
import Operations
import Replay

/// `cycle replay --recorded`: a cycle the store recorded, run again offline by this binary
/// (a dry run: nothing is written or sent), and compared with what was decided then.
struct RecordedReplay {
    let access: StateAccess
    let config: Config

    /// One recorded cycle: returns the replay's outcome (its report is printed); the comparison
    /// with the recorded report goes to stderr. `export`: also the fixture folder.
    func one(runId: String, export: URL?) async throws -> CycleOutcome {
        let run = try await recordedRun(runId)
        let fixture = try parse(run)
        if let export {
            try fixture.write(to: export)
            Console.error("Wrote run \(runId) as a replay fixture in \(export.path); "
                + "`cycle replay --run-id \(runId) --fixtures-dir \(export.path) --now \(fixture.now.isoWithOffset)` replays it.")
        }
        let outcome = try await replay(run, fixture)
        for line in compare(run, outcome).lines { Console.error("recorded replay of \(runId): \(line)") }
        for (part, problem) in fixture.readFailures.sorted(by: { $0.key < $1.key }) {
            Console.error("recorded replay of \(runId): the cycle could not read its \(part) then (\(problem)); the replay read none, so decisions on it may differ")
        }
        return outcome
    }

    /// Every recorded cycle since `start`: `same` or what differs, then the signal divergence.
    /// Exits 1 when the divergence is over `maxDivergencePercent`.
    func window(since start: Date, json: Bool, maxDivergencePercent: Double) async throws {
        let differences = try await self.differences(since: start)
        let divergence = SignalComparison.divergence(differences) * 100
        let within = divergence <= maxDivergencePercent
        if json {
            print(JSONWriter.string([
                "since": .string(start.isoWithOffset), "engine_version": .string(EngineVersion.full), "cycles": .int(Int64(differences.count)),
                "cycles_with_different_intents": .int(Int64(differences.filter(\.intentsDiffer).count)),
                "signal_divergence_pct": .double(divergence), "max_divergence_pct": .double(maxDivergencePercent), "within": .bool(within),
                "per_cycle": .array(differences.map(\.json)),
            ]))
        } else {
            for difference in differences {
                for line in difference.lines { Console.out("\(difference.runId): \(line)") }
            }
            Console.out(String(format: "signal divergence: %d of %d recorded cycles decided different orders (%.1f %%; limit %.1f %%) — %@",
                               differences.filter(\.intentsDiffer).count, differences.count, divergence, maxDivergencePercent,
                               within ? "within" : "OVER the limit"))
        }
        if !within { throw CycleExit.error }
    }

    /// Every recorded cycle since `start`, replayed and compared, oldest first.
    func differences(since start: Date) async throws -> [SignalComparison.CycleDifference] {
        let runs: [RecordedRun]
        do {
            runs = try await access.store.recordedRuns(since: start)
        } catch {
            Console.error("The recorded cycles could not be read from \(access.store.location): \(error)")
            throw CycleExit.aborted
        }
        var differences: [SignalComparison.CycleDifference] = []
        for run in runs {
            let outcome = try await replay(run, try parse(run))
            differences.append(compare(run, outcome))
        }
        return differences
    }

    private func recordedRun(_ runId: String) async throws -> RecordedRun {
        let run: RecordedRun?
        do {
            run = try await access.store.recordedRun(runId: runId)
        } catch {
            Console.error("The recorded inputs of run \(runId) could not be read from \(access.store.location): \(error)")
            throw CycleExit.aborted
        }
        guard let run else {
            Console.error("No recorded inputs for run \(runId) in \(access.store.location): a dry run records none, nor does a cycle that stopped "
                + "before it decided or ran on an engine before 0.9.9. `cycle stats` lists the runs kept.")
            throw CycleExit.configuration
        }
        return run
    }

    private func parse(_ run: RecordedRun) throws -> RecordedFixture {
        guard let stored = try? JSONParser.parse(Data(run.inputs.utf8)), let fixture = RecordedFixture(stored: stored) else {
            Console.error("The recorded inputs of run \(run.runId) cannot be read by this engine (another format, or damaged); nothing was replayed.")
            throw CycleExit.aborted
        }
        return fixture
    }

    private func replay(_ run: RecordedRun, _ fixture: RecordedFixture) async throws -> CycleOutcome {
        do {
            return try await ReplayRunner.run(recorded: fixture, config: config, runId: run.runId)
        } catch {
            Console.error("Run \(run.runId) could not be replayed: \(error)")
            throw CycleExit.aborted
        }
    }

    private func compare(_ run: RecordedRun, _ outcome: CycleOutcome) -> SignalComparison.CycleDifference {
        let then = (try? JSONParser.parse(Data(run.report.utf8))) ?? .null
        return SignalComparison.compare(runId: run.runId, then: then, now: outcome.report.json)
    }
}
