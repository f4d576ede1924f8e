/// Everything the HTML report shows, already as text: the report does no formatting of numbers
/// itself, so the caller decides precision and units once and the page shows exactly that.
public struct BacktestHTMLContent: Sendable, Equatable {
    /// Page heading and `<title>`, e.g. "Backtest 2019-01-01 … 2026-10-31".
    public var title: String
    /// One line under the heading: engine version, cadence, data source.
    public var subtitle: String
    /// Markup from `EquityChartSVG.render`, embedded as is (after a self-containment check).
    public var chartSVG: String
    public var tables: [HTMLTable]
    /// Plain-text paragraphs: how to read the page, assumptions, caveats.
    public var notes: [String]

    public init(title: String, subtitle: String, chartSVG: String, tables: [HTMLTable], notes: [String]) {
        self.title = title
        self.subtitle = subtitle
        self.chartSVG = chartSVG
        self.tables = tables
        self.notes = notes
    }
}

/// A captioned table of text cells.
public struct HTMLTable: Sendable, Equatable {
    public var caption: String
    public var header: [String]
    /// Rows may be shorter or longer than the header; short rows are padded with empty cells.
    public var rows: [[String]]
    /// Zero-based columns holding numbers: right-aligned with tabular digits so they line up.
    public var numericColumns: Set<Int>

    public init(caption: String, header: [String], rows: [[String]], numericColumns: Set<Int> = []) {
        self.caption = caption
        self.header = header
        self.rows = rows
        self.numericColumns = numericColumns
    }
}

/// The backtest report as one HTML5 file that opens offline, anywhere, forever: styles inline, the
/// chart inline, no script and no URL of any kind (no web fonts, no CDN), so it can be mailed,
/// archived or printed without anything to fetch or trust. All text is escaped.
public enum BacktestHTMLReport {
    public static func render(_ content: BacktestHTMLContent) -> String {
        var parts = [
            "<!DOCTYPE html>",
            ##"<html lang="en">"##,
            "<head>",
            ##"<meta charset="utf-8">"##,
            ##"<meta name="viewport" content="width=device-width, initial-scale=1">"##,
            "<title>\(MarkupEscaping.escape(content.title))</title>",
            "<style>\n\(BacktestHTMLStyle.css)</style>",
            "</head>",
            "<body>",
            "<main>",
            "<header>",
            "<h1>\(MarkupEscaping.escape(content.title))</h1>",
        ]
        if !content.subtitle.isEmpty {
            parts.append(##"<p class="subtitle">\##(MarkupEscaping.escape(content.subtitle))</p>"##)
        }
        parts.append("</header>")
        parts.append(chart(content.chartSVG))
        parts += content.tables.flatMap(table)
        if !content.notes.isEmpty {
            parts.append(##"<section class="notes">"##)
            parts.append("<h2>Notes</h2>")
            parts += content.notes.map { "<p>\(MarkupEscaping.escape($0))</p>" }
            parts.append("</section>")
        }
        parts += ["</main>", "</body>", "</html>", ""]
        return parts.joined(separator: "\n")
    }

    /// The chart inline, or a short note when the markup could run code or load something.
    static func chart(_ svg: String) -> String {
        guard let markup = SelfContainedSVG.embeddable(svg) else {
            return ##"<p class="chart-missing">Chart omitted: the supplied chart was empty or not a self-contained SVG.</p>"##
        }
        return ##"<figure class="chart">"## + "\n\(markup)\n</figure>"
    }

    static func table(_ table: HTMLTable) -> [String] {
        let columns = max(table.header.count, table.rows.map(\.count).max() ?? 0)
        func cell(_ tag: String, _ text: String, column: Int, scope: Bool = false) -> String {
            let numeric = table.numericColumns.contains(column) ? ##" class="num""## : ""
            let scopeAttribute = scope ? ##" scope="col""## : ""
            return "<\(tag)\(numeric)\(scopeAttribute)>\(MarkupEscaping.escape(text))</\(tag)>"
        }
        var parts = [##"<div class="table-wrap">"##, "<table>"]
        if !table.caption.isEmpty { parts.append("<caption>\(MarkupEscaping.escape(table.caption))</caption>") }
        if !table.header.isEmpty {
            let headerCells = (0..<columns).map { cell("th", $0 < table.header.count ? table.header[$0] : "", column: $0, scope: true) }
            parts.append("<thead><tr>" + headerCells.joined() + "</tr></thead>")
        }
        parts.append("<tbody>")
        for row in table.rows {
            parts.append("<tr>" + (0..<columns).map { cell("td", $0 < row.count ? row[$0] : "", column: $0) }.joined() + "</tr>")
        }
        parts += ["</tbody>", "</table>", "</div>"]
        return parts
    }
}
