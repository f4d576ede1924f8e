import BinanceWireFormat
import Engine
import Foundation
import Strategy

/// A recorded cycle (`RecordedInputs`) in the original's replay fixture format: the four
/// snapshot files (and `local_artifact.json` when the local-file rung was used), plus what the
/// format has no place for — the clock, the rung, parts of the account that failed to read and
/// the BTC cycle-indicator overrides. Stored as one JSON document with the cycle's report;
/// `write(to:)` makes the fixture folder `cycle replay --fixtures-dir` reads.
public struct RecordedFixture: Sendable {
    public static let formatVersion: Int64 = 1

    /// File name → content, in the original's replay format.
    public var files: [String: JSONValue]
    public var now: Date
    /// The rung the live cycle's pool came from (`fresh_upstream`, `last_known_good`, …).
    public var poolRung: String?
    /// Parts of the account the live cycle could not read (`spot`, `earn`, `prices`, `rules`) and why.
    public var readFailures: [String: String]
    public var cycleIndicatorOverrides: [String: Double]?
    /// The decision-shaping settings the cycle ran with (`exposure_cap`, `notify_lang`,
    /// `allow_new_entries_on_degraded`); a replay decides with these, not the environment's.
    public var exposureCap: Double
    public var notifyLanguage: Config.Language
    public var allowNewEntriesOnDegraded: Bool

    public init(_ inputs: RecordedInputs) {
        now = inputs.now
        exposureCap = inputs.exposureCap
        notifyLanguage = inputs.notifyLanguage
        allowNewEntriesOnDegraded = inputs.allowNewEntriesOnDegraded
        poolRung = inputs.pool?.rung.rawValue
        readFailures = inputs.readFailures.merging(inputs.loadFailure.map { ["state": $0] } ?? [:]) { first, _ in first }
        cycleIndicatorOverrides = inputs.cycleIndicatorOverrides?.fields
        files = [
            ReplayFixtures.accountFile: Self.account(inputs),
            ReplayFixtures.stateFile: inputs.state ?? .object([:]),
            ReplayFixtures.marketFile: Self.market(inputs),
        ]
        if let pool = inputs.pool {
            switch pool.rung {
            case .freshUpstream: files[ReplayFixtures.poolFile] = .object(pool.payload.document)
            case .localFile: files[ReplayFixtures.localArtifactFile] = .object(pool.payload.document)
            case .lastKnownGood, .staticUniverse: break
            }
        }
    }

