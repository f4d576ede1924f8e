import Engine
import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 21 item 13 (a): a state folder the cron user cannot write is docs/failures.md#state-folder-or-file-not-writable
/// — aborted, exit 2, `… cannot be opened for writing (…)`, nothing traded, the
/// files unchanged. It used to exit 1 (the cycle aborted at the lease, then the report could
/// not be saved either).
///
/// Root writes through any mode bits, so as root the binary is started under `setpriv` without
/// `CAP_DAC_OVERRIDE`/`CAP_DAC_READ_SEARCH`: the mode bits then bind it as they bind the cron user.
/// Where neither is possible (root without `setpriv`), the test is disabled, saying why.
@Suite struct ReadOnlyStoreCycleTests {
    static let setpriv = "/usr/bin/setpriv"
    static let dropOverride = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search", "--"]

    /// What runs `cycle` so that mode bits bind it; nil when nothing can (root, and `setpriv`
    /// absent or not allowed to drop the capabilities here).
    static let launcher: [String]? = {
        if getuid() != 0 { return [] }
        guard FileManager.default.isExecutableFile(atPath: setpriv) else { return nil }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: setpriv)
        probe.arguments = Array(dropOverride.dropFirst()) + ["/bin/true"]
        guard (try? probe.run()) != nil else { return nil }
        probe.waitUntilExit()
        return probe.terminationStatus == 0 ? dropOverride : nil
    }()

    static func run(_ arguments: [String], launcher: [String]) throws -> CycleBinary.Output {
        let process = Process()
        let command = launcher + [CycleBinary.executable.path] + arguments
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.currentDirectoryURL = CycleBinary.repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.filter { CycleBinary.allowedFromCaller.contains($0.key) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return CycleBinary.Running(process: process, out: out, err: err).finish()
    }

    func contents(of folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) ?? FileManager.DirectoryEnumerator() {
            if FileKind.at(url.path) == .regular { files[url.path] = try Data(contentsOf: url) }
        }
        return files
    }

    func setWritable(_ writable: Bool, _ folder: URL) throws {
        var paths = [folder.path]
        for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) ?? FileManager.DirectoryEnumerator() {
            paths.append(url.path)
        }
        for path in paths {
            let mode: Int16 = FileKind.at(path) == .folder ? (writable ? 0o755 : 0o555) : (writable ? 0o644 : 0o444)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        }
    }

    @Test(.enabled(if: launcher != nil, "running as root where /usr/bin/setpriv cannot drop CAP_DAC_OVERRIDE: nothing makes a folder read-only to this process"))
    func aReadOnlyStateFolderAbortsWithExitTwoAndChangesNothing() throws {
        let launcher = try #require(Self.launcher)
        let state = CycleBinary.scratchStateDirectory()
        defer {
            try? setWritable(true, state)
            try? FileManager.default.removeItem(at: state)
        }
        let first = try CycleBinary.run(["--state-dir", state.path])
        #expect(first.exitCode == 0, "\(first.stderr)")
        // A reader keeps the store open (as `cycle health` from a monitor may), so the `-wal` and
        // `-shm` files exist: SQLite then opens the write-protected store read-only without a word.
        let reader = try DatabaseQueue(path: state.appendingPathComponent("cycle.sqlite").path)
        _ = try reader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM execution_report") }
        #expect(FileManager.default.fileExists(atPath: state.appendingPathComponent("cycle.sqlite-wal").path))
        try setWritable(false, state)
        // The launcher really denies writes here (else the test would prove nothing).
        let probe = try Self.run(["state", "export", state.appendingPathComponent("probe.json").path, "--state-dir", state.path], launcher: launcher)
        #expect(probe.exitCode != 0, "the read-only folder was writable: \(probe.stdout)")
        let before = try contents(of: state)

        let run = try Self.run(["--state-dir", state.path], launcher: launcher)
        #expect(run.exitCode == 2, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stderr.contains("cannot be opened for writing"), "\(run.stderr)")
        #expect(run.stderr.contains("make the state folder and file writable for the user cron runs as"), "\(run.stderr)")
        #expect(!run.stderr.contains("You don’t have permission") && !run.stderr.contains("NSCocoaErrorDomain"), "\(run.stderr)")
        #expect(try contents(of: state) == before, "nothing in the store changed")
        try reader.close()
    }
}
