/// The monthly execution pool and its lock (SPEC §6.2). The pool always comes from the
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
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return scalars.startIndex == startIndex && scalars.endIndex == endIndex ? self : String(scalars)
    }
}
