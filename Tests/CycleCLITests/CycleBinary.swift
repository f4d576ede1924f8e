import Foundation
import Engine

/// Runs the built `cycle` executable the way cron or an operator would.
enum CycleBinary {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let bundledFixtures = repositoryRoot.appendingPathComponent("Fixtures/cycle_replay")
    /// The original's fixtures beside the checkout; tests that need them return early when absent.
    static let sharedFixtures = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/upstream_cycle_replay")
    static var sharedFixturesAvailable: Bool {
        FileManager.default.fileExists(atPath: sharedFixtures.appendingPathComponent("account_balances_snapshot.json").path)
    }

    static var executable: URL {
        // The test bundle sits in the same build products folder as the executable.
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let beside = products.appendingPathComponent("cycle")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return repositoryRoot.appendingPathComponent(".build/debug/cycle")
    }

    struct Output {
        let exitCode: Int32
        let stdout: String
        let stderr: String
        var killedBySignal = false

        var report: JSONValue? { try? JSONParser.parse(stdout) }
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        try start(arguments, environment: environment).finish()
    }

    /// A started `cycle` process; `finish()` waits for it.
    struct Running {
        let process: Process
        let out: Pipe
        let err: Pipe

        func finish() -> Output {
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Output(exitCode: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                          stderr: String(decoding: stderr, as: UTF8.self), killedBySignal: process.terminationReason == .uncaughtSignal)
        }
    }

    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        // An allow-listed environment: never the caller's credentials, backends or endpoints
        // (an operator's exported STATE_BACKEND=firestore must not reach a test cycle).
        var env = ProcessInfo.processInfo.environment.filter { key, _ in allowedFromCaller.contains(key) }
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return Running(process: process, out: out, err: err)
    }

    /// The only variables a test cycle inherits from whoever runs the tests.
    static let allowedFromCaller: Set<String> = ["PATH", "HOME", "TMPDIR", "LANG", "LC_ALL"]

    /// A fresh, empty store folder for one test.
    static func scratchStateDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("cycle-state-\(UUID().uuidString)", isDirectory: true)
    }

    static func replay(_ fixtures: URL, runId: String = "e2e", extra: [String] = [], environment: [String: String] = [:]) throws -> Output {
        try run(["replay", "--run-id", runId, "--fixtures-dir", fixtures.path] + extra, environment: environment)
    }

    /// A scratch copy of a fixture folder, to break one file without touching the original.
    static func copy(_ fixtures: URL) throws -> URL {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("cycle-e2e-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixtures, to: target)
        return target
    }
}

extension JSONValue {
    var strings: [String] { arrayValue?.compactMap(\.stringValue) ?? [] }
    var objects: [JSONValue] { arrayValue ?? [] }
}