    /// The stored form: `{format, now, pool_rung, read_failures, cycle_indicator_overrides, files}`.
    public var json: JSONValue {
        var object: JSONObject = [
            "format": .int(Self.formatVersion), "now": .string(now.isoWithOffset),
            "read_failures": .object(JSONObject(uniqueKeysWithValues: readFailures.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })),
            "files": .object(JSONObject(uniqueKeysWithValues: files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })),
            "settings": ["exposure_cap": .double(exposureCap), "notify_lang": .string(notifyLanguage.rawValue),
                         "allow_new_entries_on_degraded": .bool(allowNewEntriesOnDegraded)],
        ]
        object["pool_rung"] = poolRung.map(JSONValue.string) ?? .null
        object["cycle_indicator_overrides"] = cycleIndicatorOverrides.map { fields in
            .object(JSONObject(uniqueKeysWithValues: fields.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.double($0.value)) }))
        } ?? .null
        return .object(object)
    }

    /// Reads the stored form back; nil names nothing usable (another format, a damaged row).
    public init?(stored: JSONValue) {
        guard stored["format"]?.numberValue == Double(Self.formatVersion), let files = stored["files"]?.objectValue,
              let now = stored["now"]?.stringValue.flatMap(Date.parseISO8601),
              let exposureCap = stored["settings"]?["exposure_cap"]?.numberValue, exposureCap.isFinite,
              let language = stored["settings"]?["notify_lang"]?.stringValue.flatMap(Config.Language.init(rawValue:)),
              let allowNew = stored["settings"]?["allow_new_entries_on_degraded"]?.boolValue else { return nil }
        self.exposureCap = exposureCap
        notifyLanguage = language
        allowNewEntriesOnDegraded = allowNew
        self.files = Dictionary(uniqueKeysWithValues: files.map { ($0.key, $0.value) })
        self.now = now
        poolRung = stored["pool_rung"]?.stringValue
        readFailures = (stored["read_failures"]?.objectValue ?? [:]).reduce(into: [:]) { $0[$1.key] = $1.value.stringValue ?? "" }
        cycleIndicatorOverrides = stored["cycle_indicator_overrides"]?.objectValue?.reduce(into: [String: Double]()) { fields, entry in
            if let number = entry.value.numberValue, number.isFinite { fields[entry.key] = number }
        }
    }

    /// `config` with the recorded settings in place of its own.
    public func applied(to config: Config) -> Config {
        var config = config
        config.exposureCap = exposureCap
        config.notifyLanguage = notifyLanguage
        config.allowNewEntriesOnDegraded = allowNewEntriesOnDegraded
        return config
    }

    /// Writes the fixture folder (pretty JSON, one file each); nothing machine-specific is in it.
    public func write(to folder: URL) throws {
        try OutputFile.createFolder(folder)
        for (name, content) in files.sorted(by: { $0.key < $1.key }) {
            try OutputFile.replace(folder.appendingPathComponent(name).path, with: Data((JSONWriter.string(content, pretty: true) + "\n").utf8))
        }
    }

    private static func account(_ inputs: RecordedInputs) -> JSONValue {
        let spot = (inputs.spot ?? [:]).sorted { $0.key < $1.key }.map { asset, balance in
            (asset, JSONValue.object(["free": .double(balance.free), "locked": .double(balance.locked)]))
        }
        let earn = (inputs.earn ?? [:]).sorted { $0.key < $1.key }.map { asset, position -> (String, JSONValue) in
            let row = JSONValue.object(["productId": .string(position.productId), "totalAmount": .double(position.totalAmount)])
            return (asset, JSONValue.object(["rows": .array([row])]))
        }
        let products = inputs.productIds.sorted { $0.key < $1.key }.map { asset, id -> (String, JSONValue) in
            let rows: [JSONValue] = id.map { [JSONValue.object(["productId": .string($0)])] } ?? []
            return (asset, JSONValue.object(["rows": .array(rows)]))
        }
        let prices = (inputs.prices ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, JSONValue.double($0.value)) }
        let rules = (inputs.rules ?? [:]).sorted { $0.key < $1.key }.map { symbol, rules in
            var info: JSONObject = ["filters": BinanceWire.filters(rules)]
            if let listing = rules.listing {
                info["baseAsset"] = .string(listing.baseAsset)
                info["status"] = .string(listing.status)
            }
            return (symbol, JSONValue.object(info))
        }
        return [
            "spot_balances": .object(JSONObject(uniqueKeysWithValues: spot)),
            "earn_positions": .object(JSONObject(uniqueKeysWithValues: earn)),
            "earn_product_list": .object(JSONObject(uniqueKeysWithValues: products)),
            "avg_prices": .object(JSONObject(uniqueKeysWithValues: prices)),
            "symbol_info": .object(JSONObject(uniqueKeysWithValues: rules)),
        ]
    }

    private static func market(_ inputs: RecordedInputs) -> JSONValue {
        var market: JSONObject = [:]
        if let btc = inputs.btc {
            var snapshot: JSONObject = [
                "ma200": .double(btc.ma200), "zscore": .double(btc.zscore), "geom200": .double(btc.geom200),
                "sell_trigger": .double(btc.sellTrigger), "ma200_slope": .double(btc.ma200Slope), "ahr999": .double(btc.ahr999),
                "regime_on": .bool(btc.regimeOn),
            ]
            snapshot["btc_roc20"] = btc.btcRoc20.map(JSONValue.double) ?? .null
            snapshot["btc_roc60"] = btc.btcRoc60.map(JSONValue.double) ?? .null
            snapshot["btc_roc120"] = btc.btcRoc120.map(JSONValue.double) ?? .null
            market["btc_snapshot"] = .object(snapshot)
        } else {
            market["btc_snapshot"] = .null
        }
        market["trend_indicators"] = .object(JSONObject(uniqueKeysWithValues: inputs.indicators.sorted { $0.key < $1.key }.map { symbol, row in
            (symbol, JSONValue.object([
                "close": .double(row.close), "sma20": .double(row.sma20), "sma60": .double(row.sma60), "sma200": .double(row.sma200),
                "roc20": .double(row.roc20), "roc60": .double(row.roc60), "roc120": .double(row.roc120), "vol20": .double(row.vol20),
                "atr14": .double(row.atr14), "avg_quote_vol_30": .double(row.avgQuoteVol30), "avg_quote_vol_90": .double(row.avgQuoteVol90),
                "avg_quote_vol_180": .double(row.avgQuoteVol180), "trend_persist_90": .double(row.trendPersist90), "age_days": .int(Int64(row.ageDays)),
            ]))
        }))
        return .object(market)
    }
}
