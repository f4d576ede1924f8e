import Backtest
import Engine
import Foundation
import Paper
import Replay
import Strategy
import Testing

/// docs/backtest.md's parity: a backtest cycle at t decides what `cycle replay` decides on fixtures
/// built from the same data at t (the state and balances the cycle before left, the prices
/// at t, every daily kline opened by t with today's partial candle, the pool of that day).
/// Replay computes its indicators from those klines the live way, so this also checks the
/// backtest's incremental indicators through the whole cycle.
@Suite struct ReplayParityTests {
    /// The decisions of one cycle (what it would send and why).
    struct Decisions: Equatable, CustomStringConvertible {
        let trades: [TradeIntent]
        let dca: [DCAIntent]
        let earn: [EarnIntent]
        let selected: [String]
        let pool: [String]
        let gates: [GatingEvent]
        var description: String { "trades \(trades), dca \(dca), earn \(earn), selected \(selected), pool \(pool), gates \(gates)" }

        init(_ report: ExecutionReport) {
            // Client order ids name the run (backtest-<time> vs the replay's own id); the rest must match.
            trades = report.tradeIntents.map { var intent = $0; intent.clientOrderId = nil; return intent }
            dca = report.dcaIntents.map { var intent = $0; intent.clientOrderId = nil; return intent }
            earn = report.earnIntents
            selected = report.selectedCandidates
            pool = report.activeTrendPool
            gates = report.gatingEvents
        }
    }

    /// What a cycle at one time needs to be replayed.
    struct Moment: Sendable {
        var before: (state: JSONValue?, spot: [String: (free: Decimal, locked: Decimal)], earn: [String: Decimal])?
        var after: ExecutionReport?
    }

    /// Filled on the backtest's thread, read after the run.
    final class Capture: @unchecked Sendable {
        private let lock = NSLock()
        private var lastState: JSONValue?
        private var lastSpot: [String: (free: Decimal, locked: Decimal)] = [:]
        private var lastEarn: [String: Decimal] = [:]
        private var recorded: [Date: Moment] = [:]
        var moments: [Date: Moment] { lock.withLock { recorded } }
        init(initialSpot: [String: Decimal]) {
            lastSpot = initialSpot.mapValues { ($0, 0) }
        }
        func record(_ time: Date, _ outcome: CycleOutcome, spot: [String: (free: Decimal, locked: Decimal)], earn: [String: Decimal]) {
            lock.withLock {
                recorded[time] = Moment(before: (lastState, lastSpot, lastEarn), after: outcome.report)
                lastState = outcome.finalState
                lastSpot = spot
                lastEarn = earn
            }
        }
    }

