import BinanceWireFormat
import Engine
import Foundation
import Paper
import Strategy

/// `--data DIR`: klines laid out as Binance's public data archive ships them —
/// `SYMBOL-1h-YYYY-MM.csv` (or `.zip` holding that csv), `SYMBOL-1d-YYYY-MM.*` too; 12 columns,
/// open time in milliseconds, or microseconds as the archive writes from 2025; a header line
/// is skipped; a zip's CRC-32 is checked, and so is a `.CHECKSUM` beside a file when there is
/// one (`ArchiveFileContents`); a row that is not a kline, or opens far outside its file's month,
/// is refused naming the file and line. A symbol with hourly files is read hourly (its days are their aggregates),
/// otherwise daily. Trading rules come from `DIR/exchange_info.json` when present, else from
/// the bundled market's (a symbol listed in neither cannot be traded).
public enum KlineArchive {
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
                histories[symbol] = PriceHistory(symbol: symbol, hourlyKlines: try klines(hourly))
            } else if let daily = intervals["1d"] {
                histories[symbol] = PriceHistory(symbol: symbol, dailyKlines: try klines(daily))
            }
        }
        guard histories["BTCUSDT"] != nil else {
            throw BacktestInputError(path: directory.path, problem: "has no BTCUSDT klines", remedy: "add BTCUSDT files: the cycle needs BTC for its regime and DCA")
        }
        return HistoricalMarket(label: "archive:\(directory.path)", histories: histories,
                                listings: try listings(directory: directory, fallback: fallbackListings))
    }

    /// Every row of `files`, sorted by open time, one row per open time.
    static func klines(_ files: [(FileName, URL)]) throws -> [Kline] {
        var rows: [Kline] = []
        for (name, url) in files { rows += try parse(try ArchiveFileContents.csv(of: url), file: url.path, name: name) }
        rows.sort { $0.openTime < $1.openTime }
        var unique: [Kline] = []
        unique.reserveCapacity(rows.count)
        for row in rows where unique.last?.openTime != row.openTime { unique.append(row) }
        return unique
    }

    /// One archive csv's rows (`BinanceWire.archiveKlines`), a bad row named by file, line and
    /// problem; with the file's `name`, a row far outside its month is refused too.
    public static func parse(_ data: Data, file: String, name: FileName? = nil) throws -> [Kline] {
        var accepted: Range<Int64>?
        if let name {
            guard let range = name.acceptedOpenTimes else {
                throw BacktestInputError(path: file, problem: "is not named for a calendar month (\(name.month))",
                                         remedy: "rename it SYMBOL-1h-YYYY-MM with the month its rows are in, or remove it")
            }
            accepted = range
        }
        do {
            return try BinanceWire.archiveKlines(csv: data, openTimes: accepted)
        } catch let error as BinanceWire.ArchiveRowError {
            if case .openTimeOutside(let openTime, _) = error.problem, let name {
                throw BacktestInputError(
                    path: file, problem: "has a row on line \(error.line) that opens at \(BinanceWire.ArchiveRowProblem.iso(openTime)), far outside the file's month \(name.month)",
                    remedy: "remove the row or download the file again (a monthly file holds that month's rows only)")
            }
            throw BacktestInputError(path: file, problem: "has a bad row on line \(error.line): \(error.problem)",
                                     remedy: "fix the row or download the file again (open time, then open, high, low, close above 0 with open and close within [low, high], and a volume of at least 0)")
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
