import Foundation
import Testing

/// Issue #25: the documentation stays true as the code changes. A variable the code reads, an
/// alert title it can send or a relative link that stops resolving fails the suite.
@Suite struct DocumentationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func read(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }

    /// The Swift files the engine is built from (the fakes and the fuzz driver excluded).
    static func engineSources() throws -> [(path: String, text: String)] {
        let sources = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return try files.filter { $0.pathExtension == "swift" && !$0.path.contains("/TestSupport/") && !$0.path.contains("/FuzzInputs/") }
            .sorted { $0.path < $1.path }
            .map { ($0.path.replacingOccurrences(of: root.path + "/", with: ""), try String(contentsOf: $0, encoding: .utf8)) }
    }

    /// Every text file of the repository's own making under `folders` (Package.swift included),
    /// for the checks that hold code, tests, scripts and fixture notes to the documentation.
    static func repositoryTexts(in folders: [String], extensions: Set<String>) throws -> [(path: String, text: String)] {
        var texts = [("Package.swift", try read("Package.swift"))]
        for folder in folders {
            let base = root.appendingPathComponent(folder)
            let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
            for file in files.sorted(by: { $0.path < $1.path }) where extensions.contains(file.pathExtension) && file.lastPathComponent != "DocumentationTests.swift" {
                texts.append((file.path.replacingOccurrences(of: root.path + "/", with: ""), try String(contentsOf: file, encoding: .utf8)))
            }
        }
        return texts
    }

    static func matches(_ pattern: String, in text: String, group: Int = 1) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: group), in: text).map { String(text[$0]) }
        }
    }

    static func markdownFiles() throws -> [String] {
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        return ["README.md", "RUNBOOK.md", "CHANGELOG.md"] + docs
    }

    /// GitHub's heading anchor: lower case, letters, digits, `-` and `_` kept, spaces to `-`.
    static func anchor(_ heading: String) -> String {
        String(heading.lowercased().compactMap { character -> Character? in
            if character == " " { return "-" }
            if character == "-" || character == "_" || character.isLetter || character.isNumber { return character }
            return nil
        })
    }

    /// Every anchor a Markdown file's headings make (a repeated heading gets `-1`, `-2`, …).
    static func anchors(_ markdown: String) -> Set<String> {
        var seen: [String: Int] = [:]
        var anchors = Set<String>()
        var inFence = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inFence.toggle() }
            guard !inFence, line.hasPrefix("#") else { continue }
            let text = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
            let base = anchor(text)
            let count = seen[base, default: 0]
            anchors.insert(count == 0 ? base : "\(base)-\(count)")
            seen[base] = count + 1
        }
        return anchors
    }

    @Test func everyVariableTheCodeReadsIsInTheConfigurationPage() throws {
        let configuration = try Self.read("docs/configuration.md")
        var variables = Set<String>()
        for source in try Self.engineSources() {
            variables.formUnion(try Self.matches(#"reader\.[a-zA-Z]+\("([A-Z][A-Z0-9_]+)""#, in: source.text))
            variables.formUnion(try Self.matches(#"environment\["([A-Z][A-Z0-9_]+)"\]"#, in: source.text))
            variables.formUnion(try Self.matches(#"static let variable = "([A-Z][A-Z0-9_]+)""#, in: source.text))
        }
        #expect(variables.count > 40, "the scan finds the variables (\(variables.count))")
        // A variable is documented when a table row of the page names it in its first cell.
        let firstCells = configuration.split(separator: "\n").filter { $0.hasPrefix("| `") }
            .map { $0.split(separator: "|", omittingEmptySubsequences: true).first.map(String.init) ?? "" }
        let missing = variables.filter { name in !firstCells.contains { $0.contains("`\(name)`") } }.sorted()
        #expect(missing.isEmpty, "read by the code but without a row in docs/configuration.md: \(missing)")
    }

    @Test func everyAlertTitleHasARunbookEntry() throws {
        let runbook = try Self.read("RUNBOOK.md")
        let alerts = try #require(runbook.range(of: "\n## Alerts")).upperBound
        let index = String(runbook[alerts...]).components(separatedBy: "\n## ").first ?? ""
        var titles = Set<String>()
        for source in try Self.engineSources() { titles.formUnion(try Self.matches("(【[^】]+】)", in: source.text)) }
        #expect(titles.count >= 30, "the scan finds the titles (\(titles.count))")
        let missing = titles.filter { !index.contains($0) }.sorted()
        #expect(missing.isEmpty, "alert titles without an entry in RUNBOOK.md's Alerts index: \(missing)")
    }

    @Test func everyExitCodeHasARunbookEntry() throws {
        let runbook = try Self.read("RUNBOOK.md")
        let cycle = try Self.read("Sources/CycleCLI/Cycle.swift")
        let codes = try Self.matches(#"static let [a-z]+ = ExitCode\((\d+)\)"#, in: cycle)
        #expect(codes.count >= 4)
        for code in codes { #expect(runbook.contains("### Exit \(code)"), "RUNBOOK.md has no `### Exit \(code)` entry") }
    }

    @Test func everyRelativeLinkResolves() throws {
        var broken: [String] = []
        for file in try Self.markdownFiles() {
            let text = try Self.read(file)
            let folder = (file as NSString).deletingLastPathComponent
            for target in try Self.matches(#"\]\(([^)\s]+)\)"#, in: text) where !target.contains("://") && !target.hasPrefix("mailto:") {
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let path = parts[0].isEmpty ? file : (folder.isEmpty ? parts[0] : (folder as NSString).appendingPathComponent(parts[0]))
                let normalized = (path as NSString).standardizingPath
                guard FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(normalized).path) else {
                    broken.append("\(file): \(target) (no such file)")
                    continue
                }
                if parts.count == 2, normalized.hasSuffix(".md"), !Self.anchors(try Self.read(normalized)).contains(parts[1]) {
                    broken.append("\(file): \(target) (no such heading)")
                }
            }
        }
        #expect(broken.isEmpty, "\(broken)")
    }

    /// Code, tests, scripts and fixture notes cite the rules they implement as
    /// `docs/page.md#heading`; a page split or a heading renamed must take its citations along.
    @Test func everyDocsCitationInTheCodeResolves() throws {
        var broken: [String] = []
        var cited = 0
        for source in try Self.repositoryTexts(in: ["Sources", "Tests", "scripts", "Fixtures"], extensions: ["swift", "sh", "py"]) {
            for citation in try Self.matches(#"(docs/[a-z-]+\.md(?:#[A-Za-z0-9_-]+)?)"#, in: source.text) {
                cited += 1
                let parts = citation.split(separator: "#", maxSplits: 1).map(String.init)
                guard FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(parts[0]).path) else {
                    broken.append("\(source.path): \(citation) (no such page)")
                    continue
                }
                if parts.count == 2, !Self.anchors(try Self.read(parts[0])).contains(parts[1]) {
                    broken.append("\(source.path): \(citation) (no such heading)")
                }
            }
        }
        #expect(cited > 50, "the sources cite docs/ \(cited) times; the pattern may have stopped matching")
        #expect(broken.isEmpty, "\(broken)")
    }

    @Test func nothingPointsOutsideTheRepository() throws {
        var offenders: [String] = []
        for file in try Self.markdownFiles() where try Self.read(file).contains("../shared") { offenders.append(file) }
        for source in try Self.engineSources() where source.text.contains("../shared") { offenders.append(source.path) }
        // The behaviour contract and the design notes the project started from are not in the
        // repository; a citation of their sections leads nowhere (tests may still read the
        // original's replay fixtures, guarded, so only Sources are held to `../shared`).
        let texts = try Self.repositoryTexts(in: ["Sources", "Tests", "scripts", "Fixtures", "docs"], extensions: ["swift", "sh", "py", "md"])
            + [("README.md", try Self.read("README.md")), ("RUNBOOK.md", try Self.read("RUNBOOK.md")), ("CHANGELOG.md", try Self.read("CHANGELOG.md"))]
        for source in texts where try !Self.matches(#"((?:SPEC|DESIGN|RUNBOOK) ?§|SPEC \d)"#, in: source.text).isEmpty { offenders.append(source.path) }
        #expect(offenders.isEmpty, "\(offenders)")
    }

    @Test func theFrontDoorStaysShort() throws {
        let readme = try Self.read("README.md")
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count <= 200 && readme.utf8.count <= 14_336, "README.md: \(lines.count) lines, \(readme.utf8.count) bytes")
        let opening = lines.prefix(40).joined(separator: "\n")
        #expect(opening.contains("swift run cycle") && opening.contains("swift test --no-parallel"), "the two commands in the first 40 lines")
        #expect(try Self.read("RUNBOOK.md").utf8.count <= 30_000, "RUNBOOK.md at most 30 KB")
    }

    @Test func theVersionHasAChangelogEntry() throws {
        let version = try #require(try Self.matches(#"semantic = "([0-9.]+)""#, in: try Self.read("Sources/Engine/Support/EngineVersion.swift")).first)
        #expect(try Self.read("CHANGELOG.md").contains("\n## \(version) "), "CHANGELOG.md has no entry for \(version)")
    }
}
