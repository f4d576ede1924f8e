import Engine
import Foundation
import Strategy

/// Every call a cycle makes to its ports, for the port-call golden (issue #22's oracle): the
/// effects (orders, earn moves, state writes, journal, lease, alerts) in the order they were
/// made, and the reads as a sorted list (the cycle reads concurrently, so their order is not a
/// decision). Wraps the fakes the engine tests already use.
final class PortCalls: @unchecked Sendable {
    private let lock = NSLock()
    private var effects: [String] = []
    private var reads: [String] = []

    func effect(_ line: String) { lock.withLock { effects.append(line) } }
    func read(_ line: String) { lock.withLock { reads.append(line) } }

    /// The text compared with a golden file.
    var transcript: String {
        lock.withLock {
            (["# effects, in order"] + effects + ["# reads, sorted"] + reads.sorted()).joined(separator: "\n") + "\n"
        }
    }
}

struct RecordingExchange: Exchange {
    let inner: any Exchange
    let calls: PortCalls

    func connect() async throws { calls.read("connect"); try await inner.connect() }
    func runRefusal() async -> String? { await inner.runRefusal() }
    func spotBalances() async throws -> [String: SpotBalance] { calls.read("spotBalances"); return try await inner.spotBalances() }
    func earnPositions(assets: [String]) async throws -> [String: EarnPosition] {
        calls.read("earnPositions \(assets.sorted())")
        return try await inner.earnPositions(assets: assets)
    }
    func flexibleProductId(asset: String) async throws -> String? { calls.read("flexibleProductId \(asset)"); return try await inner.flexibleProductId(asset: asset) }
    func averagePrices(symbols: [String]) async throws -> [String: Double] {
        calls.read("averagePrices \(symbols.sorted())")
        return try await inner.averagePrices(symbols: symbols)
    }
    func symbolRules(symbols: [String]) async throws -> [String: SymbolRules] {
        calls.read("symbolRules \(symbols.sorted())")
        return try await inner.symbolRules(symbols: symbols)
    }
    func dailyKlines(symbol: String, days: Int) async throws -> [Kline] {
        calls.read("dailyKlines \(symbol) \(days)")
        return try await inner.dailyKlines(symbol: symbol, days: days)
    }
    func placeMarketOrder(_ order: MarketOrder) async throws -> OrderFill {
        calls.effect("placeMarketOrder \(order.side) \(order.symbol) \(order.size) \(order.clientOrderId)")
        return try await inner.placeMarketOrder(order)
    }
    func order(symbol: String, clientOrderId: String) async throws -> OrderFill? {
        calls.effect("order \(symbol) \(clientOrderId)")
        return try await inner.order(symbol: symbol, clientOrderId: clientOrderId)
    }
    func orderInHistory(symbol: String, clientOrderId: String, from start: Date, to end: Date) async throws -> OrderFill? {
        calls.effect("orderInHistory \(symbol) \(clientOrderId)")
        return try await inner.orderInHistory(symbol: symbol, clientOrderId: clientOrderId, from: start, to: end)
    }
    func subscribeFlexible(productId: String, amount: Decimal) async throws {
        calls.effect("subscribeFlexible \(productId) \(amount)")
        try await inner.subscribeFlexible(productId: productId, amount: amount)
    }
    func redeemFlexible(productId: String, amount: Decimal) async throws {
        calls.effect("redeemFlexible \(productId) \(amount)")
        try await inner.redeemFlexible(productId: productId, amount: amount)
    }
}

struct RecordingStore: CycleStore {
    /// A value as Swift describes it, without the module its type lives in (a type that moves
    /// between modules does not change the transcript).
    static func unqualified(_ value: Any) -> String {
        "\(value)".replacingOccurrences(of: "CycleCore.", with: "").replacingOccurrences(of: "Engine.", with: "")
    }

    let inner: any CycleStore
    let calls: PortCalls

    func load() async throws -> JSONValue? { calls.effect("load"); return try await inner.load() }
    func write(_ write: StateWrite) async throws {
        calls.effect("write \(write.reason) settles=\(write.settles) keys=\(write.document.objectValue?.keys.sorted().joined(separator: ",") ?? "-")")
        try await inner.write(write)
    }
    func acquireLease(_ request: LeaseRequest) async throws -> LeaseGrant { calls.effect("acquireLease"); return try await inner.acquireLease(request) }
    func renewLease(runId: String, now: Date, until: Date) async throws { calls.effect("renewLease"); try await inner.renewLease(runId: runId, now: now, until: until) }
    func releaseLease(runId: String) async throws { calls.effect("releaseLease"); try await inner.releaseLease(runId: runId) }
    func currentLease() async throws -> LeaseHolder? { calls.effect("currentLease"); return try await inner.currentLease() }
    func recordIntent(_ entry: JournalEntry) async throws {
        calls.effect("recordIntent \(entry.purpose.rawValue) \(entry.symbol) \(entry.side?.rawValue ?? "-") \(entry.requestedAmount) \(entry.clientOrderId)")
        try await inner.recordIntent(entry)
    }
    func recordOutcome(_ outcome: JournalOutcome, clientOrderId: String) async throws {
        calls.effect("recordOutcome \(clientOrderId) \(Self.unqualified(outcome))")
        try await inner.recordOutcome(outcome, clientOrderId: clientOrderId)
    }
    func unsettledEntries() async throws -> [JournalEntry] { calls.effect("unsettledEntries"); return try await inner.unsettledEntries() }
    func recentEntries(since: Date) async throws -> [JournalEntry] { calls.effect("recentEntries"); return try await inner.recentEntries(since: since) }
}

struct RecordingAlerts: Notifier {
    let inner: any Notifier
    let calls: PortCalls

    func send(_ text: String) async -> DeliveryReceipt {
        calls.effect("notify \(text.split(separator: "\n").first ?? "")")
        return await inner.send(text)
    }
}
