import ArgumentParser
import Engine
import Operations
import Foundation
import LocalStore
import Paper

/// `cycle state …`: read, export, import and reset the stored state document.
struct StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Inspect or manage the local store's state document.",
        subcommands: [Show.self, History.self, Export.self, Import.self, Reset.self, Prune.self]
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the state document (JSON).")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let state = try await StateAccess(options: store)
            guard let document = try await state.loadOrExit() else {
                Console.error("No state document for account \(state.store.accountName) in \(state.store.location) yet; run `cycle` first.")
                throw CycleExit.error
            }
            print(JSONWriter.string(document, keys: .asStored))
            // The kill switch at a glance (stderr, so the JSON on stdout stays a document).
            let mode = (try? TradeState.normalized(from: document, universe: []))?.tradingMode.rawValue ?? "unreadable"
            Console.error("trading_mode: \(mode)")
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List state writes (time, run, reason, changed keys), oldest first.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this run's writes (default: the last run that wrote).")
        var runId: String?
        @Flag(help: "The last --limit writes of every run instead of one run.")
        var all = false
        @Option(help: "How many writes --all lists (at least 1).")
        var limit = 50

        func validate() throws {
            guard limit >= 1 else { throw ValidationError("--limit \(limit) must be at least 1") }
        }

        func run() async throws {
            let state = try await StateAccess(options: store)
            var run: String?
            if !all {
                let lastRun = try await state.store.history(runId: nil, limit: 1).last?.runId
                run = runId ?? lastRun
            }
            if !all, run == nil {
                Console.out("No state writes yet for account \(state.store.accountName).")
                return
            }
            let rows = try await state.store.history(runId: run, limit: limit)
            if let run { Console.out("State writes of run \(run) (account \(state.store.accountName)):") }
            for row in rows {
                Console.out("\(row.writtenAt)  \(all ? row.runId + "  " : "")\(row.reason.count > 34 ? row.reason : row.reason.padding(toLength: 34, withPad: " ", startingAt: 0))  \(row.changedKeys)")
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the state document to FILE (JSON).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Destination file.")
        var file: String

        func validate() throws {
            try OperatorFile.check(file, option: "FILE")
        }

        func run() async throws {
            let state = try await StateAccess(options: store)
            guard let document = try await state.loadOrExit() else {
                Console.error("No state document for account \(state.store.accountName) yet; nothing exported.")
                throw CycleExit.error
            }
            try OperatorFile.write(JSONWriter.string(document, keys: .asStored) + "\n", to: file)
            Console.out("Exported the state of account \(state.store.accountName) to \(file).")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the state document with FILE after validating it (docs/strategy.md#the-state-document); a malformed file changes nothing.",
            discussion: "The account's trading mode survives: a file without operator_control keeps the current one, and a file "
                + "that would lift a halt (or another stricter mode) is refused without --replace-trading-mode."
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "A state document exported by `cycle state export` (or the original engine's).")
        var file: String

        @Flag(help: "Import even though the document's positions contradict the account (it would re-buy what is held).")
        var force = false

        @Flag(help: "Let the document's operator_control replace the account's stricter current mode (e.g. lift a halt).")
        var replaceTradingMode = false

        @Flag(help: "Import into --account even though the store has no document and no cycle for it yet.")
        var createAccount = false

        func run() async throws {
            let document: JSONValue
            do {
                document = try StateDocumentFile.read(file)
            } catch {
                Console.error("Refused to import \(file): \(error). The current state was not touched.")
                throw CycleExit.aborted
            }
            let state = try await StateAccess(options: store, intent: .write(creating: createAccount))
            let paperSpot = try await state.paperWallet()?.spot().mapValues { $0.free + $0.locked }
            let contradictions = try await ImportCheck(store: state.store, paperHoldings: paperSpot).contradictions(importing: document)
            if !contradictions.isEmpty, !force {
                Console.error("Refused to import \(file): \(contradictions.joined(separator: "; ")). The next cycle would buy these again. "
                    + "The current state was not touched; import with --force if the document is right.")
                throw CycleExit.aborted
            }
            let runId = Run.generatedRunId(prefix: "import")
            let replaceTradingMode = self.replaceTradingMode
            let merged: ImportedOperatorControl
            do {
                merged = try await state.store.replaceDocument(reason: "operator_import", runId: runId, now: Date(), host: ProcessInfo.processInfo.hostName,
                                                              processId: ProcessInfo.processInfo.processIdentifier) { current in
                    let merged = try ImportedOperatorControl.merge(importing: document, current: current, replaceTradingMode: replaceTradingMode)
                    return (merged.document, merged)
                }
            } catch let error as ImportLiftsTradingModeError {
                Console.error("Refused to import \(file): \(error). The current state was not touched.")
                throw CycleExit.aborted
            } catch {
                Console.error("Import refused: \(error)")
                throw CycleExit.aborted
            }
            Console.out("Imported \(file) as the state of account \(state.store.accountName) (history reason operator_import, run \(runId)).")
            if let kept = merged.kept {
                Console.out("The file has no operator_control: the account's trading mode stays \(kept.mode.rawValue) (set by \(kept.setBy): \(kept.reason)).")
            } else if merged.modeBefore != merged.modeAfter {
                Console.out("The account's trading mode changed: \(merged.modeBefore.rawValue) → \(merged.modeAfter.rawValue) (from the file's operator_control).")
            }
        }
    }

    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete reports, write history, lease events and settled journal entries older than --days (never the state document or an unsettled entry)."
        )
        @OptionGroup var store: StoreOptions
        @Option(help: "Keep this many days (1…36500, as CYCLE_RETENTION_DAYS).")
        var days: Int

        func validate() throws {
            guard (1...36_500).contains(days) else {
                throw ValidationError("--days \(days) is outside 1…36500 (the range of CYCLE_RETENTION_DAYS); nothing was pruned")
            }
        }

        func run() async throws {
            let state = try await StateAccess(options: store)
            let removed = try await Retention(store: state.store, reportsFolder: state.reportsFolder)
                .prune(olderThanDays: days)
            Console.out("Pruned \(removed.rows.reports) reports, \(removed.rows.stateWrites) state writes, \(removed.rows.leaseEvents) lease events, "
                + "\(removed.rows.settledJournalEntries) settled journal entries and \(removed.reportFiles) report files older than \(days) days.")
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase the paper account: state, history, journal, reports and the paper wallet (next run starts fresh)."
        )
        @OptionGroup var store: StoreOptions
        @Flag(help: "Required: confirms this is the paper account (a live account is never reset here).")
        var paper = false

        func validate() throws {
            guard paper else { throw ValidationError("`cycle state reset` only resets the paper account; pass --paper to confirm.") }
        }

        func run() async throws {
            let state = try await StateAccess(options: store, intent: .write(creating: true), requested: store.account ?? PaperSession.account)
            guard let local = state.store as? SQLiteStateStore, local.account == PaperSession.account else {
                Console.error("Account \(state.store.accountName) is not the paper account; it is never reset here.")
                throw CycleExit.configuration
            }
            do {
                try await local.erase(runId: Run.generatedRunId(prefix: "reset"), now: Date(), host: ProcessInfo.processInfo.hostName,
                                      processId: ProcessInfo.processInfo.processIdentifier)
                try await PaperWallet(database: local.database).reset()
            } catch {
                Console.error("Reset refused: \(error)")
                throw CycleExit.aborted
            }
            Console.out("Paper account reset: the next `cycle` funds a new wallet and starts from default state.")
        }
    }
}

struct StateDocumentImportError: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

