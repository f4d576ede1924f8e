import Engine
import Foundation

/// A live-pool artifact in a local JSON file: the ladder's `local_file` rung.
public struct FileArtifactSource: ArtifactSource {
    public let path: String
    /// `file:<path>` for the local-file rung; the paper exchange's upstream says `paper:<path>`.
    public let label: String

    public init(path: String, label: String? = nil) {
        self.path = path
        self.label = label ?? "file:\(path)"
    }

    public func fetch() async throws -> ArtifactFetch {
        let expanded = (path as NSString).expandingTildeInPath
        guard FileManager.default.fileExists(atPath: expanded) else {
            return .missing(reason: "pool file not found: \(path)")
        }
        do {
            return .payload(try JSONParser.parse(try Data(contentsOf: URL(fileURLWithPath: expanded))))
        } catch {
            throw ArtifactReadError(message: "pool file \(path) is not valid JSON: \(error)")
        }
    }

    /// `STRATEGY_ARTIFACT_FILE` first, then the conventional locations of the upstream
    /// pipeline's output under the working directory and the home directory.
    public static func candidates(configuredPath: String?, workingDirectory: String, home: String) -> [FileArtifactSource] {
        var paths: [String] = []
        if let configuredPath { paths.append(configuredPath) }
        paths.append(workingDirectory + "/Fixtures/live_pool_legacy.json")
        for root in [workingDirectory, home] {
            for repository in ["CryptoLivePoolPipelines", "crypto-live-pool-pipelines"] {
                paths.append("\(root)/\(repository)/data/output/live_pool_legacy.json")
            }
        }
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }.map { FileArtifactSource(path: $0) }
    }
}

/// BTC cycle indicators (`ahr999`, `mayer_multiple`, …) from the upstream pipeline's JSON file.
public struct FileCycleIndicatorSource: CycleIndicatorSource {
    public let path: String
    public var label: String { path }

    public init(path: String) {
        self.path = path
    }

    /// `BTC_CYCLE_INDICATORS_PATH`, else the first default location that exists.
    public static func locate(configuredPath: String?, workingDirectory: String) -> FileCycleIndicatorSource? {
        if let configuredPath { return FileCycleIndicatorSource(path: configuredPath) }
        let defaults = ["data/output/latest/btc_cycle_indicators.json", "data/output/btc_cycle_indicators.json"]
        return defaults.map { workingDirectory + "/" + $0 }.first { FileManager.default.fileExists(atPath: $0) }
            .map(FileCycleIndicatorSource.init(path:))
    }

    public func load() async throws -> [String: Double] {
        let document = try JSONParser.parse(try Data(contentsOf: URL(fileURLWithPath: path)))
        guard let object = document.objectValue else { throw ArtifactReadError(message: "\(path) is not a JSON object") }
        return Dictionary(uniqueKeysWithValues: object.compactMap { key, value in
            value.numberValue.flatMap { $0.isFinite ? (key, $0) : nil }
        })
    }
}
