import Engine
import Foundation
import Testing

/// Every replay scenario's report, byte for byte, against the one committed in `Golden/` (the
/// repository's path written as `$REPO`). A refactor that changes a single digit of a report
/// fails here; a deliberate change regenerates the files (docs/testing.md).
@Suite struct GoldenReplayTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let bundledScenarios = ["bad_price", "circuit_breaker", "klines_market", "local_file_rung", "malformed_pool",
                                   "malformed_state", "stale_upstream_with_lkg", "static_rung"]

    static func expectSameAsGolden(fixtures relativePath: String, golden name: String) throws {
        let output = try CycleBinary.run(["replay", "--run-id", "golden", "--fixtures-dir", relativePath])
        let report = output.stdout.replacingOccurrences(of: CycleBinary.repositoryRoot.path, with: "$REPO")
            .replacingOccurrences(of: "\"engine_version\": \"\(EngineVersion.full)\"", with: "\"engine_version\": \"$VERSION\"")
        let expected = try String(contentsOf: golden.appendingPathComponent("\(name).json"), encoding: .utf8)
        #expect(report == expected, "replay of \(relativePath) differs from Golden/\(name).json")
    }

    @Test func theBundledHealthyCycleIsUnchanged() throws {
        try Self.expectSameAsGolden(fixtures: "Fixtures/cycle_replay", golden: "cycle_replay")
    }

    @Test(arguments: bundledScenarios)
    func everyBundledIncidentIsUnchanged(_ scenario: String) throws {
        try Self.expectSameAsGolden(fixtures: "Fixtures/cycle_replay/\(scenario)", golden: scenario)
    }

    @Test(.enabled(if: CycleBinary.sharedFixturesAvailable, "needs ../shared/fixtures/upstream_cycle_replay"))
    func theOriginalsFixturesGiveTheSameReportAsBefore() throws {
        try Self.expectSameAsGolden(fixtures: "../shared/fixtures/upstream_cycle_replay", golden: "upstream_cycle_replay")
    }

    /// Issue 14: `cycle --version` and the report's `engine_version` name the same release and
    /// the same commit, stamped at build time.
    @Test func theVersionCommandAndTheReportAgreeAndCarryTheCommit() throws {
        let version = try CycleBinary.run(["--version"])
        #expect(version.exitCode == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "\(EngineVersion.semantic) (commit \(EngineVersion.commit))")
        let report = try #require(try CycleBinary.replay(CycleBinary.bundledFixtures).report)
        #expect(report["engine_version"]?.stringValue == "\(EngineVersion.semantic)+\(EngineVersion.commit)")
        if FileManager.default.fileExists(atPath: CycleBinary.repositoryRoot.appendingPathComponent(".git").path) {
            #expect(EngineVersion.commit.range(of: "^[0-9a-f]{7,40}(-dirty)?$", options: .regularExpression) != nil, "\(EngineVersion.commit)")
        }
        let changelog = try String(contentsOf: CycleBinary.repositoryRoot.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        #expect(changelog.contains("## \(EngineVersion.semantic)"), "CHANGELOG.md has an entry for the version")
    }
}
