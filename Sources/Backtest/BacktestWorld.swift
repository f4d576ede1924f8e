import Engine
import Foundation
import Paper
import Strategy

/// The backtest's shell: the world the cycle's decisions (`CycleDecisions.run(config:settings:world:)`)
/// meet at each simulated hour, in memory and synchronous. The account is a paper account
/// (`PaperMemoryBook`, moved by the paper exchange's own `PaperRules`); prices, listings and
/// klines come from the history as seen at `now` (no look-ahead); indicators from the
/// precomputed tables; the pool from the day's artifact through the ladder's synchronous form;
/// the typed state is carried from one hour to the next (never encoded). There is no journal and no lease
/// to keep (one simulated run at a time, nothing to recover), alerts are counted, not sent.
final class BacktestWorld: CycleWorld {
    private let market: HistoricalMarket
    private let tables: IndicatorTables
    private let ladder: PoolResolver
    let book: PaperMemoryBook
    /// The state as the last cycle left it, typed (never encoded between cycles).
    private var state: LoadedState = .document(nil)
    /// The simulated moment and the upstream artifact of its day.
    var now = Date(timeIntervalSince1970: 0)
    var upstream: FetchedArtifact? {
        didSet { acceptedToday = nil }
    }

    init(market: HistoricalMarket, tables: IndicatorTables, config: Config, initialBalances: [String: Decimal]) {
        self.market = market
        self.tables = tables
        self.ladder = CycleAssembly.poolResolver(config: config, upstream: nil, localArtifacts: [])
        self.book = PaperMemoryBook(funded: initialBalances)
    }

    // MARK: the store: the state carried in memory

    func loadState() throws -> LoadedState { state }
    func acquireLease(_ request: LeaseRequest) throws -> LeaseGrant { LeaseGrant(tookOverFrom: nil) }
    func releaseLease(runId: String) throws {}
    func writeState(_ write: StateWriteRequest) throws {
        state = switch write.content {
        case .typed(let typed): .typed(typed)
        case .document(let document): .document(document)
        }
    }
    func unsettledEntries() throws -> [JournalEntry] { [] }
    func recordOutcome(_ outcome: JournalOutcome, clientOrderId: String) throws {}
    func recentEntries(since: Date) throws -> [JournalEntry] { [] }

    /// The day's artifact accepted as fresh upstream, validated once a day: on that rung the
    /// ladder's answer depends on nothing else but the moment it is loaded at.
    private var acceptedToday: (day: CalendarDay, resolution: PoolResolution)?

    func resolvePool(lastGoodPayload: JSONValue?, now: Date, refusing: [PoolRung: String]) throws -> PoolResolution {
        let day = CalendarDay(now)
        if refusing.isEmpty, let accepted = acceptedToday, accepted.day == day {
            var resolution = accepted.resolution
            resolution.loadedAt = now.isoWithOffset
            return resolution
        }
        let resolution = ladder.resolve(lastGoodPayload: lastGoodPayload, now: now, refusing: refusing, upstream: upstream, localFiles: [])
        if refusing.isEmpty, resolution.rung == .freshUpstream { acceptedToday = (day, resolution) }
        return resolution
    }

    // MARK: the exchange: the paper account over the history at `now`

    func connect() throws {
        guard market.view(symbol: "BTCUSDT", now: now) != nil else {
            throw MarketDataFolderError(path: market.label, problem: "has no BTCUSDT price at \(now.isoWithOffset) (the paper clock is before the data starts, or the data has no recent row there)")
        }
    }

    func runRefusal() -> String? { nil }

    func readAccount(_ request: AccountReadRequest) -> AccountRead {
        var prices = [String: Double](minimumCapacity: request.tradedSymbols.count)
        for symbol in request.tradedSymbols {
            if let close = market.view(symbol: symbol, now: now)?.close { prices[symbol] = close }
        }
        return AccountRead(spot: .success(spotBalances()), earn: .success(earnPositions(request.assets)),
                           prices: .success(prices), rules: .success(rules(of: request.tradedSymbols)))
    }

    /// The listings' rules of the last symbols asked for (the same, hour after hour, until the pool changes).
    private var rulesRead: (symbols: [String], rules: [String: SymbolRules])?

    private func rules(of symbols: [String]) -> [String: SymbolRules] {
        if let rulesRead, rulesRead.symbols == symbols { return rulesRead.rules }
        var rules: [String: SymbolRules] = [:]
        for symbol in symbols {
            if let listing = market.listing(symbol) { rules[symbol] = listing.rules }
        }
        rulesRead = (symbols, rules)
        return rules
    }

    func spotBalances() -> [String: SpotBalance] { book.spotBalancesAsRead() }

    private func earnPositions(_ assets: [String]) -> [String: EarnPosition] {
        book.earnPositionsAsRead().filter { assets.contains($0.key) }
    }

    func flexibleProductId(asset: String) throws -> String? { PaperRules.productId(asset: asset) }
    func order(symbol: String, clientOrderId: String) throws -> OrderFill? { nil }
    func orderInHistory(symbol: String, clientOrderId: String, from: Date, to: Date) throws -> OrderFill? { nil }

    func place(_ order: MarketOrder, price decisionPrice: Double, purpose: JournalEntry.Purpose, tradeDate: String) throws -> OrderFill {
        guard let listing = market.listing(order.symbol), let fillPrice = price(order.symbol) else { throw PaperExchangeError.invalidSymbol }
        return try PaperRules.fill(order, listing: listing, price: fillPrice, bnbPrice: price("BNBUSDT"), createdAt: now.isoWithOffset, in: book)
    }

    func moveEarn(_ kind: JournalEntry.Kind, asset: String, productId: String, amount: Decimal, clientId: String, tradeDate: String) throws {
        if kind == .earnSubscribe {
            try PaperRules.subscribe(productId: productId, amount: amount, in: book)
        } else {
            try PaperRules.redeem(productId: productId, amount: amount, in: book)
        }
    }

    /// The price orders fill at: the close as the decimal its text spells.
    private func price(_ symbol: String) -> Decimal? {
        market.view(symbol: symbol, now: now).flatMap { HistoricalMarket.decimal($0.close) }
    }

    // MARK: indicators, from the tables

    func indicatorsRead() {}

    func btcSnapshot(btcPrice: Double) throws -> BTCSnapshot? {
        tables.btcSnapshot(price: btcPrice, now: now)
    }

    func trendIndicators(symbols: [String]) throws -> [String: SymbolIndicators] {
        tables.trendIndicators(symbols: symbols, now: now)
    }

    func cycleIndicatorOverrides() -> (label: String, fields: Result<[String: Double], any Error>)? { nil }

    // MARK: alerts, time

    /// Alerts go nowhere and are never spelled: as in a paper run without Telegram, they are
    /// logged (here: counted by the report), not acknowledged.
    func deliver(_ alert: CycleAlert, dryRun: Bool) -> AlertDelivery { .unrendered }
    func sleep(seconds: Double) throws {}
    func wallNow() -> Date { now }

    func reconcile(document: JSONValue?, recentEntries: [JournalEntry], account: String, now: Date) throws -> Reconciliation {
        throw BacktestInputError(path: "backtest", problem: "has no account to reconcile", remedy: "run the backtest without reconciliation")
    }

    /// The cycle's log notes: a backtest keeps none.
    func note(_ note: CycleNote) {}
}
