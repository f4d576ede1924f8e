import Foundation

/// A linear axis whose gridlines fall on round numbers (multiples of 1, 2, 2.5 or 5 × 10ⁿ), so
/// labels read "10,000 / 12,000 / 14,000" rather than "10,137 / 11,874 / …". The axis range is
/// widened outward to whole steps, which also keeps every line inside the plot.
public struct ChartAxisScale: Sendable, Equatable {
    /// Bottom and top of the axis, both multiples of `step`.
    public var lower: Double, upper: Double
    public var step: Double
    /// Fraction digits that show every tick value exactly.
    public var decimals: Int

    public init(lower: Double, upper: Double, step: Double, decimals: Int) {
        self.lower = lower
        self.upper = upper
        self.step = step
        self.decimals = decimals
    }

    /// Values of the gridlines from `lower` to `upper`.
    public var ticks: [Double] {
        guard step > 0, upper > lower else { return [lower] }
        let intervals = IntegerClamp.rounded((upper - lower) / step, in: 0...100, ifNaN: 0)
        return (0...intervals).map { lower + Double($0) * step }
    }

    /// The nicest scale covering `low...high` whose gridline count lies in `gridlines` (closest
    /// to its middle when several do). A flat range (one value) is padded by 5 % of that value
    /// (by 1 for zero) so a constant line sits mid-panel; non-finite bounds give the scale 0...1.
    public static func nice(covering first: Double, _ second: Double, gridlines: ClosedRange<Int> = 4...6) -> ChartAxisScale {
        guard first.isFinite, second.isFinite else { return ChartAxisScale(lower: 0, upper: 1, step: 0.25, decimals: 2) }
        var low = min(first, second), high = max(first, second)
        if high - low <= abs(high) * 1e-12 {
            let pad = high == 0 ? 1 : abs(high) * 0.05
            low -= pad
            high += pad
        }
        let wantedIntervals = Double(gridlines.lowerBound + gridlines.upperBound) / 2 - 1
        let rough = (high - low) / max(wantedIntervals, 1)
        let exponent = IntegerClamp.int(floor(log10(rough)), in: -300...300, ifNaN: 0)
        var best: (scale: ChartAxisScale, miss: Double)?
        for power in (exponent - 1)...(exponent + 1) {
            for mantissa in [1.0, 2.0, 2.5, 5.0] {
                let step = mantissa * pow(10, Double(power))
                guard step.isFinite, step > 0 else { continue }
                let lower = floor(low / step) * step, upper = ceil(high / step) * step
                let lines = (upper - lower) / step + 1
                let outside = lines < Double(gridlines.lowerBound) || lines > Double(gridlines.upperBound)
                let miss = abs(lines - (wantedIntervals + 1)) + (outside ? 100 : 0)
                if best == nil || miss < (best?.miss ?? .infinity) {
                    let decimals = max(0, -power) + (mantissa == 2.5 && power <= 0 ? 1 : 0)
                    best = (ChartAxisScale(lower: lower, upper: upper, step: step, decimals: min(decimals, 10)), miss)
                }
            }
        }
        return best?.scale ?? ChartAxisScale(lower: low, upper: high, step: high - low, decimals: 2)
    }
}
