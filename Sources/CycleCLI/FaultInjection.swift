#if CYCLE_TEST_HOOKS
import Engine
import Foundation
import Strategy

/// Test-only fault switch, `CYCLE_TEST_FAULT` (see `TestFault`); compiled into debug builds only.
struct FaultInjectingExchange: Exchange {
    static let variable = "CYCLE_TEST_FAULT"

    let wrapped: any Exchange
    let fault: TestFault

    static func wrap(_ exchange: any Exchange, fault: TestFault?) -> any Exchange {
        guard let fault else { return exchange }
        Console.error("\(variable)=\(fault.rawValue): test-only fault injection is active")
        return FaultInjectingExchange(wrapped: exchange, fault: fault)
    }

    func placeMarketOrder(_ order: MarketOrder) async throws -> OrderFill {
        let fill = try await wrapped.placeMarketOrder(order)
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
