/// Rolling-window maths over a column of optional values, with pandas' semantics:
/// a window yields a value only when every one of its `window` entries is defined.
enum Series {
    static func rollingMean(_ values: [Double?], window: Int) -> [Double?] {
        rolling(values, window: window) { slice in
            slice.reduce(0, +) / Double(slice.count)
        }
    }

    /// Sample standard deviation (n − 1 in the denominator), two-pass for accuracy.
    static func rollingSampleStd(_ values: [Double?], window: Int) -> [Double?] {
        rolling(values, window: window) { slice in
            guard slice.count > 1 else { return nil }
            let mean = slice.reduce(0, +) / Double(slice.count)
            if slice.allSatisfy({ $0 == slice[0] }) { return 0 }
            let squares = slice.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            return (squares / Double(slice.count - 1)).squareRoot()
        }
    }

    /// Quantile with linear interpolation between the two closest ranks (pandas' default).
    static func rollingQuantile(_ values: [Double?], window: Int, quantile: Double) -> [Double?] {
        rolling(values, window: window) { slice in
            let sorted = slice.sorted()
            let position = quantile * Double(sorted.count - 1)
            let lower = Int(position.rounded(.down))
            let upper = min(lower + 1, sorted.count - 1)
            let fraction = position - Double(lower)
            return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
        }
    }

    /// `value / value[lag rows earlier] − 1`; undefined where either side is.
    static func percentChange(_ values: [Double?], lag: Int) -> [Double?] {
        values.indices.map { index in
            guard index >= lag, let current = values[index], let previous = values[index - lag] else { return nil }
            return current / previous - 1
        }
    }

    private static func rolling(
        _ values: [Double?], window: Int, _ reduce: ([Double]) -> Double?
    ) -> [Double?] {
        guard window > 0 else { return values.map { _ in nil } }
        return values.indices.map { index in
            guard index + 1 >= window else { return nil }
            var slice: [Double] = []
            slice.reserveCapacity(window)
            for value in values[(index + 1 - window)...index] {
                guard let value, value.isFinite else { return nil }
                slice.append(value)
            }
            return reduce(slice)
        }
    }
}
