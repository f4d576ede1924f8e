import Engine
import Foundation
import Strategy

extension BinanceWire {
    /// Klines as Binance's `/api/v3/klines` and the fixtures write them:
    /// `[openTime, "open", "high", "low", "close", "volume", closeTime, …]`, oldest first.
    /// Every row must have an integer open time and finite, non-negative prices and volume.
    public static func klines(from data: Data, what: String) throws -> [Kline] {
        let rows: [JSONValue]
        do {
            guard let array = try JSONParser.parse(data).arrayValue else {
                throw WireFormatError(field: what, problem: "is not a JSON array of klines")
            }
            rows = array
        } catch let error as WireFormatError {
            throw error
        } catch {
            throw WireFormatError(field: what, problem: "is not JSON (\(error))")
        }
        return try klines(rows: rows, what: what)
    }

    public static func klines(rows: [JSONValue], what: String) throws -> [Kline] {
        try rows.enumerated().map { index, row in
            guard let kline = kline(row) else {
                throw WireFormatError(field: "\(what) row \(index)",
                                      problem: "is not [openTime, open, high, low, close, volume, …] with finite, non-negative numbers")
            }
            return kline
        }
    }

    /// One kline row, or nil when it is not one.
    public static func kline(_ row: JSONValue) -> Kline? {
        guard let fields = row.arrayValue, fields.count >= 6, case .int(let openTime) = fields[0] else { return nil }
        var numbers: [Double] = []
        for field in fields[1...5] {
            guard let number = field.numberValue, number.isFinite, number >= 0 else { return nil }
            numbers.append(number)
        }
        return Kline(openTime: openTime, open: numbers[0], high: numbers[1], low: numbers[2], close: numbers[3], volume: numbers[4])
    }
}
