import Engine
import Foundation

/// What an imported document would contradict: positions the current state holds, or (on the
/// paper account) coins the paper wallet holds, that the document does not hold. Importing it
/// would make the next cycle buy them again.
public struct ImportCheck: Sendable {
    public let store: any DeploymentStore
    /// The paper account's spot holdings (asset → free + locked); nil for any other account.
    public let paperHoldings: [String: Decimal]?

    public init(store: any DeploymentStore, paperHoldings: [String: Decimal]?) {
        self.store = store
        self.paperHoldings = paperHoldings
    }

    public func contradictions(importing document: JSONValue) async throws -> [String] {
        let imported = Self.held(try TradeState.normalized(from: document, universe: []))
        var problems: [String] = []
        if let current = try? await store.load(), let state = try? TradeState.normalized(from: current, universe: []) {
            let dropped = Self.held(state).subtracting(imported).sorted()
            if !dropped.isEmpty { problems.append("the current state holds \(dropped.joined(separator: ", ")) but the document does not") }
        }
        if let paperHoldings {
            let coins = paperHoldings.filter { $0.value > 0 && !["USDT", "BNB", "BTC"].contains($0.key) }.map { $0.key + "USDT" }
            let untracked = Set(coins).subtracting(imported).sorted()
            if !untracked.isEmpty { problems.append("the paper wallet holds \(untracked.joined(separator: ", ")) but the document does not") }
        }
        return problems
    }

    /// Symbols with an active trend position in the document (top level or retired).
    public static func held(_ state: TradeState) -> Set<String> {
        Set(state.retiredPositions.filter { $0.value.position.isHolding }.keys)
    }
}
