import Foundation
import Strategy

/// A validated, normalized live-pool artifact (SPEC §4.2): exactly the keys the original keeps.
public struct PoolPayload: Sendable, Equatable {
    /// `YYYY-MM-DD`, or empty for the static universe.
    public var asOfDate: String
    public var version: String
    public var mode: String
    public var symbols: [String]
    /// Symbol → base asset, in symbol order.
    public var baseAssets: [String: String]
    public var sourceProject: String

    public var poolSize: Int { symbols.count }

    public var members: [UniverseMember] {
        symbols.map { UniverseMember(symbol: $0, baseAsset: baseAssets[$0] ?? inferBaseAsset($0), isRetired: false) }
    }

    /// The normalized payload as stored in `trend_pool_last_good_payload`.
    public var document: JSONValue {
        [
            "as_of_date": .string(asOfDate),
            "version": .string(version),
            "mode": .string(mode),
            "pool_size": .int(Int64(poolSize)),
            "symbols": JSONValue(symbols),
            "symbol_map": .object(JSONObject(uniqueKeysWithValues: symbols.map { symbol in
                (symbol, JSONValue.object(["base_asset": .string(baseAssets[symbol] ?? inferBaseAsset(symbol))]))
            })),
            "source_project": .string(sourceProject),
        ]
    }

    /// The built-in last-resort universe (SPEC §4.3 rung 4).
    public static let staticFallback = PoolPayload(
        asOfDate: "", version: "static-fallback", mode: "static",
        symbols: StrategyConstants.staticUniverse,
        baseAssets: Dictionary(uniqueKeysWithValues: StrategyConstants.staticUniverse.map { ($0, inferBaseAsset($0)) }),
        sourceProject: "BinancePlatform"
    )
}

/// The validation rules' settings (SPEC §2, §4.2).
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
