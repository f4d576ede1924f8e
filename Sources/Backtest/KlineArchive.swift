import BinanceWireFormat
import Engine
import Foundation
import Paper
import Strategy
import ZIPFoundation

/// `--data DIR`: klines laid out as Binance's public data archive ships them —
/// `SYMBOL-1h-YYYY-MM.csv` (or `.zip` holding that csv), `SYMBOL-1d-YYYY-MM.*` too; 12 columns,
/// open time in milliseconds, or microseconds as the archive writes from 2025; a header line
/// is skipped. A symbol with hourly files is read hourly (its days are their aggregates),
/// otherwise daily. Trading rules come from `DIR/exchange_info.json` when present, else from
/// the bundled market's (a symbol listed in neither cannot be traded).
public enum KlineArchive {
    public struct FileName: Sendable, Equatable {
        public let symbol: String
        public let interval: String
        public let month: String
        public let zipped: Bool

        /// `BTCUSDT-1h-2024-03.csv` → (BTCUSDT, 1h, 2024-03, false); nil for any other name.
        public init?(_ name: String) {
            let zipped = name.hasSuffix(".zip")
            guard zipped || name.hasSuffix(".csv") else { return nil }
            let parts = name.dropLast(4).split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 4, ["1h", "1d"].contains(parts[1]), parts[2].count == 4, parts[3].count == 2,
                  !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }),
                  parts[2].allSatisfy(\.isNumber), parts[3].allSatisfy(\.isNumber) else { return nil }
            symbol = String(parts[0])
            interval = String(parts[1])
            month = "\(parts[2])-\(parts[3])"
            self.zipped = zipped
        }
    }

    public static func read(directory: URL, fallbackListings: [String: Listing]) throws -> HistoricalMarket {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        } catch {
            throw BacktestInputError(path: directory.path, problem: "cannot be listed (\(error.localizedDescription))",
                                     remedy: "pass --data a folder of Binance archive files (SYMBOL-1h-YYYY-MM.csv or .zip)")
        }
        var files: [String: [String: [(FileName, URL)]]] = [:]
        for name in names {
            guard let file = FileName(name) else { continue }
            files[file.symbol, default: [:]][file.interval, default: []].append((file, directory.appendingPathComponent(name)))
        }
        guard !files.isEmpty else {
            throw BacktestInputError(path: directory.path, problem: "holds no SYMBOL-1h-YYYY-MM.csv/.zip or SYMBOL-1d-… file",
                                     remedy: "download klines from data.binance.vision, or generate some with Fixtures/paper_market/generate_history.py")
        }
        var histories: [String: PriceHistory] = [:]
        for (symbol, intervals) in files {
            if let hourly = intervals["1h"] {
                histories[symbol] = PriceHistory(symbol: symbol, hourlyKlines: try klines(hourly.map(\.1)))
            } else if let daily = intervals["1d"] {
                histories[symbol] = PriceHistory(symbol: symbol, dailyKlines: try klines(daily.map(\.1)))
            }
        }
        guard histories["BTCUSDT"] != nil else {
            throw BacktestInputError(path: directory.path, problem: "has no BTCUSDT klines", remedy: "add BTCUSDT files: the cycle needs BTC for its regime and DCA")
        }
        return HistoricalMarket(label: "archive:\(directory.path)", histories: histories,
                                listings: try listings(directory: directory, fallback: fallbackListings))
    }

    /// Every row of `urls`, sorted by open time, one row per open time.
    static func klines(_ urls: [URL]) throws -> [Kline] {
        var rows: [Kline] = []
        for url in urls { rows += try parse(try contents(of: url), file: url.path) }
        rows.sort { $0.openTime < $1.openTime }
        var unique: [Kline] = []
        unique.reserveCapacity(rows.count)
        for row in rows where unique.last?.openTime != row.openTime { unique.append(row) }
        return unique
    }

    /// A csv's bytes, or the first csv inside a zip.
    static func contents(of url: URL) throws -> Data {
        // A FIFO or device named like a data month is refused as what it is; opening it never blocks.
        if let kind = FileKind.at(url.path), kind != .regular {
            throw BacktestInputError(path: url.path, problem: "is \(kind.description), not a regular file",
                                     remedy: "replace it with the archive's file (a regular .csv or .zip), or remove it")
        }
        do {
            guard url.pathExtension == "zip" else { return try InputFile.read(url.path) }
            let archive = try Archive(url: url, accessMode: .read)
            guard let entry = archive.first(where: { $0.path.hasSuffix(".csv") }) else {
                throw BacktestInputError(path: url.path, problem: "holds no .csv", remedy: "replace it with the archive's original zip")
            }
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            return data
        } catch let error as BacktestInputError {
            throw error
        } catch let error as InputFile.Problem {
            throw BacktestInputError(path: url.path, problem: error.problem, remedy: "replace it with the archive's file (a regular .csv or .zip)")
        } catch {
            throw BacktestInputError(path: url.path, problem: "cannot be read (\(error))", remedy: "download the file again")
        }
    }

    /// One archive csv's rows (`BinanceWire.archiveKlines`), a bad row named by file and line.
    public static func parse(_ data: Data, file: String) throws -> [Kline] {
        do {
            return try BinanceWire.archiveKlines(csv: data)
        } catch let error as BinanceWire.ArchiveRowError {
            throw BacktestInputError(path: file, problem: "has a malformed kline on line \(error.line)",
                                     remedy: "fix or re-download the file (open time, then positive open, high, low, close and a volume)")
        }
    }

    private static func listings(directory: URL, fallback: [String: Listing]) throws -> [String: Listing] {
        let url = directory.appendingPathComponent("exchange_info.json")
        guard FileManager.default.fileExists(atPath: url.path) else { return fallback }
        let info: BinanceWire.ExchangeInfo
        do {
            info = try BinanceWire.decode(BinanceWire.ExchangeInfo.self, from: InputFile.read(url.path), what: "exchange info")
        } catch {
            throw BacktestInputError(path: url.path, problem: "cannot be read (\(error))", remedy: "fix it, or remove it to use the bundled rules")
        }
        var listings = fallback
        for symbol in info.symbols where symbol.status == "TRADING" {
            guard let listing = try? BinanceListing(symbol) else {
                throw BacktestInputError(path: url.path, problem: "has unreadable filters for \(symbol.symbol)", remedy: "fix the symbol's filters")
            }
            listings[symbol.symbol] = Listing(symbol: listing.symbol, baseAsset: listing.baseAsset, quoteAsset: listing.quoteAsset, rules: listing.rules)
        }
        return listings
    }
}
