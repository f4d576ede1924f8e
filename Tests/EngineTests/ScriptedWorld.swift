import Engine
import Foundation
import Strategy

/// A world for the cycle's decisions written as answers, not as an account: what the store
/// holds, what the market shows, and how each order ends. Records every effect in order, so a
/// test asserts what the decisions did next after an outcome (docs/architecture.md#one-decision-core-two-shells).
final class ScriptedWorld: CycleWorld {
    /// How an order on a symbol ends.
    enum OrderAnswer {
        case fill
        case refusal(stopsTrading: Bool)
        case unknown
    }

    var document: JSONValue?
    var spot: [String: SpotBalance] = ["USDT": SpotBalance(free: 1000, locked: 0), "BNB": SpotBalance(free: 0.1, locked: 0)]
    var prices: [String: Double] = ["BNBUSDT": 300, "BTCUSDT": 60_000, "ETHUSDT": 2500, "SOLUSDT": 150, "XRPUSDT": 1.2,
                                    "LTCUSDT": 100, "BCHUSDT": 420]
    var indicators = Scenario.referenceIndicators
    var btc = Scenario().btc
    var answers: [String: OrderAnswer] = [:]
    var now = Scenario.now
    /// Every effect, in order: `place BUY ETHUSDT`, `write trend_buy:ETHUSDT`, `send`, …
    private(set) var effects: [String] = []
    /// Every alert the cycle sent, in order.
    private(set) var alerts: [CycleAlert] = []

    init(document: JSONValue? = nil) {
        self.document = document
    }

    var orders: [String] { effects.filter { $0.hasPrefix("place ") } }

    func loadState() throws -> LoadedState { .document(document) }
    func acquireLease(_ request: LeaseRequest) throws -> LeaseGrant { LeaseGrant(tookOverFrom: nil) }
    func releaseLease(runId: String) throws {}
    func writeState(_ write: StateWriteRequest) throws {
        effects.append("write \(write.reason)")
        document = write.stateWrite.document
    }
    func unsettledEntries() throws -> [JournalEntry] { [] }
    func recordOutcome(_ outcome: JournalOutcome, clientOrderId: String) throws {}
    func recentEntries(since: Date) throws -> [JournalEntry] { [] }

    func resolvePool(lastGoodPayload: JSONValue?, now: Date, refusing: [PoolRung: String]) throws -> PoolResolution {
        let validator = PoolValidator(contract: PoolContract(config: .defaults), messages: MessageCatalog(language: .en))
        let upstream = FetchedArtifact(label: "script", answer: .success(.payload(Scenario.payload(asOf: "2026-03-10"))))
        return PoolResolver(upstream: nil, localFiles: [], validator: validator)
            .resolve(lastGoodPayload: lastGoodPayload, now: now, refusing: refusing, upstream: upstream, localFiles: [])
    }

    func connect() throws {}
    func runRefusal() -> String? { nil }
    func readAccount(_ request: AccountReadRequest) -> AccountRead {
        AccountRead(spot: .success(spot), earn: .success([:]), prices: .success(prices.filter { request.tradedSymbols.contains($0.key) }),
                    rules: .success([:]))
    }
    func spotBalances() throws -> [String: SpotBalance] { spot }
    func flexibleProductId(asset: String) throws -> String? { nil }
    func order(symbol: String, clientOrderId: String) throws -> OrderFill? { nil }
    func orderInHistory(symbol: String, clientOrderId: String, from: Date, to: Date) throws -> OrderFill? { nil }

    func place(_ order: MarketOrder, price: Double, purpose: JournalEntry.Purpose, tradeDate: String) throws -> OrderFill {
        effects.append("place \(order.side.rawValue) \(order.symbol)")
        switch answers[order.symbol] ?? .fill {
        case .refusal(let stopsTrading): throw TestRejection(description: "refused \(order.symbol)", stopsTrading: stopsTrading)
        case .unknown: throw OrderOutcomeUnknownError(clientOrderId: order.clientOrderId, symbol: order.symbol, cause: "scripted")
        case .fill: break
        }
        guard case .quantity(let amount) = order.size else { throw TestFailure(description: "the script fills quantities only") }
        let quantity = NSDecimalNumber(decimal: amount).doubleValue
        let base = String(order.symbol.dropLast(4))
        let sign = order.side == .buy ? 1.0 : -1.0
        spot[base] = SpotBalance(free: max(0, (spot[base]?.free ?? 0) + sign * quantity), locked: 0)
        spot["USDT"] = SpotBalance(free: max(0, (spot["USDT"]?.free ?? 0) - sign * quantity * price), locked: 0)
        return OrderFill(orderId: "\(effects.count)", status: .filled, executedQuantity: quantity, quoteQuantity: quantity * price)
    }

    func moveEarn(_ kind: JournalEntry.Kind, asset: String, productId: String, amount: Decimal, clientId: String, tradeDate: String) throws {
        effects.append("\(kind.rawValue) \(asset)")
    }

    func indicatorsRead() {}
    func btcSnapshot(btcPrice: Double) throws -> BTCSnapshot? { btc }
    func trendIndicators(symbols: [String]) throws -> [String: SymbolIndicators] { indicators.filter { symbols.contains($0.key) } }
    func cycleIndicatorOverrides() -> (label: String, fields: Result<[String: Double], any Error>)? { nil }

    func deliver(_ alert: CycleAlert, dryRun: Bool) -> AlertDelivery {
        effects.append("send")
        alerts.append(alert)
        return AlertDelivery.of(MessageCatalog(language: .en).alertText(alert), dryRun: dryRun) { _ in .sent }
    }
    func sleep(seconds: Double) throws {}
    func wallNow() -> Date { now }
    func reconcile(document: JSONValue?, recentEntries: [JournalEntry], account: String, now: Date) throws -> Reconciliation {
        throw TestFailure(description: "the script does not reconcile")
    }

    /// The cycle's log notes, in order.
    private(set) var notes: [CycleNote] = []
    func note(_ note: CycleNote) { notes.append(note) }

    /// The cycle's decisions against this world, live (not a dry run).
    func runCycle() -> CycleOutcome {
        CycleDecisions.run(config: .defaults, settings: CycleRunSettings(now: now, host: "test", processId: 1, runNonce: "nonce"),
                         world: self, runId: "scripted", dryRun: false)
    }
}
