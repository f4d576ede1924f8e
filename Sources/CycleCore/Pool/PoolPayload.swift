import Foundation
import Strategy

/// A validated, normalized live-pool artifact (docs/strategy.md#validation): exactly the keys the original keeps.
/// Immutable, so shared by reference: a cycle hands its pool to the report, the state and the
/// next step without copying the symbols, the members and the document each time.
public final class PoolPayload: Sendable, Equatable {
    /// `YYYY-MM-DD`, or empty for the static universe.
    public let asOfDate: String
    public let version: String
    public let mode: String
    public let symbols: [String]
    /// Symbol → base asset, in symbol order.
    public let baseAssets: [String: String]
    public let sourceProject: String
    /// The pool's members, in symbol order (made once: every cycle reads them).
    public let members: [UniverseMember]
    /// The normalized payload as stored in `trend_pool_last_good_payload` (made once: a
    /// backtest keeps one payload for a whole day of cycles).
    public let document: JSONObject

    public init(asOfDate: String, version: String, mode: String, symbols: [String], baseAssets: [String: String], sourceProject: String) {
        self.asOfDate = asOfDate
        self.version = version
        self.mode = mode
        self.symbols = symbols
        self.baseAssets = baseAssets
        self.sourceProject = sourceProject
        let members = symbols.map { UniverseMember(symbol: $0, baseAsset: baseAssets[$0] ?? inferBaseAsset($0), isRetired: false) }
        self.members = members
        self.document = [
            "as_of_date": .string(asOfDate),
            "version": .string(version),
            "mode": .string(mode),
            "pool_size": .int(Int64(symbols.count)),
            "symbols": JSONValue(symbols),
            "symbol_map": .object(JSONObject(uniqueKeysWithValues: members.map { member in
                (member.symbol, JSONValue.object(["base_asset": .string(member.baseAsset)]))
            })),
            "source_project": .string(sourceProject),
        ]
    }

    public var poolSize: Int { symbols.count }

    public static func == (lhs: PoolPayload, rhs: PoolPayload) -> Bool {
        lhs === rhs || (lhs.asOfDate == rhs.asOfDate && lhs.version == rhs.version && lhs.mode == rhs.mode && lhs.symbols == rhs.symbols
            && lhs.baseAssets == rhs.baseAssets && lhs.sourceProject == rhs.sourceProject)
    }

    /// The built-in last-resort universe (docs/strategy.md#the-ladder rung 4).
    public static let staticFallback = PoolPayload(
        asOfDate: "", version: "static-fallback", mode: "static",
        symbols: StrategyConstants.staticUniverse,
        baseAssets: Dictionary(uniqueKeysWithValues: StrategyConstants.staticUniverse.map { ($0, inferBaseAsset($0)) }),
        sourceProject: "BinancePlatform"
    )
}

/// The validation rules' settings (docs/configuration.md, docs/strategy.md#validation).
public struct PoolContract: Sendable, Equatable {
    public var maxAgeDays: Int
    public var acceptableModes: [String]
    public var expectedSize: Int

    public init(maxAgeDays: Int, acceptableModes: [String], expectedSize: Int) {
        self.maxAgeDays = maxAgeDays
        self.acceptableModes = acceptableModes
        self.expectedSize = expectedSize
    }

    public init(config: Config) {
        self.init(maxAgeDays: config.artifactMaxAgeDays, acceptableModes: config.artifactAcceptableModes,
                  expectedSize: config.artifactExpectedSize)
    }
}

/// Outcome of validating one raw payload: usable or not, with its errors and warnings in order.
public struct PoolValidation: Sendable, Equatable {
    public var payload: PoolPayload
    public var errors: [String]
    public var warnings: [String]
    /// Age ≤ max age (computed even when freshness is not enforced).
    public var isFresh: Bool
    public var isUsable: Bool { errors.isEmpty }
}
