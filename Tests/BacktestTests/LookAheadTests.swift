import Backtest
import Engine
import Foundation
import LocalStore
import Paper
import Strategy
import Testing
import TestSupport

/// docs/backtest.md: a cycle at t sees only rows opened at or before t. Shifting or corrupting every
/// row after t must change nothing a cycle at or before t decided, and must change what
/// later cycles see (else the corruption proved nothing).
@Suite struct LookAheadTests {
    /// What a cycle decided and saw, compared across runs.
    struct Decision: Equatable {
        let time: Date
        let report: JSONValue
        let state: JSONValue?
    }

    /// Filled on the backtest's thread, read after the run.
    final class Decisions: @unchecked Sendable {
        private let lock = NSLock()
        private var recorded: [Decision] = []
        var all: [Decision] { lock.withLock { recorded } }
        func append(_ decision: Decision) { lock.withLock { recorded.append(decision) } }
    }

    func decisions(_ market: HistoricalMarket, period: BacktestPeriod) async throws -> [Decision] {
        let runner = BacktestRunner(market: market, pools: try SyntheticHourlyMarket.pool(), config: SyntheticHourlyMarket.config,
                                    initialBalances: ["USDT": 10_000, "BNB": 0.1])
        let recorded = Decisions()
        _ = try await runner.run(period: period, cadence: .hourly) { time, outcome, _ in
            var report = outcome.report.json
            // The run id and the wall-clock fields are not decisions.
            for key in ["run_id", "started_at", "finished_at", "duration_ms", "engine_version"] { report = report.removing(key) }
            recorded.append(Decision(time: time, report: report, state: outcome.finalState))
        }
        return recorded.all
    }

    /// Every hourly row opening after `cutoff` rewritten: prices scaled by a random factor
    /// between 0.5 and 1.5 per row (highs and lows with them), volumes tripled, and the rows
    /// shifted one hour earlier in value (each takes the next row's close).
    static func corrupted(_ klines: [String: [Kline]], after cutoff: Int64) -> [String: [Kline]] {
        var random = SplitMix64(seed: 99)
        return klines.mapValues { rows in
            rows.enumerated().map { index, row in
                guard row.openTime > cutoff else { return row }
                let source = index + 1 < rows.count ? rows[index + 1] : row
                let factor = 0.5 + random.uniform()
                return Kline(openTime: row.openTime, open: source.open * factor, high: source.high * factor * 1.01,
                             low: source.low * factor * 0.99, close: source.close * factor, volume: source.volume * 3)
            }
        }
    }

    @Test func rowsAfterTChangeNothingAtOrBeforeT() async throws {
        let klines = SyntheticHourlyMarket.hourlyKlines()
        let period = BacktestPeriod(from: try #require(CalendarDay(isoPrefix: "2026-10-20")), to: try #require(CalendarDay(isoPrefix: "2026-10-22")))
        // t = 2026-10-21 12:59:59: the cycle that has just seen the 12:00 row close.
        let t = try #require(Date.parseISO8601("2026-10-21T12:59:59Z"))
        let cutoff = Int64(t.timeIntervalSince1970) * 1000
        let original = try await decisions(try SyntheticHourlyMarket.market(klines), period: period)
        let tampered = try await decisions(try SyntheticHourlyMarket.market(Self.corrupted(klines, after: cutoff)), period: period)
        #expect(original.count == 72 && tampered.count == 72)
        let upToT = original.filter { $0.time <= t }
        #expect(upToT.count == 24 + 13)
        for (before, after) in zip(upToT, tampered) where before != after {
            let keys = (before.report.objectValue?.keys.map { $0 } ?? []).filter { before.report[$0] != after.report[$0] }
            Issue.record("the cycle at \(before.time) changed when only rows after t changed: report keys \(keys), state \(before.state == after.state ? "same" : "differs")")
        }
        let later = zip(original, tampered).filter { $0.0.time > t }
        #expect(later.contains { $0.0 != $0.1 }, "the corruption must reach the cycles after t, or this test proves nothing")
        #expect(original.contains { !($0.report["buy_sell_intents"]?.arrayValue ?? []).isEmpty }, "the period trades")
    }

    /// The incremental indicators equal the live path's (klines → `KlineMarketAnalysis`) at
    /// hours across the data, bit for bit, for BTC and every trend symbol.
    @Test func incrementalIndicatorsEqualTheLiveComputation() async throws {
        let market = try SyntheticHourlyMarket.market()
        let tables = IndicatorTables(market: market)
        let wallet = try PaperWallet(database: StateDatabase.inMemory())
        let symbols = ["ETHUSDT", "SOLUSDT", "LINKUSDT", "DOGEUSDT", "XRPUSDT", "BNBUSDT"]
        var checked = 0
        for hoursBeforeEnd in [0, 5, 23, 24, 150, 1_000, 3_333, 9_000] {
            let t = Date(timeIntervalSince1970: TimeInterval((SyntheticHourlyMarket.firstOpenMs + Int64(SyntheticHourlyMarket.days * 24 - 1 - hoursBeforeEnd) * PriceHistory.hourMs) / 1000 + 3_599))
            let live = KlineMarketAnalysis(exchange: PaperExchange(wallet: wallet, market: market, now: t))
            let price = try #require(market.view(symbol: "BTCUSDT", now: t)).close
            let expectedBTC = try await live.btcSnapshot(btcPrice: price)
            #expect(tables.btcSnapshot(price: price, now: t) == expectedBTC, "BTC at \(t)")
            let expected = try await live.trendIndicators(symbols: symbols)
            #expect(tables.trendIndicators(symbols: symbols, now: t) == expected, "trend at \(t)")
            if expectedBTC != nil { checked += 1 }
            #expect(expected.count == (hoursBeforeEnd == 9_000 ? expected.count : symbols.count))
        }
        #expect(checked >= 6, "most sampled hours have a BTC snapshot")
    }
}

extension JSONValue {
    func removing(_ key: String) -> JSONValue {
        guard var object = objectValue else { return self }
        object.removeValue(forKey: key)
        return .object(object)
    }
}
