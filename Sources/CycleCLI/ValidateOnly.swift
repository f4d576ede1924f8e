import ArgumentParser
import Engine
import Foundation

/// `cycle validate-only`: the pre-flight check. Trades nothing and writes no state; exits 0
/// only when every required check passes (warnings are printed, never fatal).
struct ValidateOnly: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate-only",
        abstract: "Check credentials, permissions, clock, store, lease and live pool without trading.",
        discussion: "Exit codes: 0 every required check passed, 1 a required check failed, 64 configuration error."
    )

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let runtime = try Runtime.load(store)
        Console.out("cycle validate-only — Binance \(runtime.settings.binance.baseURL), account \(runtime.account); nothing is traded")
        let checks = await Preflight(runtime: runtime).run()
        for check in checks { Console.out(check.line) }
        let failed = checks.filter(\.blocksTrading)
        let warnings = checks.filter { $0.outcome == .warn }
        if failed.isEmpty {
            let mode = checks.first { $0.name == "trading mode" && $0.outcome == .warn }
            Console.out("READY — every required check passed\(warnings.isEmpty ? "" : " (\(warnings.count) warning\(warnings.count == 1 ? "" : "s"))")"
                + (mode == nil ? "." : "; but the account's trading mode is not run: \(mode?.detail ?? "").")
            )
            return
        }
        Console.out("NOT READY — failed: \(failed.map(\.name).joined(separator: ", ")).")
        throw CycleExit.error
    }
}
