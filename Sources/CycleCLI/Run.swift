import ArgumentParser
import Binance
import Engine
import Foundation
import LocalStore
import Operations
import Paper
import Replay
import WebClient

/// `cycle` / `cycle run`: one cycle. With Binance credentials it runs on Binance (a dry run
/// unless BINANCE_DRY_RUN=false); without, on the paper exchange. State is in the local store.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one cycle: on Binance when BINANCE_API_KEY is set, else on the paper exchange.",
        discussion: "Exit codes: 0 ok, 1 error, 2 aborted (lease held, unreadable state), 64 configuration or usage error."
    )

    @OptionGroup var store: StoreOptions

    @Flag(help: "Decide everything but send no order, earn move, state write or alert.")
    var dryRun = false

    @Flag(help: "Print the JSON execution report instead of the summary.")
    var json = false

    @Option(help: "Also write the JSON report to this file (the only thing a dry run writes).")
    var output: String?

    @Option(help: "Paper clock, ISO-8601 (default: noon UTC of the bundled data's last day, or now for binance-public).")
    var now: String?

    @Option(help: "Run identifier (default: generated from the time and a random suffix).")
    var runId: String?

    @Option(help: "Paper market data: bundled (default) or binance-public (Binance's public endpoints, no key).")
    var market = "bundled"

    func validate() throws {
        if let now, Date.parseISO8601(now) == nil { throw ValidationError("--now '\(now)' is not ISO-8601 (e.g. 2026-10-31T12:00:00Z)") }
        if let runId, let problem = RunIdRule.problem(runId) { throw ValidationError(problem) }
        try OperatorFile.check(output, option: "--output")
        guard ["bundled", "binance-public"].contains(market) else { throw ValidationError("--market must be bundled or binance-public") }
    }

    func run() async throws {
        let runtime: Runtime
        do {
            runtime = Runtime(settings: try Settings.parse(ProcessInfo.processInfo.environment), options: store)
        } catch {
            Console.error("\(error)")
            await RuntimeErrorAlert.send(for: error)
            throw CycleExit.configuration
        }
        let settings = runtime.settings
        let onBinance = runtime.venue == .binance
        if onBinance, market != "bundled" || now != nil {
            Console.error("--market and --now apply to the paper exchange; with BINANCE_API_KEY set the cycle runs on Binance at the real time. Nothing was traded.")
            throw CycleExit.configuration
        }
        let id = runId ?? Self.generatedRunId(prefix: onBinance ? "binance" : "paper")
        let deadline = CycleDeadline.arm(seconds: settings.deadlineSeconds, context: CycleDeadline.Context(
            runId: id, dryRun: settings.cycle.dryRun || dryRun, strategyProfile: settings.cycle.strategyProfile,
            serviceName: settings.cycle.serviceName, printJSON: json
        ))
        defer { deadline.disarm() }
        if onBinance {
            try await runOnBinance(runtime, runId: id, deadline: deadline)
        } else {
            try await runOnPaper(runtime, runId: id, deadline: deadline)
        }
    }

    private func runOnBinance(_ runtime: Runtime, runId: String, deadline: CycleDeadline) async throws {
        let settings = runtime.settings
        let client: BinanceClient
        let peers: Peers
        do {
            client = try runtime.binanceClient()
            peers = try runtime.peers()
        } catch {
            Console.error("\(error) Nothing was traded.")
            await RuntimeErrorAlert.send(for: error)
            throw CycleExit.configuration
        }
        let dryRun = settings.cycle.dryRun || self.dryRun
        announce("BINANCE \(settings.binance.baseURL) — " + (dryRun
            ? "DRY RUN: reads the real account, sends no order, earn move or state write (set BINANCE_DRY_RUN=false to trade)."
            : "LIVE: real orders on this account.") + " \(peers.stateDescription.prefix(1).uppercased() + peers.stateDescription.dropFirst()); "
            + (peers.telegram == nil ? "alerts in the report only." : "alerts to Telegram."))
        let opened: OpenedStore
        do {
            opened = try await runtime.binanceCycleStore(dryRun: dryRun)
        } catch {
            Console.error("\(error)")
            await RuntimeErrorAlert.send(for: error)
            throw CycleExit.aborted
        }
        let session = BinanceSession(settings: settings, store: opened.store, account: runtime.account, peers: peers)
        let notifier = peers.notifier
        if !dryRun {
            let cycleStore = opened.store
            let folder = opened.reportFolder(runtime.stateFolder)
            let keepInStore = opened.database != nil ? nil : Self.keeper(of: runId, in: cycleStore)
            deadline.update { context in
                context.reportFolder = folder
                context.keepInStore = keepInStore
                context.releaseLease = { try? await cycleStore.releaseLease(runId: runId) }
                context.alert = { text in await notifier.send(text) }
            }
        }
        let outcome = await session.runCycle(client: client, runId: runId, dryRun: dryRun)
        try await finish(outcome, runtime: runtime, store: opened, wallet: nil, dryRun: dryRun,
                         deadline: deadline, alert: { await notifier.send($0) })
    }

    private func runOnPaper(_ runtime: Runtime, runId: String, deadline: CycleDeadline) async throws {
        let settings = runtime.settings
        let bundled: BundledMarketData
        do {
            bundled = try PaperSession.locateMarket(settings.paper)
        } catch {
            Console.error("\(error)")
            throw CycleExit.configuration
        }
        let marketData: any MarketData
        let clock: Date
        if market == "binance-public" {
            marketData = BinancePublicMarketData(client: try runtime.binanceClient())
            clock = now.flatMap(Date.parseISO8601) ?? Date()
        } else {
            marketData = bundled
            guard let start = now.flatMap(Date.parseISO8601) ?? bundled.lastDay?.addingTimeInterval(PaperSession.defaultHourOfLastDay) else {
                Console.error("Paper market data \(bundled.directory.path) has no BTCUSDT klines; nothing was traded.")
                throw CycleExit.configuration
            }
            clock = start
        }
        announce("PAPER MODE — simulated Binance account over \(marketData.label), clock \(clock.isoWithOffset)\(dryRun ? ", dry run" : ""). No real orders\(market == "bundled" ? ", no network" : "").")

        let database: StateDatabase
        do {
            database = try await runtime.localDatabase(dryRun: dryRun)
        } catch {
            Console.error("\(dryRun ? error : StateDatabase.openingProblem(error, directory: runtime.stateFolder))")
            throw CycleExit.aborted
        }
        let session = try PaperSession(settings: settings, database: database, market: marketData,
                                   artifactPath: bundled.livePoolArtifactPath, now: clock)
        if !dryRun {
            let paperStore = session.store
            let folder = runtime.stateFolder
            deadline.update { context in
                context.reportFolder = folder
                context.releaseLease = { try? await paperStore.releaseLease(runId: runId) }
            }
        }
        let outcome = try await session.runCycle(runId: runId, dryRun: dryRun)
        try await finish(outcome, runtime: runtime, store: OpenedStore(store: session.store, database: database), wallet: session.wallet,
                         dryRun: dryRun, deadline: deadline, alert: nil)
    }

    /// `alert`: the cycle's notifier (nil on paper, which never messages Telegram).
    private func finish(_ outcome: CycleOutcome, runtime: Runtime, store opened: OpenedStore, wallet: PaperWallet?,
                        dryRun: Bool, deadline: CycleDeadline, alert: (@Sendable (String) async -> DeliveryReceipt)?) async throws {
        var outcome = outcome
        // The local store's files, checked before the report is kept: writes into removed files are lost at exit.
        var filesLost: StoreFilesLostError?
        if !dryRun, let database = opened.database { filesLost = await StoreFilesLoss.check(database, report: &outcome.report, alert: alert) }
        // From here on the deadline watchdog cannot turn this outcome into another (it would keep this report).
        let reportText = JSONWriter.string(outcome.report.json) + "\n"
        guard deadline.willKeepReport(exitCode: CycleExit.code(for: outcome.report.status).rawValue, text: reportText) else {
            return await Self.waitForTheWatchdog()
        }
        // A dry run writes nothing to the store or its folder: the report goes where --output says, if anywhere.
        let reportPath: String
        if dryRun {
            if let output { try Self.write(reportText, to: output) }
            deadline.reportFileKept()
            reportPath = output ?? "not written (dry run; --output FILE writes it)"
        } else {
            do {
                reportPath = try await keep(outcome.report, text: reportText, inputs: outcome.recordedInputs, in: opened, stateFolder: runtime.stateFolder,
                                            fileKept: deadline.reportFileKept)
            } catch {
                // A full disk, a read-only folder or an unreachable store must not lose the report silently: it goes to stdout instead.
                Console.error("The report of run \(outcome.report.runId) could not be kept in \(opened.store.location) (\(error)); "
                    + "it is printed on stdout instead. " + (opened.database == nil ? "Check Firestore's status and the service account's access."
                        : "Free disk space or fix the folder's permissions."))
                print(reportText, terminator: "")
                // An aborted run stays aborted (exit 2): nothing was traded, and the store is what failed.
                throw outcome.report.status == .aborted ? CycleExit.aborted : CycleExit.error
            }
            if let output { try Self.write(reportText, to: output) }
            // Everything this run wrote goes into the database file itself: a -wal lost later loses none of it.
            if filesLost == nil { opened.database?.checkpoint() }
        }
        if json {
            print(reportText, terminator: "")
        } else {
            let summary = try await RunSummary(report: outcome.report, store: opened.store, wallet: wallet,
                                               reportPath: reportPath, storeLocation: opened.database?.path ?? opened.store.location).render()
            print(summary)
        }
        // Last, after the output: retention and the ping may be cut short by the deadline, nothing else.
        if !dryRun {
            await Aftercare(settings: runtime.settings, store: opened.store, reportsFolder: opened.reportFolder(runtime.stateFolder)?.appendingPathComponent("reports"))
                .run(status: outcome.report.status)
        }
        let status = outcome.report.status
        if status != .ok { throw CycleExit.code(for: status) }
    }

    /// How the deadline watchdog keeps its report in a store without a folder (Firestore).
    private static func keeper(of runId: String, in store: any DeploymentStore) -> @Sendable (String) async -> Void {
        { text in
            let json = try? JSONParser.parse(Data(text.utf8))
            let status = json?["status"]?.stringValue ?? ExecutionReport.Status.error.rawValue
            let calls = await CallAudit.process.drain()
            try? await store.keepRun(KeptRun(runId: runId, startedAt: json?["started_at"]?.stringValue ?? "", status: status, report: text, calls: calls))
        }
    }

    /// The watchdog began stopping the cycle before its report was kept: it keeps its own and ends the process.
    private static func waitForTheWatchdog() async {
        while true { try? await Task.sleep(nanoseconds: 1_000_000_000) }
    }

    /// The first line says which exchange this is; with `--json` it goes to stderr so stdout stays JSON.
    private func announce(_ line: String) {
        if json { Console.error(line) } else { Console.out(line) }
    }

    /// Keeps the report and the call audit (`ReportArchive`). Returns where the report is.
    private func keep(_ report: ExecutionReport, text: String, inputs: RecordedInputs?, in opened: OpenedStore, stateFolder: URL,
                      fileKept: () -> Void) async throws -> String {
        let run = KeptRun(runId: report.runId, startedAt: report.startedAt, status: report.status.rawValue, report: text,
                          calls: await CallAudit.process.drain(), inputs: inputs.map { JSONWriter.string(RecordedFixture($0).json, pretty: false) })
        let archive = ReportArchive(store: opened.store, reportsFolder: opened.reportFolder(stateFolder)?.appendingPathComponent("reports"))
        let kept = try await archive.keep(run, fileKept: fileKept)
        if let problem = kept.storeProblem {
            Console.error("The report and call audit of run \(report.runId) could not be kept in the store: \(problem)")
        }
        return kept.location
    }

    private static func write(_ text: String, to path: String) throws {
        try OperatorFile.write(text, to: path, creatingFolder: true)
    }

    static func generatedRunId(prefix: String) -> String {
        let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(6).lowercased()
        return "\(prefix)-\(Date().compactUTCStamp)-\(suffix)"
    }
}
