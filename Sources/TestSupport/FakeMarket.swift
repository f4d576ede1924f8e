import Engine
import Foundation

/// The fake's market: symbols (Binance exchange-info JSON objects) and daily klines. Loaded from
/// the paper market folder and shifted in whole days so the last kline opens today.
public struct FakeMarket: Sendable {
    public struct Candle: Sendable {
        public let openTime: Int64
        public let row: [JSONValue]
        /// The row as Binance's compact JSON, written once: a klines answer is these joined, so
        /// the fake spends no time per request on rows that never change.
        public let json: String
        public init(openTime: Int64, row: [JSONValue]) {
            self.openTime = openTime
            self.row = row
            self.json = JSONWriter.string(.array(row), pretty: false)
        }
        public var close: Decimal { Decimal(string: row[4].stringValue ?? "0") ?? 0 }
    }

    public var symbols: JSONObject
    public var klines: [String: [Candle]]

    public static let dayMilliseconds: Int64 = 86_400_000

    /// Reads `exchange_info.json` and `klines/*.json` from `directory` (Fixtures/paper_market).
    public static func load(directory: URL, lastDay: Date = Date()) throws -> FakeMarket {
        let info = try JSONParser.parse(Data(contentsOf: directory.appendingPathComponent("exchange_info.json")))
        var symbols: JSONObject = [:]
        for symbol in info.objectValue?["symbols"]?.arrayValue ?? [] {
            if let name = symbol.objectValue?["symbol"]?.stringValue { symbols[name] = symbol }
        }
        let today = Int64(lastDay.timeIntervalSince1970 * 1000) / dayMilliseconds * dayMilliseconds
        var klines: [String: [Candle]] = [:]
        let folder = directory.appendingPathComponent("klines")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".json") {
            let rows = try JSONParser.parse(Data(contentsOf: folder.appendingPathComponent(file))).arrayValue ?? []
            guard case .int(let lastOpen)? = rows.last?.arrayValue?.first else { continue }
            let shift = today - lastOpen
            klines[String(file.dropLast(5))] = rows.compactMap { row in
                guard var fields = row.arrayValue, case .int(let open) = fields[0], case .int(let close) = fields[6] else { return nil }
                fields[0] = .int(open + shift)
                fields[6] = .int(close + shift)
                return Candle(openTime: open + shift, row: fields)
            }
        }
        return FakeMarket(symbols: symbols, klines: klines)
    }

    /// The symbol's latest close, the fake's "average price".
    public func price(_ symbol: String) -> Decimal? { klines[symbol]?.last?.close }

    public func listing(_ symbol: String) -> JSONObject? { symbols[symbol]?.objectValue }

    public func baseAsset(_ symbol: String) -> String? { listing(symbol)?["baseAsset"]?.stringValue }
}

/// FlyingFox has a `JSONValue` of its own; in this module the name means the Engine's.
public typealias JSONValue = Engine.JSONValue

extension FakeMarket {
    /// `Fixtures/paper_market` of this checkout.
    public static var bundledDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/paper_market", isDirectory: true)
    }
}

extension FakeBinance {
    public static let testAPIKey = "fake-api-key-7f3a9c"
    public static let testSecret = "fake-secret-51d2e8b4c7a90f36"

    /// A started fake over the bundled market (last kline today) with one HMAC key that may trade.
    public static func launch(balances: [String: Decimal] = ["USDT": 10_000, "BNB": Decimal(string: "0.1")!],
                              keys: [Key] = [Key(apiKey: testAPIKey, verification: .hmac(secret: testSecret))]) async throws -> FakeBinance {
        let fake = FakeBinance(market: try FakeMarket.load(directory: FakeMarket.bundledDirectory), balances: balances, keys: keys)
        try await fake.start()
        return fake
    }
}
