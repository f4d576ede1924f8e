import ArgumentParser
import Engine
import Foundation

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
