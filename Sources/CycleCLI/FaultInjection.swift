#if CYCLE_TEST_HOOKS
import Engine
import Foundation
import Strategy

/// Test-only fault switch, `CYCLE_TEST_FAULT` (see `TestFault`); compiled into debug builds only.
struct FaultInjectingExchange: Exchange {
    static let variable = "CYCLE_TEST_FAULT"

    let wrapped: any Exchange
    let fault: TestFault?
    /// `CYCLE_TEST_DELETE_AFTER_ORDER`: a file removed once, right after the first order was
    /// accepted and before the engine records the answer (a cleanup script deleting `-wal`).
    var deleteAfterFirstOrder: FileToDelete?

    /// The file `CYCLE_TEST_DELETE_AFTER_ORDER` names, removed at most once.
    final class FileToDelete: @unchecked Sendable {
        let path: String
        private let lock = NSLock()
        private var done = false

        init(path: String) { self.path = path }

        func deleteOnce() {
            guard lock.withLock({ () -> Bool in defer { done = true }; return !done }) else { return }
            let removed = unlink(path) == 0
            Console.error("\(FaultInjectingExchange.variable): \(removed ? "removed" : "could not remove") \(path) after the first order")
        }
    }

    static func wrap(_ exchange: any Exchange, fault: TestFault?, deleteAfterOrder: String? = nil) -> any Exchange {
        guard fault != nil || deleteAfterOrder != nil else { return exchange }
        Console.error("\(variable)=\(fault?.rawValue ?? "none"): test-only fault injection is active")
        return FaultInjectingExchange(wrapped: exchange, fault: fault, deleteAfterFirstOrder: deleteAfterOrder.map(FileToDelete.init(path:)))
    }

    func placeMarketOrder(_ order: MarketOrder) async throws -> OrderFill {
        let fill = try await wrapped.placeMarketOrder(order)
        deleteAfterFirstOrder?.deleteOnce()
        if fault == .slowOrderAnswers { try await Task.sleep(nanoseconds: 500_000_000) }
        guard fault == .killAfterOrder else { return fill }
        Console.error("\(Self.variable): killing the process after order \(order.clientOrderId) was accepted")
        kill(getpid(), SIGKILL)
        throw CancellationError()
    }

    func spotBalances() async throws -> [String: SpotBalance] {
        if fault == .slowMarket { try await Task.sleep(nanoseconds: 2_000_000_000) }
        return try await wrapped.spotBalances()
    }

    func connect() async throws { try await wrapped.connect() }
    func runRefusal() async -> String? { await wrapped.runRefusal() }
    func earnPositions(assets: [String]) async throws -> [String: EarnPosition] { try await wrapped.earnPositions(assets: assets) }
    func holdings(earnAssets: [String]) async -> AccountHoldings {
        if fault == .slowMarket { try? await Task.sleep(nanoseconds: 2_000_000_000) }
        return await wrapped.holdings(earnAssets: earnAssets)
    }
    func orderStatus(symbol: String, clientOrderId: String) async throws -> OrderFill? {
        try await wrapped.orderStatus(symbol: symbol, clientOrderId: clientOrderId)
    }
    func flexibleProductId(asset: String) async throws -> String? { try await wrapped.flexibleProductId(asset: asset) }
    func averagePrices(symbols: [String]) async throws -> [String: Double] { try await wrapped.averagePrices(symbols: symbols) }
    func symbolRules(symbols: [String]) async throws -> [String: SymbolRules] { try await wrapped.symbolRules(symbols: symbols) }
    func dailyKlines(symbol: String, days: Int) async throws -> [Kline] { try await wrapped.dailyKlines(symbol: symbol, days: days) }
    func order(symbol: String, clientOrderId: String) async throws -> OrderFill? { try await wrapped.order(symbol: symbol, clientOrderId: clientOrderId) }
    func orderInHistory(symbol: String, clientOrderId: String, from start: Date, to end: Date) async throws -> OrderFill? {
        try await wrapped.orderInHistory(symbol: symbol, clientOrderId: clientOrderId, from: start, to: end)
    }
    func subscribeFlexible(productId: String, amount: Decimal) async throws { try await wrapped.subscribeFlexible(productId: productId, amount: amount) }
    func redeemFlexible(productId: String, amount: Decimal) async throws { try await wrapped.redeemFlexible(productId: productId, amount: amount) }
}
#endif