    @Test func backtestCyclesDecideAsReplayDoes() async throws {
        let market = try SyntheticHourlyMarket.market()
        let from = try #require(CalendarDay(isoPrefix: "2026-10-20"))
        let initial: [String: Decimal] = ["USDT": 10_000, "BNB": Decimal(string: "0.1")!]
        let capture = Capture(initialSpot: initial)
        let runner = BacktestRunner(market: market, pools: try SyntheticHourlyMarket.pool(), config: SyntheticHourlyMarket.config, initialBalances: initial)
        _ = try await runner.run(period: BacktestPeriod(from: from, to: try #require(CalendarDay(isoPrefix: "2026-10-22"))), cadence: .hourly) { time, outcome, book in
            capture.record(time, outcome, spot: book.spotBalances.mapValues { ($0, 0) }, earn: book.earnPositions.mapValues(\.amount))
        }
        // Three cycles that trade (the first, one in the middle, the last) and the first that does not.
        let moments = capture.moments
        let trading = moments.filter { !($0.value.after?.tradeIntents.isEmpty ?? true) }.keys.sorted()
        let quiet = moments.filter { $0.value.after?.tradeIntents.isEmpty ?? false }.keys.sorted()
        try #require(trading.count >= 3, "the period trades at least three times")
        let targets = [trading[0], trading[trading.count / 2], trading[trading.count - 1]] + quiet.prefix(1)
        var traded = 0
        for t in targets {
            let moment = try #require(moments[t], "the cycle at \(t) ran")
            let backtest = try #require(moment.after)
            let before = try #require(moment.before)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parity-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            try await Self.writeFixtures(to: folder, market: market, at: t, state: before.state, spot: before.spot, earn: before.earn)
            let replay = try await ReplayRunner(config: SyntheticHourlyMarket.config, fixturesDirectory: folder, runId: "parity", now: t).run().report
            #expect(backtest.status == .ok && replay.status == .ok, "\(backtest.errors) \(replay.errors)")
            #expect(Decisions(backtest) == Decisions(replay), "at \(t)")
            if !backtest.tradeIntents.isEmpty || !backtest.dcaIntents.isEmpty { traded += 1 }
        }
        #expect(traded == 3, "three of the compared cycles trade")
    }

    /// The original's fixture layout (docs/replay.md) with `klines/`, from the backtest's data at t.
    static func writeFixtures(to folder: URL, market: HistoricalMarket, at t: Date, state: JSONValue?,
                              spot: [String: (free: Decimal, locked: Decimal)], earn: [String: Decimal]) async throws {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("klines"), withIntermediateDirectories: true)
        func text(_ value: Decimal) -> JSONValue { .string(NSDecimalNumber(decimal: value).description(withLocale: Locale(identifier: "en_US_POSIX"))) }
        var prices: JSONObject = [:], info: JSONObject = [:]
        let listings = try await market.listings(symbols: Array(market.histories.keys))
        let filters = try bundledFilters()
        for symbol in market.histories.keys.sorted() {
            guard let view = market.view(symbol: symbol, now: t), let listing = listings[symbol] else { continue }
            prices[symbol] = .string("\(view.close)")
            info[symbol] = ["filters": filters[symbol] ?? .array([]), "baseAsset": .string(listing.baseAsset), "status": "TRADING"]
            let klines = try await market.dailyKlines(symbol: symbol, days: 10_000, now: t)
            let rows = JSONValue.array(klines.map { kline in
                [.int(kline.openTime), .string("\(kline.open)"), .string("\(kline.high)"), .string("\(kline.low)"),
                 .string("\(kline.close)"), .string("\(kline.volume)"), .int(kline.openTime + PriceHistory.dayMs - 1)]
            })
            try Data(JSONWriter.string(rows, pretty: false).utf8).write(to: folder.appendingPathComponent("klines/\(symbol).json"))
        }
        let account: JSONValue = [
            "spot_balances": .object(JSONObject(uniqueKeysWithValues: spot.sorted { $0.key < $1.key }.map { ($0.key, ["free": text($0.value.free), "locked": text($0.value.locked)]) })),
            "earn_positions": .object(JSONObject(uniqueKeysWithValues: earn.sorted { $0.key < $1.key }.map {
                ($0.key, ["rows": [["productId": .string("\($0.key)001"), "totalAmount": text($0.value)]]])
            })),
            "earn_product_list": ["USDT": ["rows": [["productId": "USDT001"]]]],
            "avg_prices": .object(prices),
            "symbol_info": .object(info),
        ]
        try Data(JSONWriter.string(account).utf8).write(to: folder.appendingPathComponent(ReplayFixtures.accountFile))
        try Data(JSONWriter.string(state ?? .object([:])).utf8).write(to: folder.appendingPathComponent(ReplayFixtures.stateFile))
        let pool = SyntheticHourlyMarket.poolPayload(on: CalendarDay(t))
        try Data(JSONWriter.string(pool).utf8).write(to: folder.appendingPathComponent(ReplayFixtures.poolFile))
    }

    /// The bundled exchange info's filter list per symbol, as Binance sends it.
    static func bundledFilters() throws -> [String: JSONValue] {
        let info = try JSONParser.parse(Data(contentsOf: SyntheticHourlyMarket.bundledDirectory.appendingPathComponent("exchange_info.json")))
        var filters: [String: JSONValue] = [:]
        for symbol in info["symbols"]?.arrayValue ?? [] {
            if let name = symbol["symbol"]?.stringValue, let list = symbol["filters"] { filters[name] = list }
        }
        return filters
    }
}

extension SyntheticHourlyMarket {
    /// The bundled pool re-dated to `day`, as `PoolSchedule.fixed` serves it.
    static func poolPayload(on day: CalendarDay) -> JSONValue {
        var payload = (try? JSONParser.parse(Data(contentsOf: bundledDirectory.appendingPathComponent("live_pool.json"))))?.objectValue ?? [:]
        payload["as_of_date"] = .string(day.iso)
        return .object(payload)
    }
}
