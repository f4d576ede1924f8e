import Engine
import Foundation
import Paper

/// The human summary printed after a cycle: equity and allocation, pool source, intents and
/// fills, gates with reasons, where the report and the state are.
struct RunSummary {
    let report: ExecutionReport
    let store: any DeploymentStore
    /// The paper wallet, shown at the end; nil on Binance (the report has the balances).
    let wallet: PaperWallet?
    let reportPath: String
    /// The database file, or the Firestore document, the state is in.
    let storeLocation: String

    func render() async throws -> String {
        var lines = ["cycle \(EngineVersion.full) — run \(report.runId): \(report.status.rawValue.uppercased())\(report.dryRun ? " (dry run: nothing was sent or written)" : "")"]
        for error in report.errors { lines.append("  ✗ \(error.stage.rawValue): \(error.message)") }
        lines.append("Mode       \(report.tradingMode?.rawValue ?? "unknown (not read)"), exposure cap \(percent(report.exposureCap))")
        if let allocation = report.diagnostics.allocationAfterTrades ?? report.diagnostics.allocationBeforeTrades {
            lines.append("Equity     \(money(allocation.totalEquity)) USDT — cash \(money(allocation.cash)), BTC \(money(allocation.dcaValue)), "
                + "trend \(money(allocation.trendValue)); targets BTC \(percent(allocation.btcTargetRatio)) / trend \(percent(allocation.trendTargetRatio))")
        }
        if let pool = report.diagnostics.poolResolution {
            lines.append("Pool       \(pool.rung.rawValue) (\(pool.sourceDetail)), version \(pool.payload.version), as of \(pool.payload.asOfDate)")
            lines.append("           pool \(report.activeTrendPool.joined(separator: ", ")); selected \(report.selectedCandidates.isEmpty ? "none" : report.selectedCandidates.joined(separator: ", "))")
        }
        lines += try await ordersSection()
        for intent in report.earnIntents {
            lines.append("Earn       \(intent.action.rawValue) \(Self.decimal(intent.amount)) \(intent.asset) (\(intent.reason.rawValue))")
        }
        for resolution in report.journalResolutions {
            lines.append("Journal    \(resolution.entry.purpose.rawValue) \(resolution.entry.symbol) from run \(resolution.entry.runId): "
                + "\(resolution.outcome)\(resolution.applied ? ", applied to state" : "")")
        }
        if report.gatingEvents.isEmpty {
            lines.append("Gates      none")
        } else {
            lines.append("Gates")
            for event in report.gatingEvents {
                lines.append("  · \(event.gate.wireName)\(event.symbol.map { " \($0)" } ?? "")\(event.detail.map { " \(JSONWriter.string($0.json, pretty: false))" } ?? "")")
            }
        }
        lines.append("State      \(report.stateWriteReasons.isEmpty ? "no writes" : report.stateWriteReasons.joined(separator: " → "))")
        if let wallet { lines += try await walletSection(wallet) }
        lines.append("Report     \(reportPath)")
        lines.append("Store      \(storeLocation) (account \(store.accountName)) — `cycle state show`, `cycle state history`")
        return lines.joined(separator: "\n")
    }

    /// Each intent with what the exchange filled (from the journal), or why nothing was sent.
    private func ordersSection() async throws -> [String] {
        let intents = report.tradeIntents.map { ($0.clientOrderId, "\($0.category.rawValue) \($0.action.rawValue.uppercased()) \($0.symbol) \(Self.decimal($0.quantity ?? $0.quoteOrderQty ?? 0))\($0.reason.map { " — \(MessageCatalog(language: report.language).intentReasonText($0))" } ?? "")") }
            + report.dcaIntents.map { ($0.clientOrderId, "btc_dca \($0.action.rawValue.uppercased()) BTCUSDT \(Self.decimal($0.quantity))") }
        guard !intents.isEmpty else { return ["Orders     none"] }
        // This run's entries are the newest: a few more than its intents is enough.
        let rows = try await store.journalRows(pendingOnly: false, limit: intents.count + 20)
        let journal = Dictionary(rows.map { ($0.entry.clientOrderId, $0.entry) }, uniquingKeysWith: { first, _ in first })
        var lines = ["Orders"]
        for (clientOrderId, text) in intents {
            let outcome: String
            switch clientOrderId.flatMap({ journal[$0] })?.outcome {
            case .answered(let fill)?:
                let price = fill.averagePrice.map { " @ \(Self.decimal($0))" } ?? ""
                let fee = fill.commissionInBaseAsset > 0 ? ", fee \(Self.decimal(fill.commissionInBaseAsset)) in base" : ""
                outcome = "\(fill.status.rawValue) \(Self.decimal(fill.executedQuantity))\(price) = \(money(fill.quoteQuantity)) USDT\(fee)"
            case .rejected(let why)?: outcome = "refused: \(why)"
            case .unknown(let why)?: outcome = "UNKNOWN: \(why)"
            case nil: outcome = report.dryRun ? "not sent (dry run)" : "not sent (see gates)"
            }
            lines.append("  · \(text) → \(outcome)")
        }
        return lines
    }

    private func walletSection(_ wallet: PaperWallet) async throws -> [String] {
        let spot = try await wallet.spot().filter { $0.value.free + $0.value.locked > 0 }.sorted { $0.key < $1.key }
        let earn = try await wallet.earn().filter { $0.value.amount > 0 }.sorted { $0.key < $1.key }
        var parts = spot.map { "\($0.key) \($0.value.free + $0.value.locked)" }
        parts += earn.map { "\($0.key) \($0.value.amount) in Simple Earn" }
        return ["Wallet     \(parts.isEmpty ? "empty" : parts.joined(separator: ", "))"]
    }

    private func money(_ value: Double) -> String { String(format: "%.2f", value) }
    private func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
    static func decimal(_ value: Double) -> String {
        var text = String(format: "%.8f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
