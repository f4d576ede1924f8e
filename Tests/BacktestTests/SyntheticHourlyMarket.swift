import Backtest
import Engine
import Foundation
import Paper
import Strategy
import TestSupport

/// A small seeded hourly market for the backtest's tests: BTC, BNB and the bundled pool's five
/// coins (SOL, ETH, LINK, DOGE, XRP), 620 days of hourly candles ending 2026-10-31, flat for
/// 400 days and then a bull market, so the regime is on and the trend sleeve buys. Prices sit
/// on the bundled exchange info's ticks, so fills are the decimals the rows say.
enum SyntheticHourlyMarket {
    static let days = 620
    static let lastDay = "2026-10-31"
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let bundledDirectory = repository.appendingPathComponent("Fixtures/paper_market")

    /// symbol: (start price, decimals, beta to BTC, own volatility factor, base volume per hour)
    static let symbols: [(String, Double, Int, Double, Double, Double)] = [
        ("BTCUSDT", 60_000, 2, 0, 1.0, 900),
        ("BNBUSDT", 540, 2, 0.8, 1.0, 6_000),
        ("ETHUSDT", 2_500, 2, 1.2, 1.2, 17_000),
        ("SOLUSDT", 145, 2, 1.3, 1.6, 150_000),
        ("LINKUSDT", 10.5, 2, 1.2, 1.5, 130_000),
        ("DOGEUSDT", 0.105, 5, 1.4, 1.8, 60_000_000),
        ("XRPUSDT", 0.58, 4, 1.2, 1.5, 6_000_000),
    ]

    static var firstOpenMs: Int64 {
        let last = Int64(Date.parseISO8601(lastDay + "T00:00:00Z")!.timeIntervalSince1970) * 1000
        return last - Int64(days - 1) * PriceHistory.dayMs
    }

    /// Hourly klines per symbol.
    static func hourlyKlines() -> [String: [Kline]] {
        var generator = SplitMix64(seed: 20_261_203)
        let hours = days * 24
        let btcNoise = (0..<hours).map { _ in generator.normal() * 0.022 / 24.0.squareRoot() }
        var result: [String: [Kline]] = [:]
        for (symbol, start, decimals, beta, volatility, baseVolume) in symbols {
            var random = SplitMix64(seed: UInt64(abs(symbol.hashValueStable)))
            let scale = pow(10, Double(decimals))
            var previous = start
            var rows: [Kline] = []
            rows.reserveCapacity(hours)
            for hour in 0..<hours {
                let day = hour / 24
                let drift = day < 400 ? 0.0 : (symbol == "BTCUSDT" ? 0.004 : 0.006) / 24
                let own = random.normal() * 0.02 * volatility / 24.0.squareRoot()
                let move = drift + (symbol == "BTCUSDT" ? btcNoise[hour] : beta * btcNoise[hour] + own)
                let open = previous
                let close = max((open * exp(move) * scale).rounded() / scale, 50 / scale)
                let wiggle = abs(random.normal()) * 0.004 * volatility
                let high = (max(open, close) * (1 + wiggle) * scale).rounded(.up) / scale
                let low = max((min(open, close) * (1 - wiggle) * scale).rounded(.down) / scale, 1 / scale)
                let volume = (baseVolume * exp(random.normal() * 0.3) * 1000).rounded() / 1000
                rows.append(Kline(openTime: firstOpenMs + Int64(hour) * PriceHistory.hourMs, open: open, high: high, low: low, close: close, volume: volume))
                previous = close
            }
            result[symbol] = rows
        }
        return result
    }

    static func market(_ klines: [String: [Kline]]? = nil) throws -> HistoricalMarket {
        let bundled = try BundledMarketData(directory: bundledDirectory)
        var histories: [String: PriceHistory] = [:]
        for (symbol, rows) in klines ?? hourlyKlines() { histories[symbol] = PriceHistory(symbol: symbol, hourlyKlines: rows) }
        return HistoricalMarket(label: "synthetic", histories: histories, listings: bundled.allListings)
    }

    static func pool() throws -> PoolSchedule {
        .fixed(try JSONParser.parse(Data(contentsOf: bundledDirectory.appendingPathComponent("live_pool.json"))))
    }

    static var config: Config {
        var config = Config.defaults
        config.dryRun = false
        return config
    }
}

extension String {
    /// A hash that does not change between processes (Swift's `hashValue` is seeded per run).
    var hashValueStable: Int64 {
        var hash: UInt64 = 1_469_598_103_934_665_603
        for byte in utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return Int64(bitPattern: hash >> 1)
    }
}
