import Engine
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// What a run does about its store's files being removed under it (see `StoreFilesWatch`):
/// it stops, leaves a marker beside the store that stops every later cycle until an operator
/// has looked, and saves what its own connection still sees into a rescued copy.
extension StateDatabase {
    /// Beside `cycle.sqlite`: written by the run that found the store's files removed; a cycle
    /// trades nothing while it exists (operator commands still work, so `halt` always does).
    public static let filesLostMarkerName = "cycle.files-lost"

    /// The marker's place; nil for a store in memory or a read-only copy.
    public var filesLostMarker: URL? {
        filesWatch == nil ? nil : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(Self.filesLostMarkerName)
    }

    /// Throws `StoreFilesLostError` when a file SQLite opened for this store is no longer at its
    /// path, after leaving the marker (once) that stops later cycles.
    public func requireFilesInPlace(runId: String) throws {
        guard let filesWatch, let marker = filesLostMarker else { return }
        let problems = filesWatch.problems()
        guard !problems.isEmpty else { return }
        let who = "Run \(runId) (pid \(getpid()))"
        var markerProblem: String?
        if !(MarkerFile.text(at: marker).map { $0.contains(who) } ?? false) {
            markerProblem = MarkerFile.append("\(who) found the state store's files removed or replaced at "
                                              + "\(Date().isoWithOffset): \(problems.joined(separator: "; ")).\n", at: marker)
        }
        throw StoreFilesLostError(kind: .underThisRun(runId: runId, problems: problems), marker: marker.path, markerProblem: markerProblem)
    }

    /// Throws `StoreFilesLostError` when an earlier run left the marker: what it wrote may be missing from the store.
    public func refuseIfAnEarlierRunLostFiles() throws {
        guard let marker = filesLostMarker else { return }
        try Self.refuseIfAnEarlierRunLeft(marker)
    }

    /// Why the store in `directory` could not be opened for a cycle: when an earlier run left the
    /// marker, that run's files were removed under it (the store may be damaged by it), and the
    /// marker's explanation — the rescued copy to restore — is what the operator needs, with the
    /// opening error after it. Otherwise `error` itself.
    public static func openingProblem(_ error: any Error, directory: URL) -> any Error {
        do {
            try refuseIfAnEarlierRunLeft(directory.appendingPathComponent(filesLostMarkerName))
            return error
        } catch let lost as StoreFilesLostError {
            return StoreFilesLostError(kind: lost.kind, marker: lost.marker, openingError: "\(error)")
        } catch {
            return error
        }
    }

    private static func refuseIfAnEarlierRunLeft(_ marker: URL) throws {
        var status = stat()
        guard lstat(marker.path, &status) == 0 else { return }
        // Whatever stands at the marker's name stops trading; its text is only read from a regular file (never blocks on a FIFO).
        let text = String((MarkerFile.text(at: marker) ?? "(the file cannot be read as text)").prefix(2000)).trimmingCharacters(in: .whitespacesAndNewlines)
        throw StoreFilesLostError(kind: .earlierRun(markerText: text), marker: marker.path)
    }

    /// Copies the database as this process's connection sees it — with the writes that only the
    /// unlinked `-wal` still holds — into a new single file beside the store, names it in the
    /// marker and returns it. Nothing else in the folder is changed.
    public func rescueCopy(runId: String) throws -> URL {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let stamp = Date().isoWithOffset.filter { $0.isNumber }
        let target = folder.appendingPathComponent("cycle-rescued-\(stamp)-\(getpid()).sqlite")
        guard !FileManager.default.fileExists(atPath: target.path) else {
            throw StateDatabaseError(path: target.path, problem: "already exists", remedy: "nothing was overwritten")
        }
        let copy = try DatabaseQueue(path: target.path)
        try writer.backup(to: copy)
        try copy.close()
        if let marker = filesLostMarker {
            _ = MarkerFile.append("Everything run \(runId) could still read was saved in \(target.path).\n", at: marker)
        }
        return target
    }

    /// Copies the committed WAL frames into `cycle.sqlite` (best effort, never waits for readers):
    /// once the run's writes are in the database file itself, losing the `-wal` later loses none of them.
    public func checkpoint() {
        _ = try? writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)") }
    }

}

/// The marker file: appended to (created, never following a link planted at its name) and read
/// (a regular file only, at most 64 KB).
private enum MarkerFile {
    /// nil when written and synced, else what went wrong.
    static func append(_ text: String, at marker: URL) -> String? {
        let fd = open(marker.path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { return written < 0 ? String(cString: strerror(errno)) : "short write" }
        guard fsync(fd) == 0 else { return String(cString: strerror(errno)) }
        return nil
    }

    static func text(at marker: URL) -> String? {
        (try? InputFile.read(marker.path) { $0 > 65_536 ? "is too large" : nil }).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// The store's files were removed or replaced under a running cycle, now or by an earlier run.
public struct StoreFilesLostError: CycleStoppingError, CustomStringConvertible {
    public enum Kind: Sendable {
        case underThisRun(runId: String, problems: [String])
        case earlierRun(markerText: String)
    }

    public let kind: Kind
    /// The marker that stops later cycles until an operator removes it.
    public let marker: String
    /// Why the marker could not be written (a full disk…): later cycles are then NOT stopped by it.
    public var markerProblem: String? = nil
    /// Why the store could not even be opened, when that is how the marker was met.
    public var openingError: String? = nil

    public var description: String {
        switch kind {
        case .underThisRun(let runId, let problems):
            return "The state store's files were removed or replaced while run \(runId) had them open (\(problems.joined(separator: "; "))). "
                + "What it wrote since then (state, order journal, report) may not be in the files a next run would read. Nothing more is sent; "
                + (markerProblem.map { "the marker \(marker) could NOT be written (\($0)), so later cycles are not stopped by it: halt the account now (cycle halt). " }
                    ?? "every later cycle trades nothing while \(marker) exists. ")
                + "Check the exchange's order history for this run's orders, "
                + "restore the rescued copy named in that file, then delete it (RUNBOOK: store files removed under a running cycle)."
        case .earlierRun(let text):
            return "An earlier run found the state store's files removed under it, so the store may be missing its orders and positions; "
                + "this cycle trades nothing. \(marker) says: \(text) Restore the rescued copy it names (or confirm the store is right "
                + "against the exchange's order history), then delete \(marker) (RUNBOOK: store files removed under a running cycle)."
                + (openingError.map { " Opening the store also failed: \($0)" } ?? "")
        }
    }
}
