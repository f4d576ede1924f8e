import Engine
import Foundation
import Testing
import TestSupport
import WebClient

/// `HEALTHCHECK_PING_URL` cannot hold or crash a finished cycle: the ping ends within 10 s
/// whatever the peer does, reads at most a few KB, and nothing after the report is kept can
/// turn `ok` into a failure.
@Suite(.serialized)
struct HealthcheckPingCycleTests {
    let stateDirectory = CycleBinary.scratchStateDirectory()

    /// By default a deadline well past the ping's 10 s: before the fix the trickling peer held the cycle until it fired.
    func paperCycle(pingingAt peer: RawHTTPPeer, deadlineSeconds: Int = 40) throws -> CycleBinary.Output {
        try CycleBinary.run(["--json", "--run-id", "pinged", "--state-dir", stateDirectory.path],
                            environment: ["HEALTHCHECK_PING_URL": peer.baseURL.appendingPathComponent("ping/abc").absoluteString,
                                          "CYCLE_DEADLINE_SECONDS": "\(deadlineSeconds)"])
    }

    var reportFiles: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: stateDirectory.appendingPathComponent("reports").path)) ?? []
    }

    @Test func aPeerThatTricklesItsAnswerDoesNotHoldTheCycle() throws {
        let peer = try RawHTTPPeer(.trickle(declaredLength: 1000, interval: 1))
        defer { peer.stop() }
        let output = try paperCycle(pingingAt: peer)
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.report?["status"] == .string("ok"))
        #expect(!output.stderr.contains("deadline"), "\(output.stderr)")
        #expect(reportFiles == ["pinged.json"], "one report, the cycle's own")
        #expect(peer.requests == ["GET /ping/abc HTTP/1.1"])
        #expect(output.stderr.contains("healthcheck ping abandoned"), "\(output.stderr)")
    }

    /// The deadline (8 s) falls while the ping (10 s) still waits on the trickling peer: the
    /// report was already kept, so the cycle stays `ok` — exit 0, no second report, no crash alert.
    @Test func theDeadlineFallingAfterTheReportWasKeptChangesNothing() throws {
        let peer = try RawHTTPPeer(.trickle(declaredLength: 1000, interval: 1))
        defer { peer.stop() }
        let output = try paperCycle(pingingAt: peer, deadlineSeconds: 8)
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.report?["status"] == .string("ok"))
        #expect(reportFiles == ["pinged.json"], "one report, the cycle's own")
        #expect(output.stderr.contains("The cycle's outcome stands"), "\(output.stderr)")
        #expect(!output.stderr.contains("was stopped"), "\(output.stderr)")
    }

    @Test func aPeerThatSendsAHugeAnswerIsReadOnlyAFewKilobytes() throws {
        let declared = 200_000_000
        let peer = try RawHTTPPeer(.flood(declaredLength: declared))
        defer { peer.stop() }
        let output = try paperCycle(pingingAt: peer)
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.report?["status"] == .string("ok"))
        #expect(reportFiles == ["pinged.json"])
        #expect(peer.bytesSent < declared, "the transfer was stopped, not read to its end")
        let line = try #require(output.stderr.split(separator: "\n").first { $0.contains("healthcheck ping answered") }, "\(output.stderr)")
        let read = try #require(line.split(separator: " ").first { $0.hasPrefix("ping.bytes_read=") }.flatMap { Int($0.dropFirst("ping.bytes_read=".count)) })
        #expect(read <= 4096 + 1_048_576, "the client stopped reading after 4 KB and one network read: \(read)")
        #expect(line.contains("ping.cut_short=true"))
    }

    @Test func theBoundedFetchEndsOnTimeAndKeepsAFewKilobytes() async throws {
        let trickle = try RawHTTPPeer(.trickle(declaredLength: 1000, interval: 1))
        defer { trickle.stop() }
        let slow = await BoundedFetch.get(trickle.baseURL, totalSeconds: 2, maximumBytes: 4096)
        #expect(slow.outcome == .timedOut)
        #expect(slow.bytesRead < 1000)

        let flood = try RawHTTPPeer(.flood(declaredLength: 200_000_000))
        defer { flood.stop() }
        let huge = await BoundedFetch.get(flood.baseURL, totalSeconds: 10, maximumBytes: 4096)
        #expect(huge.outcome == .answered(status: 200))
        #expect(huge.cutShort)
        #expect(huge.body.count == 4096)
        #expect(huge.bytesRead <= 4096 + 1_048_576, "\(huge.bytesRead)")
    }
}
