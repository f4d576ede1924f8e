import Foundation
import Strategy

/// Compares what the state believes with the exchange (docs/commands.md#evidence-for-operators); never trades. Reads
/// balances, Simple Earn positions, prices and rules once (or reuses what the cycle read), and
/// asks the exchange about each journaled order given by its client id.
public struct Reconciler: Sendable {
    /// Coins the strategy holds outside the trend sleeve (the quote, the BNB fuel, the BTC core).
    public static let sleeveOutsideAssets: Set<String> = ["USDT", "BNB", "BTC"]
    /// How far back journaled orders are checked against the exchange's record.
    public static let journalWindowSeconds: TimeInterval = CycleRules.reconciliationJournalWindowSeconds
    /// Minimum order value used when the exchange gives no NOTIONAL/MIN_NOTIONAL for a symbol.
    public static let defaultMinimumNotional = 5.0

    let exchange: any Exchange

    public init(exchange: any Exchange) {
        self.exchange = exchange
    }

    /// What the caller already read and the reconciliation may reuse instead of asking again.
    public struct KnownReads: Sendable {
        /// The balances, when nothing was sent since they were read.
        public var holdings: AccountHoldings?
        public var prices: [String: Double] = [:]
        public var rules: [String: SymbolRules] = [:]
        /// Also compare the balances' Simple Earn (Binance: the account's `LD…` mirrors) with
        /// the exchange's own position list (`cycle reconcile`; weight 150 on Binance).
        public var checksEarnMirror = false
        public init() {}
    }

    /// `document`: the stored state; `recentEntries`: the journal entries to check (settled or
    /// not), newest first; `known`: reads to reuse (only what is missing is asked for).
    public func reconcile(document: JSONValue?, recentEntries: [JournalEntry], account: String, now: Date,
                          known: KnownReads = KnownReads()) async -> Reconciliation {
        var result = Reconciliation(checkedAt: now, account: account, failures: [], checks: [])
        let held: [String: String]
        do {
            held = try Self.heldPositions(in: document)
        } catch {
            result.failures.append(.init(kind: .unreadable, detail: "state document: \(error)"))
            return result
        }
        // The journal's lookups run beside the balance reads; the reads after the spot balances
        // (Simple Earn, prices, rules) go out together: about three round trips in all.
        async let journalFailures = journal(recentEntries)
        do {
            // Simple Earn of what the state holds and of the sleeve's outside assets (the coins the engine moves there).
            let account = if let reused = known.holdings { reused } else {
                await exchange.holdings(earnAssets: Array(Set(held.values).union(Self.sleeveOutsideAssets)).sorted())
            }
            let spot = try account.spot.get()
            let assets = Array(Set(spot.keys).union(held.values)).sorted()
            let tradedAssets = assets.filter { !Self.sleeveOutsideAssets.contains($0) }
            let symbols = Set(held.keys).union(tradedAssets.map { $0 + "USDT" }).sorted()
            let missingPrices = symbols.filter { known.prices[$0] == nil }
            let missingRules = symbols.filter { known.rules[$0] == nil }
            async let pricesRead = missingPrices.isEmpty ? [:] : exchange.averagePrices(symbols: missingPrices)
            async let rulesRead = missingRules.isEmpty ? [:] : Self.rulesOrNone(exchange, symbols: missingRules)
            let earn = try account.earn.get()
            let holdings = Holdings(spot: spot, earn: earn, prices: known.prices.merging(try await pricesRead) { $1 },
                                    rules: known.rules.merging(await rulesRead) { $1 })
            result.append(check: "state_positions_on_exchange", checked: held.count, failures: heldButMissing(held, holdings))
            result.append(check: "untracked_positions", checked: tradedAssets.count, failures: untracked(tradedAssets, held: held, holdings))
            if known.checksEarnMirror {
                let listed = try await exchange.earnPositions(assets: Array(Set(earn.keys).union(Self.sleeveOutsideAssets).union(held.values)).sorted())
                result.append(check: "earn_mirror", checked: Set(earn.keys).union(listed.keys).count, failures: Self.mirrorMismatches(earn, listed))
            }
        } catch {
            result.failures.append(.init(kind: .unreadable, detail: "balances, Simple Earn or prices: \(error)"))
        }
        result.append(check: "journal_vs_exchange", checked: recentEntries.count, failures: await journalFailures)
        return result
    }

    /// Symbol → base asset of every position the state marks active (pool and retired).
    static func heldPositions(in document: JSONValue?) throws -> [String: String] {
        let state = try TradeState.normalized(from: document, universe: [])
        var held: [String: String] = [:]
        for (symbol, retired) in state.retiredPositions where retired.position.isHolding { held[symbol] = retired.baseAsset }
        return held
    }

    private struct Holdings {
        let spot: [String: SpotBalance]
        let earn: [String: EarnPosition]
        let prices: [String: Double]
        let rules: [String: SymbolRules]

        func amount(_ asset: String) -> Double { (spot[asset]?.total ?? 0) + (earn[asset]?.totalAmount ?? 0) }

        /// Worth of `asset` in USDT at `symbol`'s price, and the symbol's minimum order value.
        func value(_ asset: String, symbol: String) -> (worth: Double, minimum: Double)? {
            guard let price = prices[symbol], price.isFinite, price > 0 else { return nil }
            let minimum = rules[symbol]?.notional.map { OrderSizing.double($0.minNotional) } ?? Reconciler.defaultMinimumNotional
            return (amount(asset) * price, minimum)
        }
    }

