/// One line of the equity chart.
public struct ChartSeries: Sendable, Equatable {
    public var name: String
    /// A CSS colour (`#1f6feb`, `teal`, `rgb(…)`); anything else is replaced, see `ChartColor`.
    public var color: String
    /// One value per sample, aligned with the chart's dates; NaN/∞ samples are left out.
    public var values: [Double]

    public init(name: String, color: String, values: [Double]) {
        self.name = name
        self.color = color
        self.values = values
    }
}

/// The backtest's equity chart as one self-contained SVG string (no scripts, fonts or links), so
/// it can be written to a file, embedded in the HTML report or attached anywhere as is.
///
/// Top panel (≈70 % of the plot height): every series' equity on a shared linear axis with round
/// gridlines; the first series is the strategy and is drawn thicker and on top. Bottom panel: the
/// first series' drawdown below its running peak as a filled area, in percent. A legend above.
/// Dates label about six evenly spaced positions; sample `i` of every series sits at the same x.
public enum EquityChartSVG {
    /// Points per polyline at most: more than a wide chart has pixels, few enough that an 8-year
    /// hourly run (~70,000 samples) stays a small file.
    public static let maximumPointsPerSeries = 1500

    public static func render(dates: [String], series: [ChartSeries], width: Int = 960, height: Int = 520) -> String {
        let width = IntegerClamp.clamp(width, to: 240...10_000), height = IntegerClamp.clamp(height, to: 160...10_000)
        let sampleCount = series.map(\.values.count).max() ?? 0
        let finite = series.lazy.flatMap(\.values).filter(\.isFinite)
        guard sampleCount > 0, let low = finite.min(), let high = finite.max() else {
            return noData(width: width, height: height)
        }
        let colors = series.enumerated().map { ChartColor.sanitized($1.color, fallbackIndex: $0) }
        let legend = ChartLegend(names: series.map(\.name), colors: colors, left: ChartLayout.left, right: Double(width) - ChartLayout.right)
        let layout = ChartLayout(width: width, height: height, legendHeight: legend.height, sampleCount: sampleCount)

        var parts = [
            openingTag(width: width, height: height, fontSize: 12),
            "<title>\(MarkupEscaping.escape("Equity and drawdown: " + series.map(\.name).joined(separator: ", ")))</title>",
            ##"<rect x="0" y="0" width="\##(width)" height="\##(height)" fill="#ffffff"/>"##,
        ]
        parts += legend.svg
        parts += dateGuides(layout: layout)
        parts += equityPanel(series: series, colors: colors, scale: ChartAxisScale.nice(covering: low, high), layout: layout)
        if let strategy = series.first {
            parts += DrawdownPanel(values: strategy.values, name: strategy.name, color: colors[0], layout: layout).svg
        }
        parts += dateLabels(dates: dates, layout: layout)
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// Gridlines with their labels, then one polyline per series (strategy last, so on top).
    static func equityPanel(series: [ChartSeries], colors: [String], scale: ChartAxisScale, layout: ChartLayout) -> [String] {
        let y = { (value: Double) in layout.y(value, scale: scale, top: layout.equityTop, height: layout.equityHeight) }
        var parts = [##"<g stroke="#e3e6ea" stroke-width="1">"##]
        parts += scale.ticks.map { tick in
            let at = ChartNumberFormat.coordinate(y(tick))
            return ##"<line x1="\##(layout.coordinate(layout.plotLeft))" y1="\##(at)" x2="\##(layout.coordinate(layout.plotRight))" y2="\##(at)"/>"##
        }
        parts.append("</g>")
        parts.append(##"<g fill="#57606a" text-anchor="end">"##)
        parts += scale.ticks.map { tick in
            ##"<text x="\##(layout.coordinate(layout.plotLeft - 8))" y="\##(ChartNumberFormat.coordinate(y(tick) + 4))">"##
                + "\(MarkupEscaping.escape(ChartNumberFormat.grouped(tick, decimals: scale.decimals)))</text>"
        }
        parts.append("</g>")
        parts.append(layout.frame(top: layout.equityTop, height: layout.equityHeight))
        for (index, line) in series.enumerated().reversed() {
            let points = EvenDownsampling.indices(count: line.values.count, limit: maximumPointsPerSeries).compactMap { sample -> String? in
                let value = line.values[sample]
                guard value.isFinite else { return nil }
                return "\(layout.coordinate(layout.x(sample))),\(ChartNumberFormat.coordinate(y(value)))"
            }
            let widthAttribute = index == 0 ? "2.2" : "1.3"
            parts.append(##"<polyline fill="none" stroke="\##(MarkupEscaping.escape(colors[index]))" stroke-width="\##(widthAttribute)" "##
                + ##"stroke-linejoin="round" stroke-linecap="round" points="\##(points.joined(separator: " "))">"##
                + "<title>\(MarkupEscaping.escape(line.name))</title></polyline>")
        }
        return parts
    }

    /// Faint vertical lines through both panels at the labelled dates, drawn first so the data
    /// lies on top of them.
    static func dateGuides(layout: ChartLayout) -> [String] {
        var parts = [##"<g stroke="#eef0f3" stroke-width="1">"##]
        parts += EvenDownsampling.indices(count: layout.sampleCount, limit: 6).map { sample in
            let x = layout.coordinate(layout.x(sample))
            return ##"<line x1="\##(x)" y1="\##(layout.coordinate(layout.equityTop))" x2="\##(x)" y2="\##(layout.coordinate(layout.plotBottom))"/>"##
        }
        parts.append("</g>")
        return parts
    }

    /// About six dates under the plot, evenly spaced, the first and last included.
    static func dateLabels(dates: [String], layout: ChartLayout) -> [String] {
        let positions = EvenDownsampling.indices(count: layout.sampleCount, limit: 6)
        var parts = [##"<g fill="#57606a">"##]
        for (offset, sample) in positions.enumerated() where sample < dates.count {
            let anchor = positions.count == 1 ? "middle" : offset == 0 ? "start" : offset == positions.count - 1 ? "end" : "middle"
            parts.append(##"<text x="\##(layout.coordinate(layout.x(sample)))" y="\##(layout.coordinate(layout.plotBottom + 18))" "##
                + ##"text-anchor="\##(anchor)">\##(MarkupEscaping.escape(dates[sample]))</text>"##)
        }
        parts.append("</g>")
        return parts
    }

    /// The root element: fixed size plus a viewBox so it scales when embedded; system fonts only.
    static func openingTag(width: Int, height: Int, fontSize: Int) -> String {
        ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(width)" height="\##(height)" viewBox="0 0 \##(width) \##(height)" "##
            + ##"role="img" font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif" font-size="\##(fontSize)">"##
    }

    /// A valid, equally sized SVG for a run without a single finite value.
    static func noData(width: Int, height: Int) -> String {
        [
            openingTag(width: width, height: height, fontSize: 14),
            "<title>Equity and drawdown: no data</title>",
            ##"<rect x="0" y="0" width="\##(width)" height="\##(height)" fill="#ffffff" stroke="#d0d7de"/>"##,
            ##"<text x="\##(width / 2)" y="\##(height / 2)" text-anchor="middle" fill="#57606a">no data</text>"##,
            "</svg>",
        ].joined(separator: "\n")
    }
}
