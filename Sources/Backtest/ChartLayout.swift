/// Where things go in the equity chart, in SVG user units. Kept separate from the drawing so the
/// panels agree on one geometry: the same x for sample `i` in both panels, the 70/30 split.
struct ChartLayout: Sendable {
    /// Room for the widest y labels ("120,000") on the left; a small margin on the right.
    static let left = 76.0, right = 18.0
    /// Space under the plot for the date labels, and between the panels for the drawdown caption.
    static let dateBand = 30.0, panelGap = 24.0
    /// Share of the plot height given to the equity panel.
    static let equityShare = 0.7

    let sampleCount: Int
    let plotLeft: Double, plotRight: Double
    let equityTop: Double, equityHeight: Double
    let drawdownTop: Double, drawdownHeight: Double
    var plotBottom: Double { drawdownTop + drawdownHeight }

    init(width: Int, height: Int, legendHeight: Double, sampleCount: Int) {
        self.sampleCount = sampleCount
        plotLeft = Self.left
        plotRight = max(Double(width) - Self.right, Self.left + 1)
        equityTop = legendHeight + 10
        // A legend taller than the chart still leaves a (squeezed) plot rather than negative sizes.
        let usable = max(Double(height) - Self.dateBand - equityTop - Self.panelGap, 40)
        equityHeight = usable * Self.equityShare
        drawdownTop = equityTop + equityHeight + Self.panelGap
        drawdownHeight = usable - equityHeight
    }

    /// Horizontal position of sample `index` of `0..<sampleCount`; a single sample sits centred.
    func x(_ index: Int) -> Double {
        guard sampleCount > 1 else { return (plotLeft + plotRight) / 2 }
        return plotLeft + (plotRight - plotLeft) * Double(index) / Double(sampleCount - 1)
    }

    /// Vertical position of `value` on `scale` inside the panel starting at `top`.
    func y(_ value: Double, scale: ChartAxisScale, top: Double, height: Double) -> Double {
        let span = scale.upper - scale.lower
        guard span > 0, span.isFinite else { return top + height / 2 }
        return top + (scale.upper - value) / span * height
    }

    func coordinate(_ value: Double) -> String {
        ChartNumberFormat.coordinate(value)
    }

    /// The thin border around a panel.
    func frame(top: Double, height: Double) -> String {
        ##"<rect x="\##(coordinate(plotLeft))" y="\##(coordinate(top))" width="\##(coordinate(plotRight - plotLeft))" "##
            + ##"height="\##(coordinate(height))" fill="none" stroke="#c9ced5" stroke-width="1"/>"##
    }
}