    private func heldButMissing(_ held: [String: String], _ holdings: Holdings) -> [Reconciliation.Failure] {
        held.sorted { $0.key < $1.key }.compactMap { symbol, asset in
            guard let (worth, minimum) = holdings.value(asset, symbol: symbol) else {
                return .init(kind: .heldInStateNotOnExchange, symbol: symbol, detail: "state holds \(asset); the exchange has no price for \(symbol)")
            }
            guard worth < minimum else { return nil }
            return .init(kind: .heldInStateNotOnExchange, symbol: symbol,
                         detail: "state holds \(asset); the account has \(Format.quantity(holdings.amount(asset))) \(asset) (worth \(Format.fixed(worth, 2)) USDT, below the \(Format.fixed(minimum, 2)) USDT minimum order)")
        }
    }

    private func untracked(_ assets: [String], held: [String: String], _ holdings: Holdings) -> [Reconciliation.Failure] {
        let tracked = Set(held.values)
        return assets.filter { !tracked.contains($0) }.compactMap { asset in
            let symbol = asset + "USDT"
            // Dust below the symbol's minimum order cannot be sold anyway: not a failure.
            guard let (worth, minimum) = holdings.value(asset, symbol: symbol), worth >= minimum else { return nil }
            return .init(kind: .untrackedPosition, symbol: symbol,
                         detail: "the account holds \(Format.quantity(holdings.amount(asset))) \(asset) (worth \(Format.fixed(worth, 2)) USDT) that state does not track")
        }
    }

    /// Assets whose two Simple Earn amounts differ by more than a millionth (and 1e-8).
    static func mirrorMismatches(_ mirrored: [String: EarnPosition], _ listed: [String: EarnPosition]) -> [Reconciliation.Failure] {
        Set(mirrored.keys).union(listed.keys).sorted().compactMap { asset in
            let seen = mirrored[asset]?.totalAmount ?? 0, truth = listed[asset]?.totalAmount ?? 0
            guard abs(seen - truth) > max(1e-8, 1e-6 * abs(truth)) else { return nil }
            return .init(kind: .earnMirrorMismatch, symbol: asset,
                         detail: "the account shows \(Format.quantity(seen)) \(asset) in Simple Earn (its LD\(asset) balance), Simple Earn lists \(Format.quantity(truth))")
        }
    }

    private static func rulesOrNone(_ exchange: any Exchange, symbols: [String]) async -> [String: SymbolRules] {
        (try? await exchange.symbolRules(symbols: symbols)) ?? [:]
    }

    /// Each journaled order against the exchange's record, looked up concurrently; failures in
    /// the journal's order (newest first).
    private func journal(_ entries: [JournalEntry]) async -> [Reconciliation.Failure] {
        let orders = entries.filter { $0.kind == .order }
        let exchange = self.exchange
        let checked = await withTaskGroup(of: JournalCheck.self) { group in
            for (index, entry) in orders.enumerated() {
                group.addTask { await JournalCheck(index: index, entry: entry, exchange: exchange) }
            }
            var results: [JournalCheck] = []
            for await check in group { results.append(check) }
            return results
        }
        return checked.sorted { $0.index < $1.index }.flatMap(\.failures)
    }
}

/// One journal entry checked against the exchange (a task group's child result: a final class,
/// never a tuple — Swift 6.3.1 miscompiles tuple children at -O, see the release gate).
private final class JournalCheck: Sendable {
    let index: Int
    let failures: [Reconciliation.Failure]

    init(index: Int, entry: JournalEntry, exchange: any Exchange) async {
        self.index = index
        guard case .answered(let recorded)? = entry.outcome else {
            failures = [.init(kind: .journalEntryUnsettled, symbol: entry.symbol,
                              detail: "\(entry.clientOrderId) has no confirmed outcome yet (\(entry.outcome?.label ?? "intent")); the next cycle settles it")]
            return
        }
        do {
            guard let found = try await exchange.orderStatus(symbol: entry.symbol, clientOrderId: entry.clientOrderId) else {
                failures = [.init(kind: .journalOrderNotOnExchange, symbol: entry.symbol, detail: "\(entry.clientOrderId) is not on the exchange")]
                return
            }
            let tolerance = 1e-9 * max(1, abs(recorded.executedQuantity))
            if found.status != recorded.status || abs(found.executedQuantity - recorded.executedQuantity) > tolerance {
                failures = [.init(kind: .journalOrderMismatch, symbol: entry.symbol, detail: "\(entry.clientOrderId): journal \(recorded.status.rawValue) "
                    + "\(Format.quantity(recorded.executedQuantity)), exchange \(found.status.rawValue) \(Format.quantity(found.executedQuantity))")]
            } else {
                failures = []
            }
        } catch {
            failures = [.init(kind: .unreadable, symbol: entry.symbol, detail: "\(entry.clientOrderId): \(error)")]
        }
    }
}

extension Reconciliation {
    mutating func append(check name: String, checked: Int, failures found: [Failure]) {
        checks.append(Check(name: name, checked: checked, failures: found.count))
        failures += found
    }
}
