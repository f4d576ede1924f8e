/// The lower panel: how far the strategy stood below its best equity so far, as a filled area
/// hanging from the 0 % line. Seeing when and for how long the strategy was under water matters
/// as much as the final figure, and the area makes long shallow and short deep falls obvious.
struct DrawdownPanel: Sendable {
    let svg: [String]

    init(values: [Double], name: String, color: String, layout: ChartLayout) {
        let drawdowns = PerformanceStatistics.drawdowns(values)
        let deepest = drawdowns.max() ?? 0
        // At least a 1 % deep axis, so a flat curve still gets a sensible scale.
        let scale = ChartAxisScale.nice(covering: -max(deepest, 0.01) * 100, 0, gridlines: 3...5)
        let y = { (percent: Double) in layout.y(percent, scale: scale, top: layout.drawdownTop, height: layout.drawdownHeight) }

        var parts = [##"<text x="\##(layout.coordinate(layout.plotLeft))" y="\##(layout.coordinate(layout.drawdownTop - 7))" "##
            + ##"fill="#57606a">\##(MarkupEscaping.escape("Drawdown of " + name))</text>"##]
        parts.append(##"<g stroke="#e3e6ea" stroke-width="1">"##)
        parts += scale.ticks.map { tick in
            let at = layout.coordinate(y(tick))
            return ##"<line x1="\##(layout.coordinate(layout.plotLeft))" y1="\##(at)" x2="\##(layout.coordinate(layout.plotRight))" y2="\##(at)"/>"##
        }
        parts.append("</g>")
        parts.append(##"<g fill="#57606a" text-anchor="end">"##)
        parts += scale.ticks.map { tick in
            ##"<text x="\##(layout.coordinate(layout.plotLeft - 8))" y="\##(layout.coordinate(y(tick) + 4))">"##
                + "\(MarkupEscaping.escape(ChartNumberFormat.grouped(tick, decimals: scale.decimals) + " %"))</text>"
        }
        parts.append("</g>")

        let outline = Self.outline(values: values, drawdowns: drawdowns)
        if let first = outline.first, let last = outline.last {
            let zero = layout.coordinate(y(0))
            let edge = outline.map { "\(layout.coordinate(layout.x($0.index))),\(layout.coordinate(y(-$0.drawdown * 100)))" }
            let points = ["\(layout.coordinate(layout.x(first.index))),\(zero)"] + edge + ["\(layout.coordinate(layout.x(last.index))),\(zero)"]
            parts.append(##"<polygon fill="\##(MarkupEscaping.escape(color))" fill-opacity="0.28" stroke="\##(MarkupEscaping.escape(color))" "##
                + ##"stroke-width="1" stroke-linejoin="round" points="\##(points.joined(separator: " "))"/>"##)
        }
        parts.append(layout.frame(top: layout.drawdownTop, height: layout.drawdownHeight))
        svg = parts
    }

    /// The area's lower edge after downsampling. Each kept sample shows the deepest drawdown
    /// since the previous kept one, so thinning out an hourly run never hides its worst moment.
    static func outline(values: [Double], drawdowns: [Double]) -> [DrawdownPoint.Indexed] {
        var outline: [DrawdownPoint.Indexed] = []
        var bucketStart = 0
        for kept in EvenDownsampling.indices(count: drawdowns.count, limit: EquityChartSVG.maximumPointsPerSeries) {
            var deepest: Double?
            for sample in bucketStart...kept where values[sample].isFinite {
                deepest = max(deepest ?? 0, drawdowns[sample])
            }
            if let deepest { outline.append(DrawdownPoint.Indexed(index: kept, drawdown: deepest)) }
            bucketStart = kept + 1
        }
        return outline
    }
}

extension DrawdownPoint {
    /// A drawdown at a sample index, for drawing (the chart positions by index, not by date).
    struct Indexed: Sendable, Equatable {
        let index: Int
        let drawdown: Double
    }
}
