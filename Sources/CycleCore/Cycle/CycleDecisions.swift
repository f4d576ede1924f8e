import Foundation
import Strategy

/// One cycle's decisions (docs/strategy.md#the-cycle-step-by-step) and what they have read, decided and done so far: a value
/// that lives for one run (`CycleDecisions.run`), on one thread. Its steps are the
/// `CycleDecisions+Step.swift` extensions; it reaches the world only through `world`.
public struct CycleDecisions {
    let config: Config
    let settings: CycleRunSettings
    let runId: String
    let dryRun: Bool
    let messages: MessageCatalog
    let now: Date
    let today: CalendarDay
    /// Made when the first order or earn move needs an id (most cycles send none): a live run's
    /// ids also carry a nonce, so a repeated run id never reuses an id; a dry run (and replay)
    /// keeps them deterministic for the run id.
    lazy var orderIds = ClientOrderIdFactory(runId: runId, nonce: dryRun ? nil : settings.runNonce)

    var report: ExecutionReport
    var diagnostics = CycleDiagnostics()
    /// The report's `log_lines` (a reference, so a line can be added while a step reads `self`).
    let log = LogLines()
    var state = TradeState()
    var stateLoaded = false
    /// The last document loaded and decoded, so a second load of the same document is not decoded again.
    var lastStoredState: StoredState?
    var resolution: PoolResolution?
    var universe: [UniverseMember] = [] {
        didSet { symbols = universe.map(\.symbol) }
    }
    /// The runtime universe's symbols, in its order.
    private(set) var symbols: [String] = []
    var allowNewEntries = true
    /// The one ledger of balances; fills and earn moves move it.
    var wallet = Wallet.empty {
        didSet { walletVersion += 1 }
    }
    /// Counts every read and move of the wallet (a balance snapshot taken at one count holds until the next).
    private var walletVersion = 0
    /// The last balance snapshot, with the wallet count and universe it was taken at.
    private var keptSnapshot: KeptSnapshot?

    private struct KeptSnapshot {
        let walletVersion: Int
        let universe: [UniverseMember]
        let balances: [String: Double]
    }
    var orderSequence = 0
    /// Journal entries answered this run whose effects the next state write settles.
    var pendingSettlement: [String] = []
    /// When this run last subscribed or redeemed (Simple Earn's 3 s spacing).
    var lastEarnMoveAt: Date?
    var holdsLease = false
    /// Orders sent and refused this run (live only).
    var orderOutcomes = OrderOutcomeTally()
    /// Where every effect goes (the live shell's ports, or a backtest's memory).
    let world: any CycleWorld

    @inline(never)
    init(config: Config, settings: CycleRunSettings, world: any CycleWorld, runId: String, dryRun: Bool) {
        self.config = config
        self.settings = settings
        self.runId = runId
        self.dryRun = dryRun
        self.messages = MessageCatalog(language: config.notifyLanguage)
        self.now = settings.now
        self.today = CalendarDay(now)
        self.world = world
        self.report = ExecutionReport(
            runId: runId, dryRun: dryRun, strategyProfile: config.strategyProfile, serviceName: config.serviceName,
            startedAt: now.isoWithOffset, displayName: Self.displayName(in: .en),
            displayNameLocalized: Self.displayName(in: config.notifyLanguage), language: config.notifyLanguage,
            exposureCap: config.exposureCap, runtimeTarget: config.runtimeTarget
        )
    }

    /// The strategy's display name in each language (spelled once, not once per cycle).
    private static let englishDisplayName = MessageCatalog(language: .en).text(.strategyDisplayName)
    private static let chineseDisplayName = MessageCatalog(language: .zh).text(.strategyDisplayName)

    private static func displayName(in language: Config.Language) -> String {
        switch language {
        case .en: englishDisplayName
        case .zh: chineseDisplayName
        }
    }

    /// The outcome of a finished run. The report is moved out (swapped for an empty one), not
    /// copied: a copy would count a reference to each of its many parts, and the run's end
    /// would count them all down again.
    mutating func takeOutcome() -> CycleOutcome {
        var taken = ExecutionReport(runId: "", dryRun: dryRun, strategyProfile: "", serviceName: "", startedAt: "",
                                    displayName: "", displayNameLocalized: "")
        swap(&taken, &report)
        return CycleOutcome(report: taken, state: stateLoaded ? state : nil)
    }

    var prices: [String: Double] { wallet.prices }

    func currentAllocation() -> Allocation {
        Allocation(cash: wallet.cash, fuelValue: wallet.fuelValue, trendValue: wallet.trendValue(universe: universe), dcaValue: wallet.dcaValue,
                   exposureCap: config.exposureCap)
    }

    /// Asset → balance rounded to 8 decimals: USDT, BTC and every runtime-universe base asset.
    /// (The end of a cycle that moved nothing takes the snapshot its start took.)
    mutating func balanceSnapshot() -> [String: Double] {
        if let kept = keptSnapshot, kept.walletVersion == walletVersion, kept.universe == universe { return kept.balances }
        var snapshot = [String: Double](minimumCapacity: universe.count + 2)
        snapshot["USDT"] = roundTo(wallet.cash, places: 8)
        snapshot["BTC"] = roundTo(wallet.btc, places: 8)
        for (member, total) in zip(universe, wallet.totals(of: universe)) { snapshot[member.baseAsset] = roundTo(total, places: 8) }
        keptSnapshot = KeptSnapshot(walletVersion: walletVersion, universe: universe, balances: snapshot)
        return snapshot
    }

    /// Adds a line to the report's `log_lines`; the text is only rendered when the caller keeps them.
    func say(_ line: @autoclosure () -> String, atTop: Bool = false) {
        guard settings.rendersLogLines else { return }
        if atTop { log.lines.insert(line(), at: 0) } else { log.lines.append(line()) }
    }

    mutating func nextClientOrderId(prefix: String, symbol: String) -> String {
        orderSequence += 1
        return orderIds.make(prefix: prefix, symbol: symbol, sequence: orderSequence)
    }
}

/// The human-readable lines a cycle writes into its report, in order.
final class LogLines {
    var lines: [String] = []
}
