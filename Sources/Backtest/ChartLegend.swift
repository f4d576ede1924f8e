/// The row(s) of colour swatches and series names above the chart. Names are laid out left to
/// right and wrap onto a new row when the next one would not fit, so the legend never runs off
/// the image; the panels start below however many rows that took.
struct ChartLegend: Sendable {
    static let rowHeight = 18.0, firstBaseline = 20.0
    /// Average advance of a 12-unit sans-serif character; enough to keep names from overlapping.
    static let characterWidth = 6.8
    /// Longer names are shortened in the legend (the polyline's tooltip keeps the full name).
    static let maximumNameLength = 48

    let svg: [String]
    let height: Double

    init(names: [String], colors: [String], left: Double, right: Double) {
        var parts = [##"<g fill="#24292f">"##]
        var x = left, row = 0
        for (name, color) in zip(names, colors) {
            let label = name.count > Self.maximumNameLength ? String(name.prefix(Self.maximumNameLength - 1)) + "…" : name
            let itemWidth = 26 + Double(label.count) * Self.characterWidth + 18
            if x > left, x + itemWidth > right {
                row += 1
                x = left
            }
            let baseline = Self.firstBaseline + Double(row) * Self.rowHeight
            let swatchY = ChartNumberFormat.coordinate(baseline - 4)
            parts.append(##"<line x1="\##(ChartNumberFormat.coordinate(x))" y1="\##(swatchY)" x2="\##(ChartNumberFormat.coordinate(x + 20))" "##
                + ##"y2="\##(swatchY)" stroke="\##(MarkupEscaping.escape(color))" stroke-width="3" stroke-linecap="round"/>"##)
            parts.append(##"<text x="\##(ChartNumberFormat.coordinate(x + 26))" y="\##(ChartNumberFormat.coordinate(baseline))">"##
                + "\(MarkupEscaping.escape(label))</text>")
            x += itemWidth
        }
        parts.append("</g>")
        svg = parts
        height = Self.firstBaseline + Double(row) * Self.rowHeight + 6
    }
}
