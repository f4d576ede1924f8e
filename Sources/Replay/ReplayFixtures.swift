import Engine
import Foundation
import LocalStore
import Strategy

/// The replay fixture folder in the original's format (docs/replay.md): four snapshot files, plus
/// optional `local_artifact.json` (the local-file rung) and `klines/SYMBOL.json`.
public struct ReplayFixtures: Sendable {
    public static let accountFile = "account_balances_snapshot.json"
    public static let stateFile = "initial_state_snapshot.json"
    public static let poolFile = "pool_input_snapshot.json"
    public static let marketFile = "market_data_snapshot.json"
    public static let localArtifactFile = "local_artifact.json"
    public static let klinesFolder = "klines"

    /// The folder the files are read from; nil for a recorded cycle's files held in memory.
    public let directory: URL?
    public let account: JSONValue
    /// A recorded cycle's files (`RecordedFixture`), read instead of a folder.
    private let recorded: [String: JSONValue]?

    /// Reads the account snapshot, which everything else needs; other files are read lazily by their adapters.
    public init(directory: URL) throws {
        self.directory = directory
        recorded = nil
        self.account = try Self.read(directory.appendingPathComponent(Self.accountFile))
    }

    /// A recorded cycle's files, without a folder (`cycle replay --recorded`).
    public init(recorded fixture: RecordedFixture) throws {
        directory = nil
        recorded = fixture.files
        guard let account = fixture.files[Self.accountFile] else { throw FixtureError(file: "recorded:\(Self.accountFile)", problem: "does not exist") }
        self.account = account
    }

    static func read(_ url: URL) throws -> JSONValue {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw FixtureError(file: url.relativePath, problem: "does not exist")
        }
        do {
            return try JSONParser.parse(try Data(contentsOf: url))
        } catch {
            throw FixtureError(file: url.relativePath, problem: "is not valid JSON (\(error))")
        }
    }

    /// One file's content; nil when the fixture does not have it.
    private func file(_ name: String) throws -> JSONValue? {
        if let recorded { return recorded[name] }
        guard let directory else { return nil }
        let url = directory.appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: url.path) ? try Self.read(url) : nil
    }

    /// A file the fixture must have: a missing one is named as the folder's file (or the recording's).
    private func required(_ name: String) throws -> JSONValue {
        if let directory { return try Self.read(directory.appendingPathComponent(name)) }
        guard let content = recorded?[name] else { throw FixtureError(file: label(name), problem: "does not exist") }
        return content
    }

    private func label(_ name: String) -> String {
        directory == nil ? "recorded:\(name)" : "replay:\(name)"
    }

    /// The state store: the initial state, or a load failure naming the file.
    public func stateStore() -> InMemoryStateStore {
        do {
            return InMemoryStateStore(document: try required(Self.stateFile))
        } catch {
            return InMemoryStateStore(loadError: error)
        }
    }

    /// The pool input plays the fresh upstream document; a missing file means upstream unavailable.
    public func upstream() -> any ArtifactSource {
        let label = label(Self.poolFile)
        do {
            guard let payload = try file(Self.poolFile) else {
                return StaticArtifactSource(label: label, missingReason: "upstream document \(label) does not exist")
            }
            return StaticArtifactSource(label: label, payload: payload)
        } catch {
            return StaticArtifactSource(label: label, failure: "\(error)")
        }
    }

    /// Only the fixture's own local artifact: replay never reads files outside its folder.
    public func localFiles() -> [any ArtifactSource] {
        if let recorded {
            return recorded[Self.localArtifactFile].map { [StaticArtifactSource(label: label(Self.localArtifactFile), payload: $0)] } ?? []
        }
        guard let directory else { return [] }
        let path = directory.appendingPathComponent(Self.localArtifactFile).relativePath
        return FileManager.default.fileExists(atPath: path) ? [FileArtifactSource(path: path)] : []
    }

    public var klinesDirectory: URL? {
        guard let directory else { return nil }
        let url = directory.appendingPathComponent(Self.klinesFolder)
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue ? url : nil
    }

    /// Klines from `klines/` when present, else the precomputed snapshots of `market_data_snapshot.json`.
    public func marketAnalysis(exchange: ReplayExchange) throws -> any MarketAnalysis {
        if klinesDirectory != nil { return KlineMarketAnalysis(exchange: exchange) }
        let market = try required(Self.marketFile)
        return FixedMarketAnalysis(btc: MarketSnapshotParser.btc(market["btc_snapshot"]),
                                   indicators: MarketSnapshotParser.indicators(market["trend_indicators"]))
    }
}

/// A fixture that cannot be used; names the file.
public struct FixtureError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let problem: String
    public var description: String { "Fixture \(file) \(problem). Fix or replace this file and run the replay again." }
}
