import Engine
import Foundation
import LocalStore
import Strategy

/// The replay fixture folder in the original's format (SPEC §11): four snapshot files, plus
/// optional `local_artifact.json` (the local-file rung) and `klines/SYMBOL.json`.
public struct ReplayFixtures: Sendable {
    public static let accountFile = "account_balances_snapshot.json"
    public static let stateFile = "initial_state_snapshot.json"
    public static let poolFile = "pool_input_snapshot.json"
    public static let marketFile = "market_data_snapshot.json"
    public static let localArtifactFile = "local_artifact.json"
    public static let klinesFolder = "klines"

    public let directory: URL
    public let account: JSONValue

    /// Reads the account snapshot, which everything else needs; other files are read lazily by their adapters.
    public init(directory: URL) throws {
        self.directory = directory
        self.account = try Self.read(directory.appendingPathComponent(Self.accountFile))
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

    /// The state store: the initial state, or a load failure naming the file.
    public func stateStore() -> InMemoryStateStore {
        do {
            return InMemoryStateStore(document: try Self.read(directory.appendingPathComponent(Self.stateFile)))
        } catch {
            return InMemoryStateStore(loadError: error)
        }
    }

    /// The pool input plays the fresh upstream document; a missing file means upstream unavailable.
    public func upstream() -> any ArtifactSource {
        let url = directory.appendingPathComponent(Self.poolFile)
        let label = "replay:\(Self.poolFile)"
        guard FileManager.default.fileExists(atPath: url.path) else {
            return StaticArtifactSource(label: label, missingReason: "upstream document \(label) does not exist")
        }
        do {
            return StaticArtifactSource(label: label, payload: try Self.read(url))
        } catch {
            return StaticArtifactSource(label: label, failure: "\(error)")
        }
    }

    /// Only the fixture's own local artifact: replay never reads files outside its folder.
    public func localFiles() -> [any ArtifactSource] {
        let path = directory.appendingPathComponent(Self.localArtifactFile).relativePath
        return FileManager.default.fileExists(atPath: path) ? [FileArtifactSource(path: path)] : []
    }

    public var klinesDirectory: URL? {
        let url = directory.appendingPathComponent(Self.klinesFolder)
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue ? url : nil
    }

    /// Klines from `klines/` when present, else the precomputed snapshots of `market_data_snapshot.json`.
    public func marketAnalysis(exchange: ReplayExchange) throws -> any MarketAnalysis {
        if klinesDirectory != nil { return KlineMarketAnalysis(exchange: exchange) }
        let market = try Self.read(directory.appendingPathComponent(Self.marketFile))
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
