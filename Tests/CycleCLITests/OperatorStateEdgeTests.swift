import Engine
import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 21.2, 21.9 and 21.13 on the paper account, end to end with the real binary.
@Suite struct OperatorStateEdgeTests {
    let stateDirectory = CycleBinary.scratchStateDirectory()
    let now = ["--now", "2026-10-31T12:00:00Z"]

    func cycle(_ arguments: [String]) throws -> CycleBinary.Output {
        try CycleBinary.run(arguments + ["--state-dir", stateDirectory.path])
    }

    func scratchFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).json")
    }

    /// RUNBOOK's restore during an incident (docs/failures.md#state-unreadable-or-not-valid-json): export, halt, import the export. On 0.9.1 the
    /// import silently set the mode back to `run` and the next cycle bought.
    @Test func importingAnExportTakenBeforeTheHaltKeepsTheHalt() throws {
        #expect(try cycle(["run"] + now).exitCode == 0)
        let export = scratchFile("export")
        #expect(try cycle(["state", "export", export.path]).exitCode == 0)
        #expect(try cycle(["halt", "--reason", "incident 12", "--by", "alice"]).exitCode == 0)

        let imported = try cycle(["state", "import", export.path])
        #expect(imported.exitCode == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("stays halt"), "\(imported.stdout)")
        #expect(try cycle(["state", "show"]).stderr.contains("trading_mode: halt"))
        let next = try #require(try cycle(["run", "--json", "--now", "2026-10-31T13:00:00Z"]).report)
        #expect(next["trading_mode"] == "halt")
        #expect(next["buy_sell_intents"]?.objects.isEmpty == true)
    }

    @Test func importingADocumentThatWouldLiftAHaltNeedsItsOwnFlag() throws {
        #expect(try cycle(["run"] + now).exitCode == 0)
        #expect(try cycle(["resume", "--authorized-by", "bob"]).exitCode == 0)
        let export = scratchFile("export-run")
        #expect(try cycle(["state", "export", export.path]).exitCode == 0, "a document that carries mode run")
        #expect(try cycle(["halt", "--reason", "incident 13", "--by", "alice"]).exitCode == 0)

        let refused = try cycle(["state", "import", export.path])
        #expect(refused.exitCode == 2 && refused.stderr.contains("mode is halt") && refused.stderr.contains("--replace-trading-mode"), "\(refused.stderr)")
        // --force (for contradicting positions) does not lift a halt on the side.
        #expect(try cycle(["state", "import", "--force", export.path]).exitCode == 2)
        #expect(try cycle(["state", "show"]).stderr.contains("trading_mode: halt"))
        let replaced = try cycle(["state", "import", "--replace-trading-mode", export.path])
        #expect(replaced.exitCode == 0 && replaced.stdout.contains("halt → run"), "\(replaced.stdout)")
        #expect(try cycle(["state", "show"]).stderr.contains("trading_mode: run"))
    }

    /// Issue 21.9: a 2 MB document was accepted on import (and then copied into the history every cycle).
    @Test func anOversizedDocumentIsRefusedOnImportNamingItsSize() throws {
        #expect(try cycle(["run"] + now).exitCode == 0)
        let big = scratchFile("big")
        let text = "{\"pad\":\"" + String(repeating: "x", count: 2_000_000) + "\"}"
        try Data(text.utf8).write(to: big)
        let refused = try cycle(["state", "import", "--force", big.path])
        #expect(refused.exitCode == 2 && refused.stderr.contains("\(text.utf8.count) bytes") && refused.stderr.contains("1 MiB"), "\(refused.stderr)")
        #expect(try cycle(["state", "show"]).stdout.contains("pad") == false)
    }

    @Test func anOversizedStoredDocumentStopsTheCycleBeforeAnythingIsTraded() throws {
        #expect(try cycle(["run"] + now).exitCode == 0)
        let queue = try DatabaseQueue(path: stateDirectory.appendingPathComponent("cycle.sqlite").path)
        let text = "{\"pad\":\"" + String(repeating: "x", count: 1_100_000) + "\"}"
        try queue.write { db in try db.execute(sql: "UPDATE state_document SET document = ? WHERE account = 'paper'", arguments: [text]) }
        try queue.close()
        let stopped = try cycle(["run", "--json", "--now", "2026-10-31T13:00:00Z"])
        #expect(stopped.exitCode == 2, "\(stopped.stderr)")
        let report = try #require(stopped.report)
        #expect(report["status"] == "aborted")
        #expect(report["trading_mode"] == "unknown", "an aborted cycle never read the trading mode")
        #expect(report["error_summary"]?["errors"]?.objects.first?["message"]?.stringValue?.contains("\(text.utf8.count) bytes") == true, "\(report)")
        #expect(report["buy_sell_intents"]?.objects.isEmpty == true)
    }

    /// Issue 21.13: a refusal named a lease whose expiry was already past as if it were live.
    @Test func aProcessHoldingTheStorePastItsLeaseIsNamedAsSuch() throws {
        try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
        let lockPath = stateDirectory.appendingPathComponent("cycle.lock").path
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let expired = Date().addingTimeInterval(-600).timeIntervalSince1970
        let record = "{\"run_id\":\"stuck-run\",\"host\":\"box\",\"pid\":\(getpid()),\"acquired_at\":\(expired - 900),\"expires_at\":\(expired)}\n"
        _ = record.withCString { write(fd, $0, strlen($0)) }

        let refused = try cycle(["run", "--json"] + now)
        #expect(refused.exitCode == 2)
        let message = refused.report?["error_summary"]?["errors"]?.objects.first?["message"]?.stringValue ?? refused.stderr
        #expect(message.contains("stuck-run") && message.contains("whose lease expired at"), "\(message)")
        #expect(!message.contains("takes the lease over"), "\(message)")
    }
}
