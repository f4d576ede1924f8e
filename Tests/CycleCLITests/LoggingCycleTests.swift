import Engine
import Foundation
import Testing

/// swift-log from the binary: JSON lines on stderr with the run id, text by default.
@Suite struct LoggingCycleTests {
    @Test func jsonLogsAreOneObjectPerLineEachWithTheRunId() throws {
        let state = CycleBinary.scratchStateDirectory()
        let output = try CycleBinary.run(["run", "--state-dir", state.path, "--run-id", "json-logs"], environment: ["CYCLE_LOG_FORMAT": "json"])
        #expect(output.exitCode == 0, "\(output.stderr)")
        let lines = output.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count >= 3)
        for line in lines {
            let object = try #require((try? JSONParser.parse(line))?.objectValue, "not a JSON object: \(line)")
            #expect(object["cycle.run_id"] == .string("json-logs"), "\(line)")
            #expect(object["msg"]?.stringValue?.isEmpty == false && object["level"] != nil && object["ts"] != nil)
        }
        #expect(lines.contains { $0.contains("\"order.client_id\"") }, "orders are logged with their client id")
        #expect(output.stdout.contains("json-logs"), "the human summary stays on stdout")
    }

    @Test func aMalformedLogFormatIsAConfigurationError() throws {
        let output = try CycleBinary.run(["run", "--state-dir", CycleBinary.scratchStateDirectory().path], environment: ["CYCLE_LOG_FORMAT": "yaml"])
        #expect(output.exitCode == 64)
        #expect(output.stderr.contains("CYCLE_LOG_FORMAT"))
    }
}
