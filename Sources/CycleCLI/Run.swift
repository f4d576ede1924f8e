import ArgumentParser
import Engine
import Foundation

/// `cycle` / `cycle run`: one live or paper cycle. Its adapters arrive with the next issues.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one cycle (paper exchange by default; Binance with credentials)."
    )

    func run() async throws {
        _ = try loadConfig()
        let message = """
            `cycle run` is not available yet: the paper exchange and local store arrive with issue #3,
            the Binance adapter with issue #4. Nothing was traded. Meanwhile, replay a fixed cycle:
              swift run cycle replay --run-id demo --fixtures-dir Fixtures/cycle_replay

            """
        FileHandle.standardError.write(Data(message.utf8))
        throw CycleExit.configuration
    }
}

/// `cycle validate-only`: the pre-flight check; arrives with the Binance adapter.
struct ValidateOnly: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate-only",
        abstract: "Check credentials and peers without trading (arrives with issue #4)."
    )

    func run() async throws {
        _ = try loadConfig()
        FileHandle.standardError.write(Data("`cycle validate-only` arrives with the Binance adapter (issue #4). Nothing was checked.\n".utf8))
        throw CycleExit.configuration
    }
}
