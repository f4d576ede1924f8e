/// The monthly execution pool and its lock (docs/strategy.md#rotation-pool). The pool always comes from the
/// upstream artifact; this engine never ranks coins itself.
public struct RotationPool: Sendable, Equatable {
    public var symbols: [String]
    public var sourceVersion: String
    public var sourceAsOfDate: String
    /// `YYYY-MM` of the source date, or of the clock when the source has no date.
    public var lastMonth: String

    public init(symbols: [String], sourceVersion: String, sourceAsOfDate: String, lastMonth: String) {
        self.symbols = symbols
        self.sourceVersion = sourceVersion
        self.sourceAsOfDate = sourceAsOfDate
        self.lastMonth = lastMonth
    }

    /// Healthy: the resolved payload's symbols in payload order. Degraded: the stored pool
    /// restricted to the resolved universe, or its first `poolSize` symbols when that is empty.
    public static func resolve(
        universe: [String],
        storedPool: [String],
        degraded: Bool,
        version: String,
        asOfDate: String,
        currentMonth: String,
        poolSize: Int = StrategyConstants.poolSize
    ) -> RotationPool {
        let symbols: [String]
        if degraded {
            let available = Set(universe)
            var seen = Set<String>()
            let retained = storedPool.filter { available.contains($0) && seen.insert($0).inserted }
            symbols = retained.isEmpty ? Array(universe.prefix(poolSize)) : retained
        } else {
            symbols = universe
        }
        let trimmedDate = asOfDate.trimmingWhitespace
        return RotationPool(
            symbols: symbols,
            sourceVersion: version.trimmingWhitespace,
            sourceAsOfDate: trimmedDate,
            lastMonth: trimmedDate.isEmpty ? currentMonth : String(trimmedDate.prefix(7))
        )
    }
}

extension String {
    /// The text without leading and trailing whitespace (Unicode's). An ASCII text whose first
    /// and last bytes are not whitespace is returned as it is without looking at its characters.
    var trimmingWhitespace: String {
        if let first = utf8.first, let last = utf8.last, !Self.isASCIIWhitespaceOrBeyond(first), !Self.isASCIIWhitespaceOrBeyond(last),
           utf8.allSatisfy({ $0 < 0x80 }) {
            return self
        }
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return scalars.startIndex == startIndex && scalars.endIndex == endIndex ? self : String(scalars)
    }

    /// Tab, line feed, vertical tab, form feed, carriage return and space, or any byte that is
    /// not ASCII (the start or the continuation of a character the slow path must judge).
    private static func isASCIIWhitespaceOrBeyond(_ byte: UInt8) -> Bool {
        (0x09...0x0D).contains(byte) || byte == 0x20 || byte >= 0x80
    }
}
