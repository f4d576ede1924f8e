import ArgumentParser
import Engine
import Foundation
import Logging

/// `cycle`: one trading cycle per invocation, for cron.
@main
struct Cycle: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cycle",
        abstract: "Runs one BinancePlatform trading cycle (live-pool trend rotation + BTC DCA on Binance spot).",
        version: "\(EngineVersion.semantic) (commit \(EngineVersion.commit))",
        subcommands: [Run.self, Replay.self, ValidateOnly.self, StateCommand.self, Halt.self, Resume.self, Orders.self, Health.self, Reconcile.self, Stats.self, Status.self, BacktestCommand.self],
        defaultSubcommand: Run.self
    )

    /// Logging is installed before anything runs; a malformed CYCLE_LOG_* value is reported by
    /// the configuration parse of the subcommand (exit 64), with text logs meanwhile.
    static func main() async {
        CycleLogging.bootstrap((try? LogSettings.parse(ProcessInfo.processInfo.environment)) ?? .defaults)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

/// Exit codes shared by every subcommand.
enum CycleExit {
    static let ok = ExitCode(0)
    static let error = ExitCode(1)
    static let aborted = ExitCode(2)
    static let configuration = ExitCode(64)

    static func code(for status: ExecutionReport.Status) -> ExitCode {
        switch status {
        case .ok: return ok
        case .error: return error
        case .aborted: return aborted
        }
    }
}

