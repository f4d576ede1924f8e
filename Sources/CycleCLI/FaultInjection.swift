import Engine
import Foundation
import Strategy

/// Test-only crash switch (`CYCLE_TEST_FAULT=kill-after-order`): the process kills itself with
/// SIGKILL right after the exchange accepted the first order, before the engine records the
/// answer or writes state — the worst moment for a crash. Never set it in production.
struct KillAfterOrderExchange: Exchange {
    static let variable = "CYCLE_TEST_FAULT"
    static let value = "kill-after-order"
    let wrapped: any Exchange

    static func wrapIfRequested(_ exchange: any Exchange) -> any Exchange {
        ProcessInfo.processInfo.environment[variable] == value ? KillAfterOrderExchange(wrapped: exchange) : exchange
    }

    func placeMarketOrder(_ order: MarketOrder) async throws -> OrderFill {
        _ = try await wrapped.placeMarketOrder(order)
        Console.error("CYCLE_TEST_FAULT: killing the process after order \(order.clientOrderId) was accepted")
        kill(getpid(), SIGKILL)
        throw CancellationError()
    }

    func connect() async throws { try await wrapped.connect() }
    func spotBalances() async throws -> [String: SpotBalance] { try await wrapped.spotBalances() }
    func earnPositions(assets: [String]) async throws -> [String: EarnPosition] { try await wrapped.earnPositions(assets: assets) }
    func flexibleProductId(asset: String) async throws -> String? { try await wrapped.flexibleProductId(asset: asset) }
    func averagePrices(symbols: [String]) async throws -> [String: Double] { try await wrapped.averagePrices(symbols: symbols) }
    func symbolRules(symbols: [String]) async throws -> [String: SymbolRules] { try await wrapped.symbolRules(symbols: symbols) }
    func dailyKlines(symbol: String, days: Int) async throws -> [Kline] { try await wrapped.dailyKlines(symbol: symbol, days: days) }
    func order(symbol: String, clientOrderId: String) async throws -> OrderFill? { try await wrapped.order(symbol: symbol, clientOrderId: clientOrderId) }
    func subscribeFlexible(productId: String, amount: Decimal) async throws { try await wrapped.subscribeFlexible(productId: productId, amount: amount) }
    func redeemFlexible(productId: String, amount: Decimal) async throws { try await wrapped.redeemFlexible(productId: productId, amount: amount) }
}
