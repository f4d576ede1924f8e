/// One daily candle as Binance reports it; prices in quote currency (USDT), volume in base units.
public struct Kline: Sendable, Equatable {
    /// Open time in milliseconds since the Unix epoch (UTC).
    public let openTime: Int64
    public let open: Double
    public let high: Double
    public let low: Double
    public let close: Double
    public let volume: Double

    public init(openTime: Int64, open: Double, high: Double, low: Double, close: Double, volume: Double) {
        self.openTime = openTime
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }
}
