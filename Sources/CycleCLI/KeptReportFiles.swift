import Engine
import Foundation
import LocalStore

/// The reports kept as files beside the store (`reports/<run id>.json`): every cycle leaves
/// one whatever its status, also an aborted cycle (which deliberately does not write the
/// database: it may be what is broken or busy) and one stopped by the deadline watchdog.
/// `cycle health` and `cycle stats` read them with the database's rows, so no cycle is missed;
/// a report in both counts once (the database's row wins). Reading never blocks on the store.
/// One store folder serves one trading account: its report files count for the account read.
struct KeptReportFiles {
    struct Report {
        var runId: String
        var status: String
        var startedAt: String
        /// When the file was written (its modification time).
        var keptAt: Date
        var text: String
        var firstError: String?
    }

    let folder: URL

    init(stateDirectory: URL) {
        folder = stateDirectory.appendingPathComponent("reports")
    }

    /// Report files written at or after `since`, newest first; files that are not a report are skipped.
    func reports(since: Date = .distantPast) -> [Report] {
        files(since: since).compactMap { url, modified in Self.read(url, keptAt: modified) }
    }

    /// The regular `.json` files written at or after `since`, newest first (nothing read yet).
    private func files(since: Date) -> [(URL, Date)] {
        let manager = FileManager.default
        let names = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
        let dated: [(URL, Date)] = names.filter { $0.hasSuffix(".json") }.compactMap { name in
            let url = folder.appendingPathComponent(name)
            guard let attributes = try? manager.attributesOfItem(atPath: url.path), attributes[.type] as? FileAttributeType == .typeRegular,
                  let modified = attributes[.modificationDate] as? Date, modified >= since else { return nil }
            return (url, modified)
        }
        return dated.sorted { $0.1 > $1.1 }
    }

    private static func read(_ url: URL, keptAt: Date) -> Report? {
        // A report is a few tens of KB; anything far larger is not one.
        // Read through InputFile: a FIFO swapped in after the listing never blocks, the size is checked before reading.
        let limit = 16 * 1024 * 1024
        guard let data = try? InputFile.read(url.path, sizeProblem: { $0 > limit ? "is larger than a report" : nil }),
              let json = try? JSONParser.parse(data),
              let runId = json["run_id"]?.stringValue, let status = json["status"]?.stringValue else { return nil }
        return Report(runId: runId, status: status, startedAt: json["started_at"]?.stringValue ?? "", keptAt: keptAt,
                      text: String(decoding: data, as: UTF8.self),
                      firstError: json["error_summary"]?["errors"]?.arrayValue?.first?["message"]?.stringValue)
    }

    /// Run id and start of a report's text, what makes a file and a database row the same cycle.
    static func identity(ofReportText text: String) -> String? {
        guard let json = try? JSONParser.parse(text), let runId = json["run_id"]?.stringValue else { return nil }
        return "\(runId)@\(json["started_at"]?.stringValue ?? "")"
    }

    static func identity(of report: Report) -> String { "\(report.runId)@\(report.startedAt)" }

    /// The newest report file the store has no row for, when it is newer than the store's last row.
    func newestMissingFrom(_ store: any DeploymentStore, after last: Date?) async -> Report? {
        for (url, modified) in files(since: last ?? .distantPast) {
            guard let report = Self.read(url, keptAt: modified) else { continue }
            let stored = (try? await store.report(runId: report.runId)).flatMap { $0 }.flatMap(Self.identity(ofReportText:))
            if stored != Self.identity(of: report) { return report }
        }
        return nil
    }

    /// The store's report texts with the files' reports it has no row for added.
    func merged(withStored stored: [String], since: Date) -> [String] {
        let known = Set(stored.compactMap(Self.identity(ofReportText:)))
        return stored + reports(since: since).filter { !known.contains(Self.identity(of: $0)) }.map(\.text)
    }
}
