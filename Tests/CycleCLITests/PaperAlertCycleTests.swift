import Engine
import Foundation
import Testing
import TestSupport

/// A paper cycle never messages Telegram, not even the runtime error alert of a cycle that cannot start.
@Suite struct PaperAlertCycleTests {
    /// Runs the binary off the cooperative pool, so the fake Telegram can answer meanwhile.
    func cycle(_ environment: [String: String]) async throws -> CycleBinary.Output {
        let running = try CycleBinary.start([], environment: environment)
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: running.finish()) }
        }
    }

    @Test func aPaperCycleWithAConfigurationErrorSendsNoAlert() async throws {
        let telegram = try await FakeTelegram.launch()
        let state = CycleBinary.scratchStateDirectory()
        let environment = [
            "TG_TOKEN": FakeTelegram.testToken, "GLOBAL_TELEGRAM_CHAT_ID": FakeTelegram.testChatId,
            "TELEGRAM_BASE_URL": await telegram.baseURL.absoluteString, "CYCLE_STATE_DIR": state.path,
            "CYCLE_DEADLINE_SECONDS": "soon",
        ]
        let paper = try await cycle(environment)
        #expect(paper.exitCode == 64, "\(paper.stderr)")
        #expect(paper.stderr.contains("CYCLE_DEADLINE_SECONDS"))
        #expect(paper.stderr.contains("paper cycle"), "it says why no alert was sent: \(paper.stderr)")
        #expect(await telegram.calls.isEmpty, "paper never messages Telegram")

        // The same mistake on a Binance cycle does alert: the fake would have seen a paper alert.
        let binance = try await cycle(environment.merging(["BINANCE_API_KEY": "key", "BINANCE_API_SECRET": "secret"]) { $1 })
        #expect(binance.exitCode == 64, "\(binance.stderr)")
        #expect(await telegram.messages.count == 1)
        #expect(await telegram.messages.first?.text.contains("CYCLE_DEADLINE_SECONDS") == true)
        await telegram.stop()
    }
}
