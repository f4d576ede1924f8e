import Backtest
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The chart and the HTML report: well-formed XML, small, escaped, and self-contained.
@Suite struct EquityChartSVGTests {
    /// What an XML parse of a document saw: whether it succeeded, element counts, each
    /// polyline's point count, and the text content.
    final class XMLSummary: NSObject, XMLParserDelegate {
        var elements: [String: Int] = [:]
        var polylinePointCounts: [Int] = []
        var text = ""

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            elements[elementName, default: 0] += 1
            if elementName == "polyline" {
                polylinePointCounts.append((attributeDict["points"] ?? "").split(separator: " ").count)
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text += string
        }
    }

    /// The summary of `markup`, or nil (with the parser's error recorded) if it is not well-formed XML.
    static func parse(_ markup: String, sourceLocation: SourceLocation = #_sourceLocation) -> XMLSummary? {
        let summary = XMLSummary()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = summary
        let parsed = parser.parse()
        #expect(parsed, "not well-formed: \(String(describing: parser.parserError))", sourceLocation: sourceLocation)
        return parsed ? summary : nil
    }

    static func dates(_ count: Int) -> [String] {
        let start = Date(timeIntervalSince1970: 1_704_067_200) // 2024-01-01T00:00:00Z
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return (0..<count).map { formatter.string(from: start.addingTimeInterval(Double($0) * 86_400)) }
    }

    static func wave(_ count: Int, base: Double, swing: Double) -> [Double] {
        let length = Double(max(count, 1))
        return (0..<count).map { index -> Double in
            let step = Double(index)
            let trend: Double = base * (1 + step / length)
            return trend + swing * sin(step / 9)
        }
    }

    static func sampleChart() -> String {
        let count = 400
        return EquityChartSVG.render(dates: dates(count), series: [
            ChartSeries(name: "Strategy", color: "#1f6feb", values: wave(count, base: 10_000, swing: 1_500)),
            ChartSeries(name: "Buy & hold BTC", color: "#d1242f", values: wave(count, base: 9_000, swing: 2_500)),
            ChartSeries(name: "Cash", color: "gray", values: Array(repeating: 10_000, count: count)),
        ])
    }

    @Test func severalSeriesParseWithOnePolylineEach() throws {
        let svg = Self.sampleChart()
        #expect(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg""#))
        let summary = try #require(Self.parse(svg))
        #expect(summary.elements["polyline"] == 3)
        #expect(summary.elements["title", default: 0] >= 1)
        #expect(summary.elements["polygon"] == 1, "the strategy's drawdown area")
        #expect(summary.polylinePointCounts == [400, 400, 400])
        #expect(svg.contains(">10,000<"), "thousands are separated")
        #expect(svg.contains(" %<"), "drawdown labels are percentages")
        #expect(summary.text.contains("2024-01-01") && summary.text.contains("2025-02-03"), "first and last date labelled")
    }

    @Test func longSeriesAreDownsampled() throws {
        let count = 70_000
        let values = Self.wave(count, base: 10_000, swing: 800)
        let svg = EquityChartSVG.render(dates: Self.dates(count), series: [
            ChartSeries(name: "Strategy", color: "#1f6feb", values: values),
            ChartSeries(name: "Benchmark", color: "#d1242f", values: values.map { $0 * 0.9 }),
        ])
        let summary = try #require(Self.parse(svg))
        #expect(summary.polylinePointCounts.count == 2)
        #expect(summary.polylinePointCounts.allSatisfy { $0 <= EquityChartSVG.maximumPointsPerSeries && $0 > 1_000 })
        #expect(svg.utf8.count < 150_000, "\(svg.utf8.count) bytes")
        #expect(EvenDownsampling.indices(count: count, limit: 1_500).first == 0)
        #expect(EvenDownsampling.indices(count: count, limit: 1_500).last == count - 1)
    }

