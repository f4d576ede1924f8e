import Engine
import Foundation
import BinanceWireFormat
import Strategy

/// The committed market of `Fixtures/paper_market/`: Binance daily klines per symbol
/// (`klines/SYMBOL.json`), `exchange_info.json` and the live-pool artifact `live_pool.json`.
public struct BundledMarketData: MarketData {
    public static let defaultDirectory = "Fixtures/paper_market"
    public let directory: URL
    public let label: String
    private let series: [String: [PricedKline]]
    private let listed: [String: Listing]

    /// A kline with its close kept as the exact decimal the file states.
    struct PricedKline: Sendable {
        let kline: Kline
        let close: Decimal
    }

    public init(directory: URL) throws {
        self.directory = directory
        self.label = "bundled:\(directory.path)"
        let klinesDirectory = directory.appendingPathComponent("klines")
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: klinesDirectory.path).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw MarketDataFolderError(path: klinesDirectory.path, problem: "cannot be listed (\(error.localizedDescription))")
        }
        var series: [String: [PricedKline]] = [:]
        for file in files {
            let symbol = String(file.dropLast(5))
            series[symbol] = try Self.readKlines(klinesDirectory.appendingPathComponent(file))
        }
        self.series = series
        self.listed = try Self.readListings(directory.appendingPathComponent("exchange_info.json"))
    }

    /// The artifact that plays the fresh upstream document in paper mode.
    public var livePoolArtifactPath: String { directory.appendingPathComponent("live_pool.json").path }

    /// Open time of the last daily kline of BTCUSDT: the data's last day.
    public var lastDay: Date? {
        series["BTCUSDT"]?.last.map { Date(timeIntervalSince1970: Double($0.kline.openTime) / 1000) }
    }

    /// Every symbol with klines, sorted.
    public var symbols: [String] { series.keys.sorted() }

    /// Every daily kline of `symbol`, oldest first (the backtest reads the whole history once).
    public func allDailyKlines(symbol: String) -> [Kline] { series[symbol]?.map(\.kline) ?? [] }

    /// Every listed symbol's trading rules.
    public var allListings: [String: Listing] { listed }

    public func dailyKlines(symbol: String, days: Int, now: Date) async throws -> [Kline] {
        Array(available(symbol, now: now).suffix(days).map(\.kline))
    }

    public func averagePrice(symbol: String, now: Date) async throws -> Decimal? {
        available(symbol, now: now).last?.close
    }

    public func listings(symbols: [String]) async throws -> [String: Listing] {
        listed.filter { symbols.contains($0.key) }
    }

    private func available(_ symbol: String, now: Date) -> ArraySlice<PricedKline> {
        let cutoff = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        let rows = series[symbol] ?? []
        let end = rows.firstIndex { $0.kline.openTime > cutoff } ?? rows.count
        return rows[..<end]
    }

    private static func readKlines(_ url: URL) throws -> [PricedKline] {
        let rows: [JSONValue]
        do {
            guard let array = try JSONParser.parse(Data(contentsOf: url)).arrayValue else {
                throw MarketDataFolderError(path: url.path, problem: "is not a JSON array of klines")
            }
            rows = array
        } catch let error as MarketDataFolderError {
            throw error
        } catch {
            throw MarketDataFolderError(path: url.path, problem: "cannot be read (\(error))")
        }
        return try rows.enumerated().map { index, row in
            guard let kline = BinanceWire.kline(row), let closeText = row.arrayValue?[4].stringValue,
                  let close = Decimal(string: closeText), close > 0 else {
                throw MarketDataFolderError(path: url.path, problem: "has a malformed kline at row \(index)")
            }
            return PricedKline(kline: kline, close: close)
        }
    }

    private static func readListings(_ url: URL) throws -> [String: Listing] {
        let info: BinanceWire.ExchangeInfo
        do {
            info = try BinanceWire.decode(BinanceWire.ExchangeInfo.self, from: Data(contentsOf: url), what: "exchange info")
        } catch {
            throw MarketDataFolderError(path: url.path, problem: "cannot be read (\(error))")
        }
        var listings: [String: Listing] = [:]
        for symbol in info.symbols where symbol.status == "TRADING" {
            let listing: BinanceListing
            do {
                listing = try BinanceListing(symbol)
            } catch {
                throw MarketDataFolderError(path: url.path, problem: "has unreadable filters (\(error))")
            }
            listings[symbol.symbol] = Listing(symbol: listing.symbol, baseAsset: listing.baseAsset, quoteAsset: listing.quoteAsset, rules: listing.rules)
        }
        return listings
    }
}

/// The paper market folder is missing or malformed.
public struct MarketDataFolderError: Error, CustomStringConvertible {
    public let path: String
    public let problem: String
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }
    public var description: String {
        "Paper market data \(path) \(problem). Run from the repository root, or point PAPER_MARKET_DIR at a folder laid out like Fixtures/paper_market."
    }
}
