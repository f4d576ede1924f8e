import Engine
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Issue #24: `cycle status --html` writes one self-contained page from the store.
@Suite struct StatusPageCycleTests {
    let stateDirectory = CycleBinary.scratchStateDirectory()

    func cycle(_ arguments: [String]) throws -> CycleBinary.Output {
        try CycleBinary.run(arguments + ["--state-dir", stateDirectory.path])
    }

    /// Counts elements while parsing; fails on markup that is not well formed.
    final class Elements: NSObject, XMLParserDelegate {
        var counts: [String: Int] = [:]
        var text = ""
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            counts[elementName, default: 0] += 1
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    @Test func thePageHasTheChartTheVersionTheModeAndEveryCycle() throws {
        defer { try? FileManager.default.removeItem(at: stateDirectory) }
        for (index, day) in ["2026-10-29", "2026-10-30", "2026-10-31"].enumerated() {
            #expect(try cycle(["--run-id", "day-\(index)", "--now", day + "T12:00:00Z"]).exitCode == 0)
        }
        #expect(try cycle(["halt", "--reason", "status page test", "--by", "tests"]).exitCode == 0)
        let page = stateDirectory.appendingPathComponent("pages/status.html")
        let written = try cycle(["status", "--html", page.path, "--since", "30d"])
        #expect(written.exitCode == 0, "\(written.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains(#"<meta name="viewport""#))
        #expect(!html.lowercased().contains("<script"))
        let withoutNamespace = html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
        #expect(!withoutNamespace.contains("http://") && !withoutNamespace.contains("https://"), "nothing to fetch")

        // The whole document parses (its two void elements written as XML).
        let xml = html.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "")
            .replacingOccurrences(of: #"<meta charset="utf-8">"#, with: #"<meta charset="utf-8"/>"#)
            .replacingOccurrences(of: #"initial-scale=1">"#, with: #"initial-scale=1"/>"#)
        let elements = Elements()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = elements
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(elements.counts["svg"] == 1 && (elements.counts["polyline"] ?? 0) >= 1, "the equity chart is inline")
        #expect(elements.text.contains(EngineVersion.semantic), "the version")
        #expect(elements.text.contains("trading mode halt"), "the mode the operator set after the last cycle")
        for runId in ["day-0", "day-1", "day-2"] { #expect(elements.text.contains(runId)) }
        #expect(elements.text.contains("Recorded-cycle divergence") && elements.text.contains("0.0 %"))
        #expect(elements.text.contains("Allocation now") && elements.text.contains("USDT"))
    }
}