    @Test func namesAreEscaped() throws {
        let svg = EquityChartSVG.render(dates: Self.dates(3), series: [
            ChartSeries(name: "A & B <x>", color: "#1f6feb", values: [1, 2, 3]),
            ChartSeries(name: #"Quote " and ' apostrophe"#, color: "url(http://example.invalid/x)", values: [3, 2, 1]),
        ])
        #expect(!svg.contains("A & B <x>"))
        #expect(svg.contains("A &amp; B &lt;x&gt;"))
        #expect(!svg.contains("example.invalid"), "an unsafe colour is replaced")
        let summary = try #require(Self.parse(svg))
        #expect(summary.text.contains("A & B <x>"))
        #expect(summary.text.contains(#"Quote " and ' apostrophe"#))
    }

    @Test func emptyOrNonFiniteInputStillGivesValidSVG() throws {
        for svg in [EquityChartSVG.render(dates: [], series: []),
                    EquityChartSVG.render(dates: ["2024-01-01"], series: [ChartSeries(name: "S", color: "red", values: [])]),
                    EquityChartSVG.render(dates: Self.dates(3), series: [ChartSeries(name: "S", color: "red", values: [.nan, .infinity, -.infinity])]),
                    EquityChartSVG.render(dates: [], series: [ChartSeries(name: "S", color: "red", values: [1, 2])], width: -5, height: Int.max)] {
            let summary = try #require(Self.parse(svg))
            #expect(summary.elements["svg"] == 1)
        }
        #expect(EquityChartSVG.render(dates: [], series: []).contains("no data"))
    }

    @Test func oddInputsDoNotBreakTheChart() throws {
        let dates = Self.dates(5)
        let cases: [[ChartSeries]] = [
            [ChartSeries(name: "one sample", color: "#000", values: [5])],
            [ChartSeries(name: "flat", color: "#000", values: [7, 7, 7, 7, 7])],
            [ChartSeries(name: "gaps", color: "#000", values: [1, .nan, 3, .nan, 2]), ChartSeries(name: "short", color: "#123456", values: [2])],
            [ChartSeries(name: "huge", color: "#000", values: [1e300, -1e300, 0, 1e-300, 5])],
            [ChartSeries(name: "zero and negative", color: "#000", values: [0, -10, 10, -20, 0])],
            [ChartSeries(name: "control\u{1}chars\u{FFFE}", color: "#000", values: [1, 2, 3, 4, 5])],
        ]
        for series in cases {
            let svg = EquityChartSVG.render(dates: dates, series: series)
            let summary = try #require(Self.parse(svg))
            #expect(summary.elements["polyline"] == series.count)
        }
    }

    static func sampleReport(chart: String) -> BacktestHTMLContent {
        BacktestHTMLContent(
            title: "Backtest 2024-01-01 … 2025-02-03 <draft>",
            subtitle: "engine test & \"quotes\"",
            chartSVG: chart,
            tables: [HTMLTable(caption: "Summary", header: ["Figure", "Value"], rows: [["CAGR", "14.6 %"], ["Max drawdown", "-34.0 %"], ["short row"]],
                               numericColumns: [1])],
            notes: ["Returns are daily & simple; <b>not</b> markup."]
        )
    }

    @Test func htmlIsSelfContainedAndItsChartParses() throws {
        let html = BacktestHTMLReport.render(Self.sampleReport(chart: Self.sampleChart()))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains(#"<meta charset="utf-8">"#))
        #expect(!html.lowercased().contains("<script"))
        let withoutNamespace = html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
        #expect(!withoutNamespace.contains("http://") && !withoutNamespace.contains("https://"))
        #expect(html.contains("&lt;draft&gt;") && html.contains("&lt;b&gt;not&lt;/b&gt;") && !html.contains("<b>"))
        #expect(html.contains(#"<td class="num">14.6 %</td>"#))

        let start = try #require(html.range(of: "<svg"))
        let end = try #require(html.range(of: "</svg>", options: .backwards))
        let summary = try #require(Self.parse(String(html[start.lowerBound..<end.upperBound])))
        #expect(summary.elements["polyline"] == 3)
    }

    @Test func htmlLeavesOutAChartThatCouldRunOrFetch() {
        for chart in [#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#,
                      #"<svg xmlns="http://www.w3.org/2000/svg" onload="x()"></svg>"#,
                      #"<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.invalid/a.png"/></svg>"#,
                      "not svg at all", ""] {
            let html = BacktestHTMLReport.render(Self.sampleReport(chart: chart))
            #expect(!html.lowercased().contains("<script") && !html.contains("onload") && !html.contains("example.invalid"))
            #expect(html.contains("Chart omitted"))
        }
    }
}
