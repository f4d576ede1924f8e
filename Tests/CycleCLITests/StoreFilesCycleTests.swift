import Engine
import Foundation
import Testing
import TestSupport

/// A cleanup script removes `cycle.sqlite-wal` (or `-shm`) under a live cycle, right after its
/// first order was accepted: the cycle sends nothing more, ends `error` with an alert naming the
/// file, rescues what it wrote, and no later cycle trades until the operator has restored it;
/// after the restore the first run's order is in state, not bought again.
@Suite(.serialized)
struct StoreFilesCycleTests {
    @Test(arguments: ["cycle.sqlite-wal", "cycle.sqlite-shm"])
    func aStoreFileRemovedUnderALiveCycleStopsItAndNothingIsBoughtTwice(file: String) async throws {
        let telegram = try await FakeTelegram.launch()
        let setup = try await BinanceCycleTests.Setup.start(extra: [
            "BINANCE_DRY_RUN": "false", "TG_TOKEN": FakeTelegram.testToken, "GLOBAL_TELEGRAM_CHAT_ID": FakeTelegram.testChatId,
            "TELEGRAM_BASE_URL": await telegram.baseURL.absoluteString,
        ])
        let removed = setup.state.appendingPathComponent(file)
        let first = try await setup.run(["--json"], ["CYCLE_TEST_DELETE_AFTER_ORDER": removed.path])
        #expect(first.stderr.contains("removed \(removed.path) after the first order"), "the fault fired: \(first.stderr)")
        #expect(first.exitCode == 1, "\(first.stderr)")
        #expect(first.report?["status"] == .string("error"))
        let sent = await setup.fake.orders
        #expect(sent.count == 1, "nothing was sent after the file was removed: \(sent.map(\.clientOrderId))")
        let alerts = await telegram.messages.map(\.text)
        #expect(alerts.contains { $0.contains("\(file) was removed") }, "\(alerts)")
        #expect(!alerts.contains { $0.contains("Failed】") }, "the loss stops the cycle; the orders after it are not each alerted as failed: \(alerts)")
        let marker = setup.state.appendingPathComponent("cycle.files-lost")
        #expect(FileManager.default.fileExists(atPath: marker.path))
        let names = try FileManager.default.contentsOfDirectory(atPath: setup.state.path)
        let rescued = try #require(names.first { $0.hasPrefix("cycle-rescued-") }, "\(names)")

        // While the marker is there, no cycle trades.
        let second = try await setup.run(["--json"])
        #expect(second.exitCode != 0, "\(second.stderr)")
        #expect((second.stdout + second.stderr).contains("cycle.files-lost"))
        #expect(await setup.fake.orders.count == 1)

        // The operator restores the rescued copy: the first run's order is known, not bought again.
        for name in ["cycle.sqlite", "cycle.sqlite-wal", "cycle.sqlite-shm"] {
            try? FileManager.default.removeItem(at: setup.state.appendingPathComponent(name))
        }
        try FileManager.default.moveItem(at: setup.state.appendingPathComponent(rescued), to: setup.state.appendingPathComponent("cycle.sqlite"))
        try FileManager.default.removeItem(at: marker)
        let third = try await setup.run(["--json"])
        #expect(third.exitCode == 0, "\(third.stderr)")
        let order = try #require(sent.first)
        // The rescued copy holds the first run's writes made after the removal: its fill is in state (or settled from the journal now).
        #expect(order.side == "BUY")
        #expect(try setup.storedState()?[order.symbol]?["is_holding"] == .bool(true), "\(order.symbol) is held")
        let again = await setup.fake.orders.filter { $0.symbol == order.symbol && $0.side == order.side }
        #expect(again.count == 1, "\(order.symbol) \(order.side) was not sent again")
        await setup.fake.stop()
        await telegram.stop()
    }

    /// The removal can damage the store itself (SQLite then calls it malformed): the next cycle
    /// cannot open it, and what it says is the marker's explanation — the rescued copy to
    /// restore — with the opening error after it, not only "restore from a backup".
    @Test func aStoreThatCannotBeOpenedAfterAnEarlierLossNamesTheMarkerFirst() throws {
        let state = CycleBinary.scratchStateDirectory()
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        try Data(repeating: 0x5A, count: 8_192).write(to: state.appendingPathComponent("cycle.sqlite"))
        try Data("Run r1 (pid 7) found the state store's files removed. Everything run r1 could still read was saved in cycle-rescued-1.sqlite.\n".utf8)
            .write(to: state.appendingPathComponent("cycle.files-lost"))
        let run = try CycleBinary.run(["--state-dir", state.path])
        #expect(run.exitCode == 2, "\(run.stderr)")
        let said = run.stdout + run.stderr
        #expect(said.contains("cycle.files-lost says: Run r1"), "\(said)")
        #expect(said.contains("cycle-rescued-1.sqlite"), "\(said)")
        #expect(said.contains("Opening the store also failed: State database"), "\(said)")
        #expect(said.contains("Nothing was traded") || said.contains("trades nothing"), "\(said)")
    }
}
